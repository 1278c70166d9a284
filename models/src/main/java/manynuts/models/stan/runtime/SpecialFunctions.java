package manynuts.models.stan.runtime;

/**
 * The special functions behind the gamma, beta and discrete distribution functions and the von Mises density, with
 * the derivatives the reverse sweep needs: the regularised incomplete gamma function P(a, x) (its series and the
 * continued fraction of Q, Numerical Recipes 6.2), the regularised incomplete beta function I_x(a, b) (its continued
 * fraction, Numerical Recipes 6.4), their derivatives in the shape parameters by differentiating their power series
 * term by term (the approach of Stan's grad_reg_inc_gamma and grad_reg_inc_beta), and log I0 with I1 / I0. The CUDA
 * twin, stan_special.cuh, does the same arithmetic step by step so that both backends round alike.
 */
public final class SpecialFunctions {
    private static final double EPSILON = 1e-17;
    private static final double TINY = 1e-300;
    private static final int MAX_TERMS = 1_000_000;

    private SpecialFunctions() {
    }

    /** The regularised lower incomplete gamma function P(a, x), a above 0, x at least 0. */
    public static double gamma_p(double a, double x) {
        if (!(a > 0.0) || !(x >= 0.0)) {
            return Double.NaN;
        }
        if (x == 0.0) {
            return 0.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        return x < a + 1.0 ? gammaSeries(a, x) : 1.0 - gammaFraction(a, x);
    }

    /** The regularised upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
    public static double gamma_q(double a, double x) {
        if (!(a > 0.0) || !(x >= 0.0)) {
            return Double.NaN;
        }
        if (x == 0.0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return x < a + 1.0 ? 1.0 - gammaSeries(a, x) : gammaFraction(a, x);
    }

    /** P(a, x) = x^a e^-x / Gamma(a) * sum_n x^n / (a (a + 1) ... (a + n)), for x below a + 1. */
    private static double gammaSeries(double a, double x) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - StanMath.lgamma(a));
    }

    /** Q(a, x) by its continued fraction (modified Lentz), for x at least a + 1. */
    private static double gammaFraction(double a, double x) {
        double b = x + 1.0 - a;
        double c = 1.0 / TINY;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - StanMath.lgamma(a)) * h;
    }

    /** dP(a, x)/dx = x^(a - 1) e^-x / Gamma(a). */
    public static double gamma_p_dx(double a, double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            return a == 1.0 && x == 0.0 ? 1.0 : 0.0;
        }
        return Math.exp(-x + (a - 1.0) * Math.log(x) - StanMath.lgamma(a));
    }

    /**
     * dP(a, x)/da from P = sum_n t_n with t_n = x^(a + n) e^-x / Gamma(a + n + 1), whose derivative is
     * sum_n t_n (log x - digamma(a + n + 1)). The sum starts at its largest term (n near x - a) and goes outward both
     * ways, so that a large x neither underflows e^-x nor costs more than a few times sqrt(x) terms. Where x is at
     * least a + 1, the derivative of Q's continued fraction serves instead: there Q may be tiny, and the derivative
     * of P, near 0, would be lost to rounding against P's terms.
     */
    public static double gamma_p_da(double a, double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (x >= a + 1.0) {
            return -gammaFractionDerivative(a, x);
        }
        double logX = Math.log(x);
        double peak = Math.floor(Math.max(0.0, x - a));
        double first = Math.exp((a + peak) * logX - x - StanMath.lgamma(a + peak + 1.0));
        double firstDigamma = StanMath.digamma(a + peak + 1.0);
        double mass = first;
        double sum = first * (logX - firstDigamma);
        double term = first;
        double psi = firstDigamma;
        for (int n = 1; n < MAX_TERMS; n++) {
            double shape = a + peak + n;
            term *= x / shape;
            psi += 1.0 / shape;
            mass += term;
            sum += term * (logX - psi);
            if (term * (1.0 + Math.abs(logX - psi)) < EPSILON * mass) {
                break;
            }
        }
        term = first;
        psi = firstDigamma;
        for (double m = peak; m > 0.0; m -= 1.0) {
            double shape = a + m;
            term *= shape / x;
            psi -= 1.0 / shape;
            mass += term;
            sum += term * (logX - psi);
            if (term * (1.0 + Math.abs(logX - psi)) < EPSILON * mass) {
                break;
            }
        }
        return sum;
    }

    /**
     * dQ(a, x)/da for x at least a + 1, where Q may be far smaller than the rounding error of 1 - P: Q = x^a e^-x h
     * / Gamma(a) with h the continued fraction, so dQ/da = Q (log x - digamma(a) + h' / h), and h' is carried along
     * Lentz's iteration in forward mode (each partial numerator depends on a through -i (i - a), each denominator
     * through x + 1 - a + 2i).
     */
    private static double gammaFractionDerivative(double a, double x) {
        double b = x + 1.0 - a;
        double c = 1.0 / TINY;
        double dc = 0.0;
        double d = 1.0 / b;
        double dd = d * d;
        double h = d;
        double dh = dd;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - a);
            double dan = i;
            b += 2.0;
            double denominator = an * d + b;
            double dDenominator = dan * d + an * dd - 1.0;
            denominator = Math.abs(denominator) < TINY ? TINY : denominator;
            double cNext = b + an / c;
            double dcNext = -1.0 + (dan * c - an * dc) / (c * c);
            if (Math.abs(cNext) < TINY) {
                cNext = TINY;
                dcNext = 0.0;
            }
            d = 1.0 / denominator;
            dd = -dDenominator * d * d;
            c = cNext;
            dc = dcNext;
            double delta = d * c;
            double dDelta = dd * c + d * dc;
            double dhNext = dh * delta + h * dDelta;
            h *= delta;
            boolean settled = Math.abs(dhNext - dh) <= EPSILON * Math.abs(dhNext);
            dh = dhNext;
            if (Math.abs(delta - 1.0) < EPSILON && settled) {
                break;
            }
        }
        double q = Math.exp(-x + a * Math.log(x) - StanMath.lgamma(a)) * h;
        return q * (Math.log(x) - StanMath.digamma(a) + dh / h);
    }

    /** The regularised incomplete beta function I_x(a, b) by its continued fraction, on the side it converges. */
    public static double inc_beta(double a, double b, double x) {
        if (!(x > 0.0)) {
            return x == 0.0 ? 0.0 : Double.NaN;
        }
        if (!(x < 1.0)) {
            return x == 1.0 ? 1.0 : Double.NaN;
        }
        boolean swapped = x > (a + 1.0) / (a + b + 2.0);
        if (swapped) {
            double t = a;
            a = b;
            b = t;
            x = 1.0 - x;
        }
        double front = Math.exp(a * Math.log(x) + b * StanMath.log1p(-x) - StanMath.lgamma(a) - StanMath.lgamma(b)
                + StanMath.lgamma(a + b)) / a;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1.0);
        d = Math.abs(d) < TINY ? 1.0 / TINY : 1.0 / d;
        double f = d;
        for (int m = 1; m <= 10_000; m++) {
            for (int half = 0; half < 2; half++) {
                double numerator = half == 0 ? m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
                        : -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
                d = 1.0 + numerator * d;
                d = Math.abs(d) < TINY ? 1.0 / TINY : 1.0 / d;
                c = 1.0 + numerator / c;
                c = Math.abs(c) < TINY ? TINY : c;
                f *= c * d;
                if (half == 1 && Math.abs(c * d - 1.0) < 1e-16) {
                    double result = front * f;
                    return swapped ? 1.0 - result : result;
                }
            }
        }
        double result = front * f;
        return swapped ? 1.0 - result : result;
    }

    /** dI_x(a, b)/dx = x^(a - 1) (1 - x)^(b - 1) / B(a, b). */
    public static double inc_beta_dx(double a, double b, double x) {
        if (!(x > 0.0) || !(x < 1.0)) {
            return 0.0;
        }
        return Math.exp((a - 1.0) * Math.log(x) + (b - 1.0) * StanMath.log1p(-x) - StanMath.lbeta(a, b));
    }

    /** dI_x(a, b)/da. */
    public static double inc_beta_da(double a, double b, double x) {
        return incBetaShapeDerivative(a, b, x, true);
    }

    /** dI_x(a, b)/db. */
    public static double inc_beta_db(double a, double b, double x) {
        return incBetaShapeDerivative(a, b, x, false);
    }

    private static double incBetaShapeDerivative(double a, double b, double x, boolean first) {
        if (!(x > 0.0) || !(x < 1.0)) {
            return 0.0;
        }
        if (x > (a + 1.0) / (a + b + 2.0)) {
            // I_x(a, b) = 1 - I_(1-x)(b, a): a derivative in a is minus the other's in its second shape.
            return -betaSeriesDerivative(b, a, 1.0 - x, !first);
        }
        return betaSeriesDerivative(a, b, x, first);
    }

    /**
     * The derivative in a ({@code first}) or b of I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) sum_n t_n with
     * t_n = x^n (a + b)_n / (a + 1)_n (DLMF 8.17.8), term by term: each term times the derivative of its log.
     */
    private static double betaSeriesDerivative(double a, double b, double x, boolean first) {
        double logX = Math.log(x);
        double log1mX = StanMath.log1p(-x);
        double term = Math.exp(a * logX + b * log1mX - Math.log(a) - StanMath.lbeta(a, b));
        double digammaSum = StanMath.digamma(a + b);
        double weight = first ? logX - 1.0 / a - StanMath.digamma(a) + digammaSum
                : log1mX - StanMath.digamma(b) + digammaSum;
        double mass = term;
        double sum = term * weight;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + b + n) / (a + 1.0 + n) * x;
            weight += first ? 1.0 / (a + b + n) - 1.0 / (a + 1.0 + n) : 1.0 / (a + b + n);
            term *= ratio;
            mass += term;
            sum += term * weight;
            if (ratio < 1.0 && term * (1.0 + Math.abs(weight)) < EPSILON * (1.0 - ratio) * mass) {
                break;
            }
        }
        return sum;
    }

    /** log I_0(kappa), the modified Bessel function of the first kind of order 0, kappa at least 0. */
    public static double log_bessel_i0(double kappa) {
        return logBesselI(0, kappa);
    }

    /** I_1(kappa) / I_0(kappa), the derivative of log I_0. */
    public static double bessel_i1_over_i0(double kappa) {
        return Math.exp(logBesselI(1, kappa) - logBesselI(0, kappa));
    }

    /**
     * log I_nu(kappa) for nu 0 or 1 from its power series sum_m (kappa/2)^(2m + nu) / (m! (m + nu)!), summed outward
     * from its largest term (m near kappa / 2) so that large kappa does not overflow.
     */
    private static double logBesselI(int nu, double kappa) {
        if (!(kappa >= 0.0)) {
            return Double.NaN;
        }
        if (kappa == 0.0) {
            return nu == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        if (kappa == Double.POSITIVE_INFINITY) {
            return kappa;
        }
        double half = 0.5 * kappa;
        double quarterSquare = half * half;
        double peak = Math.floor(0.5 * (Math.sqrt(nu * nu + 4.0 * quarterSquare) - nu));
        double logPeak = (2.0 * peak + nu) * Math.log(half) - StanMath.lgamma(peak + 1.0)
                - StanMath.lgamma(peak + nu + 1.0);
        double sum = 1.0;
        double term = 1.0;
        for (double m = peak; m < peak + MAX_TERMS; m += 1.0) {
            term *= quarterSquare / ((m + 1.0) * (m + 1.0 + nu));
            sum += term;
            if (term < EPSILON * sum) {
                break;
            }
        }
        term = 1.0;
        for (double m = peak; m > 0.0; m -= 1.0) {
            term *= m * (m + nu) / quarterSquare;
            sum += term;
            if (term < EPSILON * sum) {
                break;
            }
        }
        return logPeak + Math.log(sum);
    }
}
