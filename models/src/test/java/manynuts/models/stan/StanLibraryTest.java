package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Built-in functions against plain Stan code that computes the same thing, values and gradients alike. */
class StanLibraryTest {

    @Test
    void prodMultipliesEveryElement() {
        StanModel model = StanPrograms.compile("parameters { vector[3] x; } model { target += prod(x); }", "{}");
        assertEquals(-0.5 * 2.0 * 3.0, StanPrograms.logDensity(model, -0.5, 2.0, 3.0), 1e-15);
        double[] g = StanPrograms.gradient(model, -0.5, 2.0, 0.0);
        assertEquals(0.0, g[0], 0.0);
        assertEquals(0.0, g[1], 0.0);
        assertEquals(-1.0, g[2], 1e-15);
        GradientCheck.check(model, 3, 2);
    }

    @Test
    void glmsAreTheirFamilyAtTheLinearPredictor() {
        String data = "{\"N\": 4, \"K\": 2, \"y\": [0, 1, 1, 0], \"c\": [3, 0, 2, 7],"
                + " \"X\": [[0.5, -1], [1.5, 2], [-0.3, 0.1], [1, 1]]}";
        String head = "data { int N; int K; array[N] int y; array[N] int c; matrix[N, K] X; }"
                + " parameters { real a; vector[K] b; real<lower=0> phi; } model { ";
        StanPrograms.assertSameDensity(head + "target += bernoulli_logit_lpmf(y | a + X * b); }",
                head + "target += bernoulli_logit_glm_lpmf(y | X, a, b); }", data);
        StanPrograms.assertSameDensity(head + "target += poisson_log_lpmf(c | a + X * b); }",
                head + "target += poisson_log_glm_lpmf(c | X, a, b); }", data);
        StanPrograms.assertSameDensity(head + "target += neg_binomial_2_log_lpmf(c | a + X * b, phi); }",
                head + "target += neg_binomial_2_log_glm_lpmf(c | X, a, b, phi); }", data);
        StanPrograms.assertSameDensity(head + "y ~ bernoulli_logit(a + X * b); }",
                head + "y ~ bernoulli_logit_glm(X, a, b); }", data);
    }

    @Test
    void appendStacksRowsAndColumns() {
        String data = "{\"M\": [[1, 2], [3, 4]]}";
        String head = "data { matrix[2, 2] M; } parameters { vector[2] v; real r; } model { ";
        // append_col(v, M) is [v, M]; append_row(M, v') puts v' below M; append_row(r, v) is [r; v].
        StanPrograms.assertSameDensity(head + "target += v[1] + 2 * M[1, 1] + 3 * M[1, 2] + 4 * v[2] + 5 * M[2, 1]"
                + " + 6 * M[2, 2]; }", head + "matrix[2, 3] A = append_col(v, M);"
                + " target += A[1, 1] + 2 * A[1, 2] + 3 * A[1, 3] + 4 * A[2, 1] + 5 * A[2, 2] + 6 * A[2, 3]; }",
                data);
        StanPrograms.assertSameDensity(head + "target += M[2, 1] * v[1] + M[1, 2] * v[2]; }",
                head + "matrix[3, 2] A = append_row(M, v'); target += A[2, 1] * A[3, 1] + A[1, 2] * A[3, 2]; }",
                data);
        StanPrograms.assertSameDensity(head + "target += r * v[2]; }",
                head + "vector[3] a = append_row(r, v); target += a[1] * a[3]; }", data);
        StanPrograms.assertSameDensity(head + "target += square(r - v[1]) + v[2]; }",
                head + "row_vector[3] a = append_col(r, v');"
                + " target += square(a[1] - a[2]) + a[3]; }", data);
    }

    @Test
    void subColumnsRowsBlocksAndRepeatedVectors() {
        String data = "{}";
        String head = "parameters { matrix[3, 4] m; vector[2] v; } model { ";
        StanPrograms.assertSameDensity(head + "target += m[2, 3] - 2 * m[3, 3]; }",
                head + "vector[2] c = sub_col(m, 2, 3, 2); target += c[1] - 2 * c[2]; }", data);
        StanPrograms.assertSameDensity(head + "target += m[3, 2] * m[3, 4]; }",
                head + "row_vector[3] r = sub_row(m, 3, 2, 3); target += r[1] * r[3]; }", data);
        StanPrograms.assertSameDensity(head + "target += sum(m[2:3, 3:4]); }",
                head + "target += sum(block(m, 2, 3, 2, 2)); }", data);
        StanPrograms.assertSameDensity(head + "target += 3 * v[1] + 3 * square(v[2]); }",
                head + "matrix[2, 3] a = rep_matrix(v, 3); matrix[3, 2] b = rep_matrix(v', 3);"
                + " target += sum(a[1]) + sum(square(col(b, 2))); }", data);
    }

    @Test
    void quadFormDiagScalesRowsAndColumns() {
        String head = "parameters { matrix[2, 2] m; vector[2] v; } model { ";
        StanPrograms.assertSameDensity(head + "target += v[1] * m[1, 2] * v[2] + square(v[2]) * m[2, 2]; }",
                head + "matrix[2, 2] q = quad_form_diag(m, v); target += q[1, 2] + q[2, 2]; }", "{}");
    }

    @Test
    void truncationSubtractsTheLogProbabilityOfTheInterval() {
        String data = "{\"y\": 0.7}";
        String head = "data { real y; } parameters { real mu; real<lower=0> sigma; } model { ";
        // ~ drops the normal's constant -log(sqrt(2 pi)) and the lognormal's -log(y), which read no parameter.
        StanPrograms.assertSameDensity(head + "target += normal_lpdf(y | mu, sigma) + 0.9189385332046728"
                + " - log_diff_exp(normal_lcdf(2 | mu, sigma), normal_lcdf(0 | mu, sigma)); }",
                head + "y ~ normal(mu, sigma) T[0, 2]; }", data);
        StanPrograms.assertSameDensity(head + "target += lognormal_lpdf(y | mu, sigma)"
                + " - lognormal_lccdf(0.5 | mu, sigma); }",
                head + "y ~ lognormal(mu, sigma) T[0.5, ]; target += -0.9189385332046728 - log(y); }", data);
        StanPrograms.assertSameDensity(head + "target += weibull_lpdf(y | sigma, exp(mu))"
                + " - weibull_lcdf(3 | sigma, exp(mu)); }",
                head + "y ~ weibull(sigma, exp(mu)) T[, 3]; }", data);
        StanModel outside = StanPrograms.compile(head + "y ~ normal(mu, sigma) T[1, ]; }", data);
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(outside, 0.0, 0.0));
    }

    @Test
    void functionsMayReturnBeforeTheirEnd() {
        String functions = "functions {"
                + " real magnitude(real x) { if (x > 0) return x; return -x; }"
                + " int first_positive(vector v) { for (i in 1:rows(v)) { if (v[i] > 0) return i; } return 0; }"
                + " vector flipped(vector v) { if (v[1] > 0) { return v; } else { return -v; } }"
                + " real weighted(vector v) { real total = 0; int k = 1;"
                + "   while (1) { if (k > rows(v)) return total; total += k * v[k]; k += 1; } return -1; } }";
        String rest = " parameters { vector[3] v; } model { target += -0.5 * dot_self(v); }";
        String plain = " parameters { vector[3] v; } model { target += -0.5 * dot_self(v); ";
        StanPrograms.assertSameDensity(plain + "target += fabs(v[2]) + (v[1] > 0 ? 1 : v[2] > 0 ? 2 : v[3] > 0 ? 3"
                + " : 0) + sum(v[1] > 0 ? v : -v) + v[1] + 2 * v[2] + 3 * v[3]; }",
                functions + plain + "target += magnitude(v[2]) + first_positive(v) + sum(flipped(v))"
                        + " + weighted(v); }", "{}");
        StanModel model = StanPrograms.compile(functions + rest
                + " generated quantities { vector[3] f = flipped(v); int p = first_positive(v); }", "{}");
        double[] out = new double[model.outputNames().size()];
        model.outputs(new double[] {-1.0, 2.0, 3.0}, out);
        assertEquals(1.0, out[3], 0.0, "f[1] = -v[1]");
        assertEquals(-3.0, out[5], 0.0, "f[3] = -v[3]");
        assertEquals(2.0, out[6], 0.0, "p");
    }

    @Test
    void aVariableMadeActiveLaterInALoopKeepsItsTermsAndGradient() {
        String head = "data { vector[3] y; } parameters { real theta; } model { ";
        StanPrograms.assertSameDensity(head + "target += -0.5 * (square(y[1]) + square(y[2] - theta)"
                + " + square(y[3] - 2 * theta)); }",
                head + "real s = 0; for (i in 1:3) { y[i] ~ normal(s, 1); s += theta; } }", "{\"y\": [0.5, 1, 2]}");
    }

    @Test
    void toIntTruncatesTowardZero() {
        StanModel model = StanPrograms.compile("data { real a; real b; } transformed data { int i = to_int(a);"
                + " int j = to_int(b); } parameters { real x; } model { target += i * x + j; }",
                "{\"a\": 2.9, \"b\": -3.7}");
        assertEquals(2 * 1.5 - 3, StanPrograms.logDensity(model, 1.5), 1e-15);
    }

    @Test
    void nestedIndexingOnTheLeftOfAnAssignment() {
        StanPrograms.assertSameDensity("parameters { real x; } model { target += -square(x); }",
                "parameters { real x; } model { array[2] vector[3] a; a[2][3] = x; a[1] = rep_vector(0, 3);"
                        + " target += -square(a[2][3]); }", "{}");
    }

    @Test
    void sizesMayBeReductionsOfData() {
        StanModel model = StanPrograms.compile("data { int K; array[K] int m; } parameters { vector[sum(m) - 1] b; }"
                + " model { b ~ normal(0, 1); }", "{\"K\": 3, \"m\": [2, 3, 1]}");
        assertEquals(5, model.dimension());
    }
}
