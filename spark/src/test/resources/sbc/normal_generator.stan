// Draws a normal model's mean and scale from their priors, then N observations given them.
data {
  int<lower=1> N;
}
generated quantities {
  real mu = normal_rng(0, 1);
  real<lower=0> sigma = lognormal_rng(0, 0.5);
  vector[N] y;
  for (n in 1:N) {
    y[n] = normal_rng(mu, sigma);
  }
}
