package manynuts.models.stan.runtime;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * The scalar functions generated Java code calls, under the names the primitive templates use (C's names where C
 * has the function), so that one template serves the Java and the CUDA code generators.
 */
public final class StanMath {
    private static final double INV_SQRT_TWO = 0.7071067811865476;

    private StanMath() {
    }

    public static double exp(double x) {
        return Math.exp(x);
    }

    public static double log(double x) {
        return Math.log(x);
    }

    public static double sqrt(double x) {
        return Math.sqrt(x);
    }

    public static double pow(double x, double y) {
        return Math.pow(x, y);
    }

    public static double cbrt(double x) {
        return Math.cbrt(x);
    }

    public static double exp2(double x) {
        return Math.pow(2.0, x);
    }

    public static double expm1(double x) {
        return Math.expm1(x);
    }

    public static double log2(double x) {
        return Math.log(x) * 1.4426950408889634;
    }

    public static double log10(double x) {
        return Math.log10(x);
    }

    /**
     * log(1 + x) to within a few ulps, from the log intrinsic: the error of rounding 1 + x is undone by the factor
     * x / ((1 + x) - 1) (Goldberg 1991, after Kahan). StrictMath's log1p costs several times as much.
     */
    public static double log1p(double x) {
        double u = 1.0 + x;
        if (u == 1.0) {
            return x;
        }
        if (Double.isInfinite(u) || u <= 0.0) {
            return Math.log(u);
        }
        return Math.log(u) * (x / (u - 1.0));
    }

    /** log(1 + exp(x)) without overflow. */
    public static double log1p_exp(double x) {
        return x > 0.0 ? x + log1p(Math.exp(-x)) : log1p(Math.exp(x));
    }

    /** log(1 - exp(x)) for x below 0, accurate near 0 and far below it. */
    public static double log1m_exp(double x) {
        if (x > 0.0) {
            return Double.NaN;
        }
        return x > -0.6931471805599453 ? Math.log(-Math.expm1(x)) : log1p(-Math.exp(x));
    }

    public static double inv_logit(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log(inv_logit(x)) = -log1p_exp(-x). */
    public static double log_inv_logit(double x) {
        return -log1p_exp(-x);
    }

    public static double lgamma(double x) {
        return Gamma.logGamma(x);
    }

    /** Where the asymptotic series of digamma and trigamma take over from their recurrences. */
    private static final double POLYGAMMA_SERIES_FROM = 10.0;

    /**
     * The digamma function: the recurrence digamma(x) = digamma(x + 1) - 1/x up to 10, then the asymptotic series
     * through x^-12 (truncation below 1e-15 relative). Commons Math's digamma is off by about 3e-9 (a sign in its
     * series), too far for the CUDA twin in stan_math.cuh, which computes exactly this, to agree with it.
     */
    public static double digamma(double x) {
        double shift = 0.0;
        while (x < POLYGAMMA_SERIES_FROM) {
            if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                return Double.NaN;
            }
            shift -= 1.0 / x;
            x += 1.0;
        }
        double s = 1.0 / (x * x);
        double series = s * (1.0 / 12 - s * (1.0 / 120 - s * (1.0 / 252 - s * (1.0 / 240 - s * (1.0 / 132
                - s * (691.0 / 32760 - s / 12))))));
        return shift + (Math.log(x) - 0.5 / x - series);
    }

    /** The trigamma function: trigamma(x) = trigamma(x + 1) + 1/x^2 up to 10, then the asymptotic series. */
    public static double trigamma(double x) {
        double shift = 0.0;
        while (x < POLYGAMMA_SERIES_FROM) {
            if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
                return Double.NaN;
            }
            shift += 1.0 / (x * x);
            x += 1.0;
        }
        double s = 1.0 / (x * x);
        double series = s * (1.0 / 6 - s * (1.0 / 30 - s * (1.0 / 42 - s * (1.0 / 30 - s * (5.0 / 66
                - s * (691.0 / 2730 - s * 7.0 / 6))))));
        return shift + (1.0 / x + 0.5 * s + series / x);
    }

    public static double tgamma(double x) {
        return Gamma.gamma(x);
    }

    public static double erf(double x) {
        return Erf.erf(x);
    }

    public static double erfc(double x) {
        return Erf.erfc(x);
    }

    /** The standard normal distribution function. */
    public static double Phi(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT_TWO);
    }

    /** The standard normal quantile function. */
    public static double inv_Phi(double p) {
        return -Math.sqrt(2.0) * Erf.erfcInv(2.0 * p);
    }

    /** log Phi(x), accurate in the lower tail. */
    public static double log_Phi(double x) {
        if (x > -20.0) {
            return Math.log(Phi(x));
        }
        // Asymptotic series of the Mills ratio far in the lower tail.
        double x2 = x * x;
        return -0.5 * x2 - Math.log(-x) - 0.9189385332046728 + Math.log1p(-1.0 / x2 + 3.0 / (x2 * x2));
    }

    /** d/dx log Phi(x) = phi(x) / Phi(x). */
    public static double d_log_Phi(double x) {
        if (x > -20.0) {
            return 0.3989422804014327 * Math.exp(-0.5 * x * x) / Phi(x);
        }
        double x2 = x * x;
        return -x / (1.0 - 1.0 / x2 + 3.0 / (x2 * x2));
    }

    public static double fabs(double x) {
        return Math.abs(x);
    }

    public static double sin(double x) {
        return Math.sin(x);
    }

    public static double cos(double x) {
        return Math.cos(x);
    }

    public static double tan(double x) {
        return Math.tan(x);
    }

    public static double asin(double x) {
        return Math.asin(x);
    }

    public static double acos(double x) {
        return Math.acos(x);
    }

    public static double atan(double x) {
        return Math.atan(x);
    }

    public static double sinh(double x) {
        return Math.sinh(x);
    }

    public static double cosh(double x) {
        return Math.cosh(x);
    }

    public static double tanh(double x) {
        return Math.tanh(x);
    }

    public static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1.0));
    }

    public static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1.0));
    }

    public static double atanh(double x) {
        return 0.5 * Math.log1p(2.0 * x / (1.0 - x));
    }

    public static double atan2(double y, double x) {
        return Math.atan2(y, x);
    }

    public static double hypot(double x, double y) {
        return Math.hypot(x, y);
    }

    public static double fmin(double x, double y) {
        return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.min(x, y);
    }

    public static double fmax(double x, double y) {
        return Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.max(x, y);
    }

    public static double fdim(double x, double y) {
        return x > y ? x - y : 0.0;
    }

    public static double fmod(double x, double y) {
        return x % y;
    }

    public static double trunc(double x) {
        return x < 0.0 ? Math.ceil(x) : Math.floor(x);
    }

    public static double floor(double x) {
        return Math.floor(x);
    }

    public static double ceil(double x) {
        return Math.ceil(x);
    }

    /** Rounds halves away from zero, as C's round. */
    public static double round(double x) {
        return x < 0.0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
    }

    /** log(exp(a) + exp(b)) without overflow. */
    public static double log_sum_exp2(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a > b ? a + log1p(Math.exp(b - a)) : b + log1p(Math.exp(a - b));
    }

    /** log(exp(a) - exp(b)), b below a. */
    public static double log_diff_exp(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return a + log1m_exp(b - a);
    }

    public static double lbeta(double a, double b) {
        return Gamma.logGamma(a) + Gamma.logGamma(b) - Gamma.logGamma(a + b);
    }

    public static double lchoose(double n, double k) {
        return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
    }

    /** a log b, zero where a and b are both zero. */
    public static double multiply_log(double a, double b) {
        return a == 0.0 && b == 0.0 ? 0.0 : a * Math.log(b);
    }

    public static boolean isnan(double x) {
        return Double.isNaN(x);
    }

    public static boolean isinf(double x) {
        return Double.isInfinite(x);
    }

    /** Student's t log upper-tail probability P(T > t) of a standardised value t with nu degrees of freedom. */
    public static double student_t_lccdf_std(double t, double nu) {
        double x = nu / (nu + t * t);
        double tail = 0.5 * Beta.regularizedBeta(x, 0.5 * nu, 0.5);
        return t > 0.0 ? Math.log(tail) : Math.log1p(-tail);
    }

    /** Student's t log distribution function P(T <= t) of a standardised value. */
    public static double student_t_lcdf_std(double t, double nu) {
        return student_t_lccdf_std(-t, nu);
    }

    /** Integer division truncating toward zero, as Stan's; division by zero rejects the point. */
    public static int idiv(int a, int b) {
        if (b == 0) {
            throw new StanReject("integer division by zero");
        }
        return a / b;
    }

    public static int imod(int a, int b) {
        if (b == 0) {
            throw new StanReject("modulus by zero");
        }
        return a % b;
    }

    /** A real truncated toward zero; a value outside the int range (or NaN) rejects the point. */
    public static int to_int(double x) {
        if (!(x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE)) {
            throw new StanReject("to_int: " + x + " is outside the range of an int");
        }
        return (int) x;
    }

    public static int iabs(int a) {
        return Math.abs(a);
    }

    public static int imin(int a, int b) {
        return Math.min(a, b);
    }

    public static int imax(int a, int b) {
        return Math.max(a, b);
    }

    /**
     * A 1-based Stan index made 0-based, checked against the size it indexes.
     *
     * @throws StanReject when it is out of range
     */
    public static int ix(int index, int size) {
        if (index < 1 || index > size) {
            throw new StanReject("index " + index + " out of range; expecting index to be between 1 and " + size);
        }
        return index - 1;
    }
}
