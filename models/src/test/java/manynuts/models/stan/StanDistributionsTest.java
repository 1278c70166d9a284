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
}
