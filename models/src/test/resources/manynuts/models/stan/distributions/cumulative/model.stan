// Every log distribution function built on the incomplete gamma and beta functions or on a case split, of
// parameters, so that the host build of the generated CUDA is compared with the Java model in value and gradient.
data {
  array[5] int n;
}
parameters {
  real<lower=0> y;
  real<lower=0> a;
  real<lower=0> b;
  real<lower=0, upper=1> p;
  real lo;
  real<lower=lo> u;
  real<lower=u> hi;
  real mu;
  real<lower=0> lambda;
}
model {
  target += gamma_lcdf(y | a, b) + gamma_lccdf(y | a, b) + inv_gamma_lcdf(y | a, b) + inv_gamma_lccdf(y | a, b);
  target += beta_lcdf(p | a, b) + beta_lccdf(p | a, b);
  target += uniform_lcdf(u | lo, hi) + uniform_lccdf(u | lo, hi);
  target += double_exponential_lcdf(u | mu, b) + double_exponential_lccdf(u | mu, b);
  target += poisson_lcdf(n | lambda) + poisson_lccdf(n | lambda);
  target += binomial_lcdf(n | 10, p) + binomial_lccdf(n | 10, p);
  target += neg_binomial_2_lcdf(n | lambda, a) + neg_binomial_2_lccdf(n | lambda, a);
  target += bernoulli_lcdf(n | p) + bernoulli_lccdf(0 | p);
}
