// A prior on mu narrower than the generator's: mu's ranks pile up at both ends.
data {
  int<lower=1> N;
  vector[N] y;
}
parameters {
  real mu;
  real<lower=0> sigma;
}
model {
  mu ~ normal(0, 0.25);
  sigma ~ lognormal(0, 0.5);
  y ~ normal(mu, sigma);
}
