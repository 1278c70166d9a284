package manynuts.models.stan.runtime;

/**
 * The samplers behind Stan's {@code _rng} functions, under the names the primitive templates use, each taking the
 * generator first. Exact methods throughout: Marsaglia and Tsang (2000) for gamma variates, and for binomial and
 * Poisson variates with large means the order-statistic splittings of Knuth (TAOCP 2, 3.4.1), which need O(log n)
 * gamma and beta variates. Invalid arguments reject the draw, as Stan's domain errors do.
 */
public final class StanRandom {
    private static final double TWO_PI = 2.0 * Math.PI;

    private StanRandom() {
    }

    private static void require(boolean valid, String function, String what, double value) {
        if (!valid) {
            throw new StanReject(function + ": " + what + " is " + value);
        }
    }

    public static double uniform_rng(Rng rng, double lower, double upper) {
        require(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper, "uniform_rng",
                "the interval's width", upper - lower);
        return lower + (upper - lower) * rng.nextOpen();
    }

    /** A standard normal variate (Box and Muller 1958; one of the pair). */
    static double standardNormal(Rng rng) {
        return Math.sqrt(-2.0 * Math.log(rng.nextOpen())) * Math.cos(TWO_PI * rng.nextOpen());
    }

    public static double normal_rng(Rng rng, double mu, double sigma) {
        require(Double.isFinite(mu), "normal_rng", "the location", mu);
        require(sigma > 0.0 && Double.isFinite(sigma), "normal_rng", "the scale", sigma);
        return mu + sigma * standardNormal(rng);
    }

    public static double std_normal_rng(Rng rng) {
        return standardNormal(rng);
    }

    public static double lognormal_rng(Rng rng, double mu, double sigma) {
        return Math.exp(normal_rng(rng, mu, sigma));
    }

    public static double exponential_rng(Rng rng, double rate) {
        require(rate > 0.0 && Double.isFinite(rate), "exponential_rng", "the rate", rate);
        return -Math.log(rng.nextOpen()) / rate;
    }

    /** A gamma variate of shape {@code alpha} and rate 1 (Marsaglia and Tsang 2000). */
    static double standardGamma(Rng rng, double alpha) {
        if (alpha < 1.0) {
            // Gamma(alpha) = Gamma(alpha + 1) U^(1/alpha), in logs so that tiny shapes do not underflow early.
            return Math.exp(Math.log(standardGamma(rng, alpha + 1.0)) + Math.log(rng.nextOpen()) / alpha);
        }
        double d = alpha - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = standardNormal(rng);
            double v = 1.0 + c * x;
            if (v <= 0.0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextOpen();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    public static double gamma_rng(Rng rng, double alpha, double beta) {
        require(alpha > 0.0 && Double.isFinite(alpha), "gamma_rng", "the shape", alpha);
        require(beta > 0.0 && Double.isFinite(beta), "gamma_rng", "the rate", beta);
        return standardGamma(rng, alpha) / beta;
    }

    public static double inv_gamma_rng(Rng rng, double alpha, double beta) {
        require(alpha > 0.0 && Double.isFinite(alpha), "inv_gamma_rng", "the shape", alpha);
        require(beta > 0.0 && Double.isFinite(beta), "inv_gamma_rng", "the scale", beta);
        return beta / standardGamma(rng, alpha);
    }

    public static double chi_square_rng(Rng rng, double nu) {
        require(nu > 0.0 && Double.isFinite(nu), "chi_square_rng", "the degrees of freedom", nu);
        return 2.0 * standardGamma(rng, 0.5 * nu);
    }

    public static double inv_chi_square_rng(Rng rng, double nu) {
        return 1.0 / chi_square_rng(rng, nu);
    }

    public static double scaled_inv_chi_square_rng(Rng rng, double nu, double s) {
        require(s > 0.0 && Double.isFinite(s), "scaled_inv_chi_square_rng", "the scale", s);
        return nu * s * s / chi_square_rng(rng, nu);
    }

    public static double beta_rng(Rng rng, double a, double b) {
        require(a > 0.0 && Double.isFinite(a), "beta_rng", "the first shape", a);
        require(b > 0.0 && Double.isFinite(b), "beta_rng", "the second shape", b);
        return standardBeta(rng, a, b);
    }

    private static double standardBeta(Rng rng, double a, double b) {
        double x = standardGamma(rng, a);
        double y = standardGamma(rng, b);
        return x / (x + y);
    }

    public static double student_t_rng(Rng rng, double nu, double mu, double sigma) {
        require(nu > 0.0, "student_t_rng", "the degrees of freedom", nu);
        require(sigma > 0.0 && Double.isFinite(sigma), "student_t_rng", "the scale", sigma);
        return mu + sigma * standardNormal(rng) / Math.sqrt(2.0 * standardGamma(rng, 0.5 * nu) / nu);
    }

    public static double cauchy_rng(Rng rng, double mu, double sigma) {
        require(sigma > 0.0 && Double.isFinite(sigma), "cauchy_rng", "the scale", sigma);
        return mu + sigma * Math.tan(Math.PI * (rng.nextOpen() - 0.5));
    }

    public static double double_exponential_rng(Rng rng, double mu, double sigma) {
        require(sigma > 0.0 && Double.isFinite(sigma), "double_exponential_rng", "the scale", sigma);
        double e = -Math.log(rng.nextOpen());
        return rng.nextOpen() < 0.5 ? mu - sigma * e : mu + sigma * e;
    }

    public static double logistic_rng(Rng rng, double mu, double sigma) {
        require(sigma > 0.0 && Double.isFinite(sigma), "logistic_rng", "the scale", sigma);
        double u = rng.nextOpen();
        return mu + sigma * Math.log(u / (1.0 - u));
    }

    public static double weibull_rng(Rng rng, double alpha, double sigma) {
        require(alpha > 0.0 && Double.isFinite(alpha), "weibull_rng", "the shape", alpha);
        require(sigma > 0.0 && Double.isFinite(sigma), "weibull_rng", "the scale", sigma);
        return sigma * Math.pow(-Math.log(rng.nextOpen()), 1.0 / alpha);
    }

    public static double pareto_rng(Rng rng, double yMin, double alpha) {
        require(yMin > 0.0, "pareto_rng", "the minimum", yMin);
        require(alpha > 0.0, "pareto_rng", "the shape", alpha);
        return yMin * Math.exp(-Math.log(rng.nextOpen()) / alpha);
    }

    public static int bernoulli_rng(Rng rng, double p) {
        require(p >= 0.0 && p <= 1.0, "bernoulli_rng", "the probability", p);
        return rng.nextOpen() < p ? 1 : 0;
    }

    public static int bernoulli_logit_rng(Rng rng, double alpha) {
        require(!Double.isNaN(alpha), "bernoulli_logit_rng", "the log odds", alpha);
        return bernoulli_rng(rng, StanMath.inv_logit(alpha));
    }

    /** Binomial(n, p): Bernoulli trials for small n, else split at a beta order statistic (Knuth). */
    public static int binomial_rng(Rng rng, double n, double p) {
        require(n >= 0.0 && n == Math.rint(n), "binomial_rng", "the number of trials", n);
        require(p >= 0.0 && p <= 1.0, "binomial_rng", "the probability", p);
        long trials = (long) n;
        long successes = 0;
        double q = p;
        while (trials > 32) {
            // The a-th smallest of n uniforms is Beta(a, n + 1 - a): the successes are those below p.
            long a = 1 + trials / 2;
            long b = trials + 1 - a;
            double x = standardBeta(rng, a, b);
            if (x >= q) {
                trials = a - 1;
                q = q / x;
            } else {
                successes += a;
                trials = b - 1;
                q = (q - x) / (1.0 - x);
            }
        }
        for (long k = 0; k < trials; k++) {
            if (rng.nextOpen() < q) {
                successes++;
            }
        }
        return (int) successes;
    }

    public static int binomial_logit_rng(Rng rng, double n, double alpha) {
        return binomial_rng(rng, n, StanMath.inv_logit(alpha));
    }

    /** Poisson(lambda): products of uniforms for small means, else split at a gamma order statistic (Knuth). */
    public static int poisson_rng(Rng rng, double lambda) {
        require(lambda >= 0.0 && lambda < 1.07374182e9, "poisson_rng", "the rate", lambda);
        long count = 0;
        double rate = lambda;
        while (rate > 16.0) {
            long m = (long) (0.875 * rate);
            // The m-th arrival of a unit-rate process comes at Gamma(m).
            double x = standardGamma(rng, m);
            if (x < rate) {
                count += m;
                rate -= x;
            } else {
                return (int) (count + binomial_rng(rng, m - 1, rate / x));
            }
        }
        double limit = Math.exp(-rate);
        double product = rng.nextOpen();
        while (product > limit) {
            count++;
            product *= rng.nextOpen();
        }
        return (int) count;
    }

    public static int poisson_log_rng(Rng rng, double alpha) {
        return poisson_rng(rng, Math.exp(alpha));
    }

    public static int neg_binomial_2_rng(Rng rng, double mu, double phi) {
        require(mu > 0.0 && Double.isFinite(mu), "neg_binomial_2_rng", "the mean", mu);
        require(phi > 0.0 && Double.isFinite(phi), "neg_binomial_2_rng", "the precision", phi);
        return poisson_rng(rng, standardGamma(rng, phi) * mu / phi);
    }

    public static int neg_binomial_2_log_rng(Rng rng, double eta, double phi) {
        return neg_binomial_2_rng(rng, Math.exp(eta), phi);
    }

    public static int beta_binomial_rng(Rng rng, double n, double a, double b) {
        return binomial_rng(rng, n, beta_rng(rng, a, b));
    }

    /**
     * A von Mises variate (Best and Fisher 1979, the wrapped Cauchy envelope), in [m - pi, m + pi] where m is mu
     * reduced to [0, 2 pi), as Stan's.
     */
    public static double von_mises_rng(Rng rng, double mu, double kappa) {
        require(Double.isFinite(mu), "von_mises_rng", "the location", mu);
        require(kappa >= 0.0 && Double.isFinite(kappa), "von_mises_rng", "the scale", kappa);
        double centre = ((mu % TWO_PI) + TWO_PI) % TWO_PI;
        if (kappa < 1.4e-8) {
            return centre + Math.PI * (2.0 * rng.nextOpen() - 1.0);
        }
        double r = 1.0 + Math.sqrt(1.0 + 4.0 * kappa * kappa);
        double rho = (r - Math.sqrt(2.0 * r)) / (2.0 * kappa);
        double s = (1.0 + rho * rho) / (2.0 * rho);
        double f;
        while (true) {
            double z = Math.cos(Math.PI * rng.nextOpen());
            f = (1.0 + s * z) / (s + z);
            double c = kappa * (s - f);
            double u = rng.nextOpen();
            if (c * (2.0 - c) - u > 0.0 || Math.log(c / u) + 1.0 - c >= 0.0) {
                break;
            }
        }
        double angle = Math.acos(Math.max(-1.0, Math.min(1.0, f)));
        return centre + (rng.nextOpen() < 0.5 ? -angle : angle);
    }
}
