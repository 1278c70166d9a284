// Arguments outside their domain reject the point in the generated CUDA as in Java: s + 1 is a shape where it is
// positive and rejects the point elsewhere; the cut points are out of order where t is above 1.5.
parameters {
  real s;
  real t;
}
model {
  s ~ normal(1, 1);
  t ~ normal(0, 1);
  target += gamma_lcdf(1 | s + 1, 1) + von_mises_lpdf(0.5 | 0, s + 1);
  target += ordered_logistic_lpmf(2 | 0.3, [t, 1.5]');
}
