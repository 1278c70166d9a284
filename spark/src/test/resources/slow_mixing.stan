// Two parameters tied closely together: with trees of one doubling the sampler creeps along the ridge, so its
// draws stay correlated over hundreds of iterations.
parameters {
  real a;
  real b;
}
model {
  a ~ normal(0, 1);
  b ~ normal(a, 0.02);
}
