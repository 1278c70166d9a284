// The functions the generated CUDA must compute as the generated Java does: triangular solves, quadratic forms,
// sorts and ranks, the symmetric eigendecomposition, and locals sized by loop counters.
data {
  int N;
  vector[N] y;
}
parameters {
  vector[N] v;
  matrix[3, 3] m;
}
model {
  matrix[3, 3] l = add_diag([[0, 0, 0], [m[2, 1], 0, 0], [m[3, 1], m[3, 2], 0]], exp(0.2 * col(m, 3)));
  matrix[3, 3] a = add_diag(0.3 * (m + m'), [1, 2, 3]');
  vector[3] b = head(v, 3);
  target += -0.5 * dot_self(v) - 0.5 * sum(square(m));
  target += -0.1 * dot_self(mdivide_left_tri_low(l, b)) - 0.1 * dot_self(mdivide_right_tri_low(b', l));
  target += 0.05 * quad_form(a, b) + 0.01 * sum(quad_form_sym(a, l));
  target += dot_product(y, sort_asc(v)) + 0.5 * dot_product(y, sort_desc(v)) + 0.1 * rank(v, 2)
            + 0.01 * sort_indices_desc(v)[1];
  target += dot_product([1, -1, 0.5]', eigenvalues_sym(a)) + sum(square(eigenvectors_sym(a)[1:2, 2:3]));
  for (n in 1:3) {
    vector[n] part = segment(v, 1, n);
    target += -0.01 * n * dot_self(cumulative_sum(part));
  }
}
