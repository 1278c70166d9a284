package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import manynuts.models.stan.runtime.Rng;
import manynuts.models.stan.runtime.StanRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import manynuts.models.stan.syntax.StanException;

/** The {@code _rng} samplers' means and variances against the exact ones, and random numbers in programs. */
class StanRandomTest {
    private static final int DRAWS = 40_000;

    /**
     * Asserts that the sample mean and variance of {@code DRAWS} draws are within 5 Monte Carlo standard errors of
     * the exact ones (the variance's standard error from the fourth central moment, estimated from the sample).
     */
    private static void assertMoments(String what, DoubleSupplier draw, double mean, double variance) {
        double[] x = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            x[i] = draw.getAsDouble();
        }
        double m = Arrays.stream(x).average().orElseThrow();
        double v = Arrays.stream(x).map(a -> (a - m) * (a - m)).sum() / (DRAWS - 1);
        double m4 = Arrays.stream(x).map(a -> Math.pow(a - m, 4)).sum() / DRAWS;
        assertEquals(mean, m, 5 * Math.sqrt(variance / DRAWS), what + ": mean");
        assertEquals(variance, v, 5 * Math.sqrt(Math.max(m4 - v * v, 1e-300) / DRAWS), what + ": variance");
    }

    @ParameterizedTest(name = "{0}({1}, {2})")
    @CsvSource({"normal, 1.5, 2.0", "gamma, 0.3, 2.0", "gamma, 4.5, 0.5", "beta, 0.7, 2.5", "binomial, 12, 0.3",
            "binomial, 1000, 0.3", "binomial, 100000, 0.02", "poisson, 3.5, 0", "poisson, 250, 0",
            "neg_binomial_2, 7, 2.5", "student_t, 5, 0", "exponential, 2.0, 0", "lognormal, 0.2, 0.5",
            "uniform, -1, 3", "inv_gamma, 5, 2", "chi_square, 3, 0", "double_exponential, 1, 2",
            "logistic, 1, 2", "weibull, 1.5, 2", "bernoulli, 0.3, 0", "beta_binomial, 20, 2"})
    void samplerMomentsMatchTheDistribution(String family, double a, double b) {
        Rng rng = new Rng(family.hashCode() + 31L * Double.hashCode(a));
        switch (family) {
            case "normal" -> assertMoments(family, () -> StanRandom.normal_rng(rng, a, b), a, b * b);
            case "gamma" -> assertMoments(family, () -> StanRandom.gamma_rng(rng, a, b), a / b, a / (b * b));
            case "beta" -> assertMoments(family, () -> StanRandom.beta_rng(rng, a, b), a / (a + b),
                    a * b / ((a + b) * (a + b) * (a + b + 1)));
            case "binomial" -> assertMoments(family, () -> StanRandom.binomial_rng(rng, a, b), a * b,
                    a * b * (1 - b));
            case "poisson" -> assertMoments(family, () -> StanRandom.poisson_rng(rng, a), a, a);
            case "neg_binomial_2" -> assertMoments(family, () -> StanRandom.neg_binomial_2_rng(rng, a, b), a,
                    a + a * a / b);
            case "student_t" -> assertMoments(family, () -> StanRandom.student_t_rng(rng, a, b, 1.0), b,
                    a / (a - 2));
            case "exponential" -> assertMoments(family, () -> StanRandom.exponential_rng(rng, a), 1 / a,
                    1 / (a * a));
            case "lognormal" -> assertMoments(family, () -> StanRandom.lognormal_rng(rng, a, b),
                    Math.exp(a + b * b / 2), (Math.exp(b * b) - 1) * Math.exp(2 * a + b * b));
            case "uniform" -> assertMoments(family, () -> StanRandom.uniform_rng(rng, a, b), (a + b) / 2,
                    (b - a) * (b - a) / 12);
            case "inv_gamma" -> assertMoments(family, () -> StanRandom.inv_gamma_rng(rng, a, b), b / (a - 1),
                    b * b / ((a - 1) * (a - 1) * (a - 2)));
            case "chi_square" -> assertMoments(family, () -> StanRandom.chi_square_rng(rng, a), a, 2 * a);
            case "double_exponential" -> assertMoments(family, () -> StanRandom.double_exponential_rng(rng, a, b),
                    a, 2 * b * b);
            case "logistic" -> assertMoments(family, () -> StanRandom.logistic_rng(rng, a, b), a,
                    b * b * Math.PI * Math.PI / 3);
            case "weibull" -> {
                double m1 = b * Math.exp(org.apache.commons.math3.special.Gamma.logGamma(1 + 1 / a));
                double m2 = b * b * Math.exp(org.apache.commons.math3.special.Gamma.logGamma(1 + 2 / a));
                assertMoments(family, () -> StanRandom.weibull_rng(rng, a, b), m1, m2 - m1 * m1);
            }
            case "bernoulli" -> assertMoments(family, () -> StanRandom.bernoulli_rng(rng, a), a, a * (1 - a));
            case "beta_binomial" -> {
                double n = a;
                double alpha = b;
                double beta = 3.0;
                double s = alpha + beta;
                assertMoments(family, () -> StanRandom.beta_binomial_rng(rng, n, alpha, beta), n * alpha / s,
                        n * alpha * beta * (s + n) / (s * s * (s + 1)));
            }
            default -> throw new IllegalArgumentException(family);
        }
    }

    @Test
    void invalidArgumentsRejectTheDraw() {
        Rng rng = new Rng(1);
        assertThrows(manynuts.models.stan.runtime.StanReject.class, () -> StanRandom.normal_rng(rng, 0, -1));
        assertThrows(manynuts.models.stan.runtime.StanReject.class, () -> StanRandom.binomial_rng(rng, 3, 1.5));
        assertThrows(manynuts.models.stan.runtime.StanReject.class, () -> StanRandom.poisson_rng(rng, -2));
    }

    private static final String PROGRAM = "data { int N; vector[3] p; } parameters { real mu; }"
            + " model { mu ~ normal(0, 1); }"
            + " generated quantities { array[N] real y = normal_rng(rep_vector(mu, N), 1);"
            + " int k = categorical_rng(p); int c = binomial_rng(10, inv_logit(mu));"
            + " vector[2] z = multi_normal_rng([mu, 0]', [[1, 0.5], [0.5, 2]]); }";
    private static final String DATA = "{\"N\": 4, \"p\": [0.2, 0.5, 0.3]}";

    @Test
    void generatedQuantitiesDrawFromTheSeedAndThePoint() {
        StanModel model = StanPrograms.compile(PROGRAM, DATA);
        double[] first = new double[model.outputNames().size()];
        double[] again = new double[first.length];
        double[] elsewhere = new double[first.length];
        model.outputs(new double[] {0.25}, first);
        model.outputs(new double[] {0.25}, again);
        model.outputs(new double[] {0.2500001}, elsewhere);
        assertArrayEquals(first, again, "the same point and seed give the same draws");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 5), Arrays.copyOfRange(elsewhere, 1, 5)),
                "another point gives other draws");
        model.program().setRandomSeed(99);
        double[] reseeded = new double[first.length];
        model.outputs(new double[] {0.25}, reseeded);
        assertFalse(Arrays.equals(first, reseeded), "another seed gives other draws");
        model.program().setRandomSeed(0);
        for (int i = 1; i < 5; i++) {
            assertTrue(Double.isFinite(first[i]));
            assertFalse(first[i] == first[1] && i > 1, "each element is a draw of its own");
        }
    }

    @Test
    void categoricalFrequenciesAndMultiNormalMoments() {
        StanModel model = StanPrograms.compile(PROGRAM, DATA);
        int names = model.outputNames().size();
        int kAt = model.outputNames().indexOf("k");
        int z1At = model.outputNames().indexOf("z[1]");
        int z2At = model.outputNames().indexOf("z[2]");
        int draws = 20_000;
        int[] counts = new int[4];
        double sum1 = 0;
        double sum2 = 0;
        double cross = 0;
        double[] out = new double[names];
        for (int d = 0; d < draws; d++) {
            model.outputs(new double[] {d * 1e-9}, out);
            counts[(int) out[kAt]]++;
            sum1 += out[z1At];
            sum2 += out[z2At] * out[z2At];
            cross += out[z1At] * out[z2At];
        }
        double[] p = {0.2, 0.5, 0.3};
        for (int k = 1; k <= 3; k++) {
            double expected = draws * p[k - 1];
            assertEquals(expected, counts[k], 5 * Math.sqrt(expected), "outcome " + k);
        }
        assertEquals(0.0, sum1 / draws, 5 * Math.sqrt(1.0 / draws), "mean of z[1] (mu is about 0)");
        assertEquals(2.0, sum2 / draws, 5 * Math.sqrt(8.0 / draws), "variance of z[2]");
        assertEquals(0.5, cross / draws, 5 * Math.sqrt(2.25 / draws), "covariance of z[1] and z[2]");
    }

    @Test
    void randomNumbersAreRefusedWhereTheDensityIsComputed() {
        StanException e = assertThrows(StanException.class, () -> StanPrograms.compile(
                "parameters { real mu; } model { mu ~ normal(normal_rng(0, 1), 1); }", "{}"));
        assertTrue(e.reason().contains("random numbers can only be drawn"), e.reason());
    }
}
