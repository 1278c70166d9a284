// Not a generator: it samples mu rather than drawing it in generated quantities.
data {
  int<lower=1> N;
}
parameters {
  real mu;
}
model {
  mu ~ normal(0, 1);
}
