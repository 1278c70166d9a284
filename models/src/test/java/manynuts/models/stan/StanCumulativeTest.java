package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The log distribution functions built on the incomplete gamma and beta functions or on case splits: values against
 * Apache Commons Math's distributions, gradients in every argument against finite differences.
 */
class StanCumulativeTest {
    private static final double TOLERANCE = 1e-12;

    /** {@code function(y | a, b)} of real data, the log density of a program whose model adds only it. */
    private static double real(String function, double y, double a, double b) {
        boolean oneParameter = function.startsWith("chi_square") || function.startsWith("inv_chi_square");
        StanModel model = StanPrograms.compile("data { real y; real a; real b; } parameters { real x; }"
                + " model { target += " + function + (oneParameter ? "(y | a); }" : "(y | a, b); }"),
                "{\"y\": " + y + ", \"a\": " + a + ", \"b\": " + b + "}");
        return StanPrograms.logDensity(model, 0.0);
    }

    private static double discrete(String function, int n, String arguments, String data) {
        StanModel model = StanPrograms.compile("data { int n; real a; real b; int N; } parameters { real x; }"
                + " model { target += " + function + "(n | " + arguments + "); }",
                "{\"n\": " + n + ", " + data + "}");
        return StanPrograms.logDensity(model, 0.0);
    }

    /** P(Y > n), summed term by term (far past where the probabilities vanish) rather than as 1 - P(Y <= n). */
    private static double upperTail(IntToDoubleFunction probability, int n) {
        double sum = 0.0;
        for (int k = 400; k > Math.max(n, -1); k--) {
            sum += probability.applyAsDouble(k);
        }
        return sum;
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
    }

    @ParameterizedTest(name = "gamma and inv_gamma at {0} with ({1}, {2})")
    @CsvSource({"0.5, 2.5, 1.5", "3.0, 0.4, 2.0", "40.0, 30.0, 1.0", "0.01, 1.0, 3.0", "200.0, 2.0, 0.1"})
    void gammaAndInverseGammaMatchCommonsMath(double y, double alpha, double beta) {
        GammaDistribution gamma = new GammaDistribution(alpha, 1.0 / beta);
        near(Math.log(gamma.cumulativeProbability(y)), real("gamma_lcdf", y, alpha, beta), "gamma_lcdf");
        // Upper tails from Commons Math's Q directly: 1 - P loses them far out.
        near(Math.log(Gamma.regularizedGammaQ(alpha, beta * y)), real("gamma_lccdf", y, alpha, beta),
                "gamma_lccdf");
        // Y ~ inv_gamma(alpha, beta) exactly when 1 / Y ~ gamma(alpha, beta).
        near(Math.log(Gamma.regularizedGammaQ(alpha, beta / y)), real("inv_gamma_lcdf", y, alpha, beta),
                "inv_gamma_lcdf");
        near(Math.log(gamma.cumulativeProbability(1.0 / y)), real("inv_gamma_lccdf", y, alpha, beta),
                "inv_gamma_lccdf");
    }

    @ParameterizedTest(name = "chi-square families at {0} with nu {1}, s {2}")
    @CsvSource({"0.5, 2.5, 1.5", "3.0, 7.0, 0.4", "0.02, 1.0, 3.0"})
    void chiSquareFamiliesMatchCommonsMath(double y, double nu, double s) {
        ChiSquaredDistribution chi = new ChiSquaredDistribution(nu);
        near(Math.log(chi.cumulativeProbability(y)), real("chi_square_lcdf", y, nu, 0), "chi_square_lcdf");
        near(Math.log(Gamma.regularizedGammaQ(nu / 2, y / 2)), real("chi_square_lccdf", y, nu, 0),
                "chi_square_lccdf");
        // 1 / Y ~ chi_square(nu) for inv_chi_square; nu s^2 / Y ~ chi_square(nu) for the scaled one.
        near(Math.log(Gamma.regularizedGammaQ(nu / 2, 0.5 / y)), real("inv_chi_square_lcdf", y, nu, 0),
                "inv_chi_square_lcdf");
        near(Math.log(chi.cumulativeProbability(1 / y)), real("inv_chi_square_lccdf", y, nu, 0),
                "inv_chi_square_lccdf");
        near(Math.log(Gamma.regularizedGammaQ(nu / 2, nu * s * s / (2 * y))),
                real("scaled_inv_chi_square_lcdf", y, nu, s), "scaled_inv_chi_square_lcdf");
        near(Math.log(chi.cumulativeProbability(nu * s * s / y)), real("scaled_inv_chi_square_lccdf", y, nu, s),
                "scaled_inv_chi_square_lccdf");
    }

    @ParameterizedTest(name = "beta at {0} with ({1}, {2})")
    @CsvSource({"0.3, 2.0, 5.0", "0.9, 0.5, 0.5", "0.05, 30.0, 2.0", "0.7, 120.0, 40.0"})
    void betaMatchesCommonsMath(double y, double a, double b) {
        BetaDistribution beta = new BetaDistribution(a, b);
        near(Math.log(beta.cumulativeProbability(y)), real("beta_lcdf", y, a, b), "beta_lcdf");
        near(Math.log(Beta.regularizedBeta(1.0 - y, b, a)), real("beta_lccdf", y, a, b), "beta_lccdf");
    }

    @Test
    void uniformAndDoubleExponentialMatchTheirClosedForms() {
        near(Math.log(0.25), real("uniform_lcdf", 1.5, 1.0, 3.0), "uniform_lcdf");
        near(Math.log(0.75), real("uniform_lccdf", 1.5, 1.0, 3.0), "uniform_lccdf");
        assertEquals(Double.NEGATIVE_INFINITY, real("uniform_lcdf", 0.5, 1.0, 3.0));
        assertEquals(0.0, real("uniform_lcdf", 3.5, 1.0, 3.0));
        assertEquals(Double.NEGATIVE_INFINITY, real("uniform_lccdf", 3.0, 1.0, 3.0));
        for (double y : new double[] {-4.0, 0.3, 1.0, 2.5, 9.0}) {
            LaplaceDistribution laplace = new LaplaceDistribution(1.0, 2.0);
            near(Math.log(laplace.cumulativeProbability(y)), real("double_exponential_lcdf", y, 1.0, 2.0),
                    "double_exponential_lcdf at " + y);
            near(Math.log1p(-laplace.cumulativeProbability(y)), real("double_exponential_lccdf", y, 1.0, 2.0),
                    "double_exponential_lccdf at " + y);
        }
    }

    @ParameterizedTest(name = "discrete families at n = {0}")
    @CsvSource({"-1", "0", "1", "3", "7", "12"})
    void discreteFamiliesMatchCommonsMath(int n) {
        String data = "\"a\": 3.5, \"b\": 0.3, \"N\": 10";
        PoissonDistribution poisson = new PoissonDistribution(3.5);
        near(Math.log(poisson.cumulativeProbability(n)), discrete("poisson_lcdf", n, "a", data), "poisson_lcdf");
        near(Math.log(upperTail(poisson::probability, n)), discrete("poisson_lccdf", n, "a", data),
                "poisson_lccdf");
        BinomialDistribution binomial = new BinomialDistribution(10, 0.3);
        near(Math.log(binomial.cumulativeProbability(n)), discrete("binomial_lcdf", n, "N, b", data),
                "binomial_lcdf");
        near(Math.log(upperTail(binomial::probability, n)), discrete("binomial_lccdf", n, "N, b", data),
                "binomial_lccdf");
        // neg_binomial_2(mu, phi) counts failures before the phi-th success of probability phi / (mu + phi).
        PascalDistribution pascal = new PascalDistribution(3, 3.0 / (3.5 + 3.0));
        near(Math.log(pascal.cumulativeProbability(n)), discrete("neg_binomial_2_lcdf", n, "a, 3", data),
                "neg_binomial_2_lcdf");
        near(Math.log(upperTail(pascal::probability, n)), discrete("neg_binomial_2_lccdf", n, "a, 3", data),
                "neg_binomial_2_lccdf");
        double below = n < 0 ? 0.0 : n == 0 ? 0.7 : 1.0;
        near(Math.log(below), discrete("bernoulli_lcdf", n, "b", data), "bernoulli_lcdf");
        near(Math.log1p(-below), discrete("bernoulli_lccdf", n, "b", data), "bernoulli_lccdf");
    }

    @Test
    void gradientsInEveryArgumentMatchFiniteDifferences() {
        GradientCheck.check(StanPrograms.compile("parameters { real<lower=0> y; real<lower=0> a; real<lower=0> b; }"
                + " model { target += gamma_lcdf(y | a, b) + gamma_lccdf(y | a, b) + inv_gamma_lcdf(y | a, b)"
                + " + inv_gamma_lccdf(y | a, b); }", "{}"), 3, 6);
        GradientCheck.check(StanPrograms.compile("parameters { real<lower=0> y; real<lower=0> nu; real<lower=0> s; }"
                + " model { target += chi_square_lcdf(y | nu) + chi_square_lccdf(y | nu) + inv_chi_square_lcdf(y | nu)"
                + " + inv_chi_square_lccdf(y | nu) + scaled_inv_chi_square_lcdf(y | nu, s)"
                + " + scaled_inv_chi_square_lccdf(y | nu, s); }", "{}"), 4, 6);
        GradientCheck.check(StanPrograms.compile("parameters { real<lower=0, upper=1> y; real<lower=0> a;"
                + " real<lower=0> b; } model { target += beta_lcdf(y | a, b) + beta_lccdf(y | a, b); }", "{}"), 5, 6);
        GradientCheck.check(StanPrograms.compile("parameters { real lo; real<lower=lo> y; real<lower=y> hi;"
                + " real mu; real<lower=0> sigma; } model { target += uniform_lcdf(y | lo, hi)"
                + " + uniform_lccdf(y | lo, hi) + double_exponential_lcdf(y | mu, sigma)"
                + " + double_exponential_lccdf(y | mu, sigma); }", "{}"), 7, 6);
        GradientCheck.check(StanPrograms.compile("data { array[5] int n; } parameters { real<lower=0> lambda;"
                + " real<lower=0, upper=1> theta; real<lower=0> phi; } model { target += poisson_lcdf(n | lambda)"
                + " + poisson_lccdf(n | lambda) + binomial_lcdf(n | 10, theta) + binomial_lccdf(n | 10, theta)"
                + " + neg_binomial_2_lcdf(n | lambda, phi) + neg_binomial_2_lccdf(n | lambda, phi)"
                + " + bernoulli_lcdf(n | theta) + bernoulli_lccdf(0 | theta); }", "{\"n\": [0, 1, 3, 6, 9]}"), 9, 6);
    }

    @Test
    void largeArgumentsKeepTheirShapeGradient() {
        // Far into the upper tail of a gamma the series of dP/da starts at its largest term, not at e^-x.
        GradientCheck.check(StanPrograms.compile("data { real y; } parameters { real<lower=0> a; }"
                + " model { target += gamma_lcdf(y | 800 + a, 1); }", "{\"y\": 790}"), 13, 3);
        GradientCheck.check(StanPrograms.compile("data { real y; } parameters { real<lower=0> a; }"
                + " model { target += beta_lcdf(y | 300 + a, 200); }", "{\"y\": 0.6}"), 17, 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"gamma_lcdf(1 | -1, 2)", "gamma_lccdf(-0.5 | 1, 2)",
            "inv_gamma_lcdf(1 | 2, positive_infinity())", "beta_lcdf(1.5 | 1, 2)", "beta_lccdf(0.5 | 0, 2)",
            "uniform_lcdf(0.5 | negative_infinity(), 1)", "double_exponential_lcdf(0.5 | 0, -1)",
            "bernoulli_lcdf(0 | 1.5)", "poisson_lccdf(2 | -1)", "binomial_lcdf(2 | -3, 0.5)",
            "binomial_lccdf({1, 2} | 5, [0.5, 1.2]')", "neg_binomial_2_lcdf(2 | 0, 1)",
            "von_mises_lpdf(0.5 | 0, -1)", "von_mises_lpdf(not_a_number() | 0, 1)"})
    void argumentsOutsideTheirDomainRejectThePoint(String call) {
        StanModel model = StanPrograms.compile("parameters { real x; } model { x ~ normal(0, 1); target += " + call
                + "; }", "{}");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(model, 0.0), call);
    }

    @Test
    void truncationUsesTheNewLogCdfs() {
        String data = "{\"n\": 3, \"y\": 1.2}";
        String head = "data { int n; real y; } parameters { real<lower=0> lambda; real<lower=0> b; } model { ";
        // An int variate's lower bound L counts: the mass of [L, inf) is 1 - F(L - 1).
        // ~ drops the terms of data alone: -lgamma(n + 1) of the Poisson, -lgamma(2) + log(y) of the gamma.
        StanPrograms.assertSameDensity(head + "target += poisson_lpmf(n | lambda) + lgamma(n + 1)"
                + " - log_diff_exp(poisson_lcdf(8 | lambda), -lambda); }",
                head + "n ~ poisson(lambda) T[1, 8]; }", data);
        StanPrograms.assertSameDensity(head + "target += gamma_lpdf(y | 2, b) + lgamma(2) - log(y)"
                + " - gamma_lcdf(5 | 2, b); }", head + "y ~ gamma(2, b) T[, 5]; }", data);
    }
}
