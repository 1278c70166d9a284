// von_mises and ordered_logistic, vectorised and of parameters, with ~ and with the full densities.
data {
  int N;
  vector[N] angle;
  array[N] int k;
  vector[N] x;
}
parameters {
  real mu;
  real<lower=0> kappa;
  real beta;
  ordered[3] c;
  array[2] ordered[3] c2;
}
model {
  angle ~ von_mises(mu, kappa);
  target += von_mises_lpdf(angle[1] | mu, kappa);
  k ~ ordered_logistic(beta * x, c);
  target += ordered_logistic_lpmf(k[1:2] | beta * x[1:2], c2);
  target += ordered_logistic_lupmf(k[3] | beta, c);
}
