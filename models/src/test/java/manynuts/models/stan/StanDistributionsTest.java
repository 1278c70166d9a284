package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import manynuts.models.stan.runtime.Rng;
import manynuts.models.stan.runtime.StanRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * von_mises, ordered_logistic, multi_student_t and lkj_corr: densities against closed forms or quadrature, gradients
 * against finite differences, bad arguments rejecting the point, and their samplers' moments within 5 Monte Carlo
 * standard errors of the exact ones.
 */
class StanDistributionsTest {
    private static final double TOLERANCE = 1e-12;
    private static final int DRAWS = 40_000;

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
    }

    /** (1 / pi) times the integral over (0, pi) of exp(kappa cos t) cos(nu t), by the trapezoid rule (exact to
     * rounding for this periodic integrand with enough points). */
    private static double besselI(int nu, double kappa) {
        int points = 20_000;
        double sum = 0.0;
        for (int j = 0; j <= points; j++) {
            double t = Math.PI * j / points;
            double weight = j == 0 || j == points ? 0.5 : 1.0;
            sum += weight * Math.exp(kappa * Math.cos(t) - kappa) * Math.cos(nu * t);
        }
        return sum / points;
    }

    @ParameterizedTest(name = "von_mises({1}, {2}) at {0}")
    @CsvSource({"0.3, 1.0, 0.5", "-2.0, 0.5, 5.0", "3.0, 2.9, 80.0", "1.0, -7.0, 0.0"})
    void vonMisesMatchesItsNormalisingIntegral(double y, double mu, double kappa) {
        StanModel model = StanPrograms.compile("data { real y; real mu; real kappa; } parameters { real x; }"
                + " model { target += von_mises_lpdf(y | mu, kappa); }",
                "{\"y\": " + y + ", \"mu\": " + mu + ", \"kappa\": " + kappa + "}");
        // besselI is I_nu(kappa) e^-kappa.
        double expected = kappa * Math.cos(y - mu) - Math.log(2 * Math.PI) - Math.log(besselI(0, kappa)) - kappa;
        near(expected, StanPrograms.logDensity(model, 0.0), "von_mises_lpdf");
    }

    @Test
    void vonMisesGradientAndDroppedConstants() {
        GradientCheck.check(StanPrograms.compile("data { vector[3] y; } parameters { real mu; real<lower=0> kappa;"
                + " real z; } model { target += von_mises_lpdf(y | mu, kappa) + von_mises_lpdf(z | mu, kappa); }",
                "{\"y\": [0.1, -1, 2.5]}"), 3, 6);
        // ~ keeps what reads a parameter: kappa cos(y - mu) and -log I0(kappa), not -log(2 pi).
        StanPrograms.assertSameDensity("data { real y; } parameters { real mu; real<lower=0> kappa; }"
                + " model { target += von_mises_lpdf(y | mu, kappa) + log(2 * pi()); }",
                "data { real y; } parameters { real mu; real<lower=0> kappa; } model { y ~ von_mises(mu, kappa); }",
                "{\"y\": 0.4}");
    }

    @ParameterizedTest(name = "von_mises_rng({0}, {1})")
    @CsvSource({"0.5, 0.7", "-2.0, 4.0", "9.0, 40.0"})
    void vonMisesDrawsHaveTheMeanResultantLength(double mu, double kappa) {
        Rng rng = new Rng(Double.hashCode(kappa));
        double[] cosines = new double[DRAWS];
        double sines = 0.0;
        double centre = ((mu % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
        for (int i = 0; i < DRAWS; i++) {
            double y = StanRandom.von_mises_rng(rng, mu, kappa);
            assertEquals(centre, y, Math.PI + 1e-12, "a draw lies within pi of mu reduced to [0, 2 pi)");
            cosines[i] = Math.cos(y - mu);
            sines += Math.sin(y - mu);
        }
        double i0 = besselI(0, kappa);
        double i1 = besselI(1, kappa);
        double i2 = besselI(2, kappa);
        // E cos(Y - mu) = I1 / I0, E cos^2 = (1 + I2 / I0) / 2, E sin = 0 with E sin^2 = (1 - I2 / I0) / 2.
        double mean = i1 / i0;
        double variance = 0.5 * (1 + i2 / i0) - mean * mean;
        double m = Arrays.stream(cosines).average().orElseThrow();
        assertEquals(mean, m, 5 * Math.sqrt(variance / DRAWS), "mean of cos(y - mu)");
        assertEquals(0.0, sines / DRAWS, 5 * Math.sqrt(0.5 * (1 - i2 / i0) / DRAWS), "mean of sin(y - mu)");
    }

    private static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Test
    void orderedLogisticIsTheDifferenceOfLogisticProbabilities() {
        double[] c = {-1.0, 0.5, 2.0};
        double eta = 0.3;
        for (int k = 1; k <= 4; k++) {
            double above = k == 1 ? 1.0 : logistic(eta - c[k - 2]);
            double below = k == 4 ? 0.0 : logistic(eta - c[k - 1]);
            StanModel model = StanPrograms.compile("data { int k; vector[3] c; } parameters { real x; }"
                    + " model { target += ordered_logistic_lpmf(k | 0.3, c); }",
                    "{\"k\": " + k + ", \"c\": [-1, 0.5, 2]}");
            near(Math.log(above - below), StanPrograms.logDensity(model, 0.0), "outcome " + k);
        }
        StanPrograms.assertSameDensity("data { array[3] int k; } parameters { vector[3] eta; ordered[2] c; }"
                + " model { for (n in 1:3) target += ordered_logistic_lpmf(k[n] | eta[n], c); }",
                "data { array[3] int k; } parameters { vector[3] eta; ordered[2] c; }"
                + " model { k ~ ordered_logistic(eta, c); }", "{\"k\": [1, 3, 2]}");
        StanPrograms.assertSameDensity("data { array[2] int k; } parameters { real eta; array[2] ordered[3] c; }"
                + " model { target += ordered_logistic_lpmf(k[1] | eta, c[1]) + ordered_logistic_lpmf(k[2] | eta, c[2]); }",
                "data { array[2] int k; } parameters { real eta; array[2] ordered[3] c; }"
                + " model { target += ordered_logistic_lpmf(k | eta, c); }", "{\"k\": [4, 2]}");
    }

    @Test
    void orderedLogisticRejectsBadArguments() {
        String program = "data { int k; vector[3] c; } parameters { real eta; }"
                + " model { target += ordered_logistic_lpmf(k | eta, c); }";
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile(program,
                "{\"k\": 2, \"c\": [-1, 2, 0.5]}"), 0.0), "cut points out of order");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile(program,
                "{\"k\": 5, \"c\": [-1, 0.5, 2]}"), 0.0), "an outcome above K");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile(program,
                "{\"k\": 0, \"c\": [-1, 0.5, 2]}"), 0.0), "an outcome below 1");
    }

    @Test
    void orderedLogisticDrawsHaveItsProbabilities() {
        StanModel model = StanPrograms.compile("parameters { real eta; } model { eta ~ normal(0, 1); }"
                + " generated quantities { int k = ordered_logistic_rng(0.3, [-1, 0.5, 2]'); }", "{}");
        double[] c = {-1.0, 0.5, 2.0};
        int[] counts = new int[5];
        double[] out = new double[model.outputNames().size()];
        int at = model.outputNames().indexOf("k");
        int draws = 20_000;
        for (int d = 0; d < draws; d++) {
            model.outputs(new double[] {d * 1e-9}, out);
            counts[(int) out[at]]++;
        }
        for (int k = 1; k <= 4; k++) {
            double p = (k == 1 ? 1.0 : logistic(0.3 - c[k - 2])) - (k == 4 ? 0.0 : logistic(0.3 - c[k - 1]));
            assertEquals(draws * p, counts[k], 5 * Math.sqrt(draws * p * (1 - p)), "outcome " + k);
        }
    }

    @Test
    void multiStudentTMatchesItsClosedForm() {
        // Sigma = [[2, 0.6], [0.6, 1]]: det 1.64, inverse [[1, -0.6], [-0.6, 2]] / 1.64.
        double nu = 4.5;
        double[] d = {0.7 - 0.2, -1.1 - 0.4};
        double q = (d[0] * d[0] - 1.2 * d[0] * d[1] + 2 * d[1] * d[1]) / 1.64;
        double expected = org.apache.commons.math3.special.Gamma.logGamma((nu + 2) / 2)
                - org.apache.commons.math3.special.Gamma.logGamma(nu / 2) - Math.log(nu * Math.PI)
                - 0.5 * Math.log(1.64) - (nu + 2) / 2 * Math.log1p(q / nu);
        StanModel model = StanPrograms.compile("data { vector[2] y; vector[2] mu; matrix[2, 2] S; }"
                + " parameters { real x; } model { target += multi_student_t_lpdf(y | 4.5, mu, S); }",
                "{\"y\": [0.7, -1.1], \"mu\": [0.2, 0.4], \"S\": [[2, 0.6], [0.6, 1]]}");
        near(expected, StanPrograms.logDensity(model, 0.0), "multi_student_t_lpdf");
        String head = "data { array[3] vector[2] y; } parameters { real<lower=0> nu; vector[2] mu;"
                + " cov_matrix[2] S; } model { ";
        String data = "{\"y\": [[0.7, -1.1], [2, 0.3], [-0.5, 0.5]]}";
        StanPrograms.assertSameDensity(head + "for (n in 1:3) target += multi_student_t_lpdf(y[n] | nu, mu, S); }",
                head + "target += multi_student_t_lpdf(y | nu, mu, S); }", data);
        StanPrograms.assertSameDensity(head + "target += multi_student_t_lpdf(y | nu, mu, S)"
                + " + 3 * log(pi()); }", head + "y ~ multi_student_t(nu, mu, S); }", data);
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile(
                "data { vector[2] y; } parameters { real x; } model { target += multi_student_t_lpdf(y | -1, y,"
                + " [[1, 0], [0, 1]]); }", "{\"y\": [0, 1]}"), 0.0), "negative degrees of freedom");
    }

    @ParameterizedTest(name = "lkj_corr of 2x2 with eta {0}")
    @CsvSource({"1.0", "0.4", "3.5"})
    void lkjCorrOfTwoByTwoIsABetaOfTheCorrelation(double eta) {
        // r in (-1, 1) with density (1 - r^2)^(eta - 1) / (2^(2 eta - 1) B(eta, eta)).
        double r = 0.35;
        double expected = (eta - 1) * Math.log(1 - r * r) - (2 * eta - 1) * Math.log(2)
                - org.apache.commons.math3.special.Beta.logBeta(eta, eta);
        StanModel model = StanPrograms.compile("data { real eta; } parameters { real x; }"
                + " model { target += lkj_corr_lpdf([[1, 0.35], [0.35, 1]] | eta); }", "{\"eta\": " + eta + "}");
        near(expected, StanPrograms.logDensity(model, 0.0), "lkj_corr_lpdf");
    }

    @Test
    void lkjCorrNormalisesOverTheThreeByThreeElliptope() {
        // The 3 x 3 correlation matrices fill a volume pi^2 / 2: with eta = 1 the density is its inverse.
        StanModel model = StanPrograms.compile("parameters { real x; }"
                + " model { target += lkj_corr_lpdf([[1, 0.2, -0.3], [0.2, 1, 0.4], [-0.3, 0.4, 1]] | 1); }", "{}");
        near(-Math.log(Math.PI * Math.PI / 2), StanPrograms.logDensity(model, 0.0), "lkj_corr_lpdf");
        // The Cholesky factor's density is the matrix's times the Jacobian prod over k of L[k, k]^(K - k): L[2, 2]
        // for K = 3, constants included.
        String head = "parameters { cholesky_factor_corr[3] L; real<lower=0> eta; } model { ";
        StanPrograms.assertSameDensity(head + "target += lkj_corr_lpdf(multiply_lower_tri_self_transpose(L) | eta)"
                + " + log(L[2, 2]); }", head + "target += lkj_corr_cholesky_lpdf(L | eta); }", "{}");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile("parameters { real x; }"
                + " model { target += lkj_corr_lpdf([[1, 0.2], [0.2, 1.5]] | 1); }", "{}"), 0.0),
                "a diagonal that is not 1");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(StanPrograms.compile("parameters { real x; }"
                + " model { target += lkj_corr_cholesky_lpdf([[1, 0], [0.6, 0.8]] | -2); }", "{}"), 0.0),
                "a shape that is not positive");
    }

    @Test
    void multiStudentTAndLkjDrawsHaveTheirMoments() {
        StanModel model = StanPrograms.compile("parameters { real x; } model { x ~ normal(0, 1); }"
                + " generated quantities { vector[2] t = multi_student_t_rng(6, [1, -2]', [[1, 0.5], [0.5, 2]]);"
                + " matrix[3, 3] L = lkj_corr_cholesky_rng(3, 2); matrix[3, 3] R = lkj_corr_rng(3, 2); }", "{}");
        int draws = 40_000;
        double[][] columns = new double[5][draws];
        double[] out = new double[model.outputNames().size()];
        int t1 = model.outputNames().indexOf("t[1]");
        int t2 = model.outputNames().indexOf("t[2]");
        int l21 = model.outputNames().indexOf("L[2,1]");
        int r31 = model.outputNames().indexOf("R[3,1]");
        int r32 = model.outputNames().indexOf("R[3,2]");
        for (int d = 0; d < draws; d++) {
            model.outputs(new double[] {d * 1e-9}, out);
            columns[0][d] = out[t1] - 1;
            columns[1][d] = out[t2] + 2;
            columns[2][d] = out[l21];
            columns[3][d] = out[r31];
            columns[4][d] = out[r32];
            double rowSquares = 0.0;
            for (int k = 1; k <= 3; k++) {
                double v = out[model.outputNames().indexOf("L[3," + k + "]")];
                rowSquares += v * v;
            }
            assertEquals(1.0, rowSquares, 1e-12, "a row of the Cholesky factor has unit length");
            assertEquals(0.0, out[model.outputNames().indexOf("L[1,2]")], 0.0, "above the diagonal");
        }
        // Student's t with 6 degrees of freedom: covariance 6 / 4 Sigma.
        assertMoment(columns[0], columns[0], 1.5, "var t[1]");
        assertMoment(columns[1], columns[1], 3.0, "var t[2]");
        assertMoment(columns[0], columns[1], 0.75, "cov t");
        // LKJ(2) in 3 dimensions: each correlation is 2 Beta(2.5, 2.5) - 1, mean 0 and variance 1 / 6.
        for (int c = 2; c < 5; c++) {
            assertMoment(columns[c], null, 0.0, "mean of a correlation");
            assertMoment(columns[c], columns[c], 1.0 / 6, "variance of a correlation");
        }
    }

    /** The mean of a (or of a times b) within 5 Monte Carlo standard errors of {@code expected}. */
    private static void assertMoment(double[] a, double[] b, double expected, String what) {
        int n = a.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = b == null ? a[i] : a[i] * b[i];
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        double variance = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        assertEquals(expected, mean, 5 * Math.sqrt(variance / n), what);
    }
}
