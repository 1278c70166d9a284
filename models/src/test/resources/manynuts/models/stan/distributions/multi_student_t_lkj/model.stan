// multi_student_t and the LKJ densities of parameters, with ~ and with their constants, including eta a parameter.
data {
  int N;
  array[N] vector[3] y;
}
parameters {
  real<lower=1> nu;
  vector[3] mu;
  vector<lower=0>[3] scale;
  cholesky_factor_corr[3] L;
  corr_matrix[3] Omega;
  real<lower=0> eta;
}
model {
  matrix[3, 3] Sigma = quad_form_diag(multiply_lower_tri_self_transpose(L), scale);
  y ~ multi_student_t(nu, mu, Sigma);
  target += multi_student_t_lpdf(y[1] | nu, mu, Sigma);
  L ~ lkj_corr_cholesky(2.5);
  target += lkj_corr_cholesky_lpdf(L | eta);
  Omega ~ lkj_corr(eta);
  target += lkj_corr_lpdf(Omega | 1.5);
  scale ~ lognormal(0, 1);
  eta ~ gamma(2, 1);
}
