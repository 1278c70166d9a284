// The special functions behind the gamma, beta and discrete distribution functions and the von Mises density, with
// their derivatives: the regularised incomplete gamma function P(a, x) (series, and the continued fraction of Q), the
// regularised incomplete beta function I_x(a, b) (stan_math.cuh's continued fraction), their derivatives in the
// shape parameters by differentiating their power series term by term, and log I0 with I1 / I0. The Java twin is
// manynuts.models.stan.runtime.SpecialFunctions: the same arithmetic step by step, in double precision.
#ifndef MANYNUTS_STAN_SPECIAL_CUH
#define MANYNUTS_STAN_SPECIAL_CUH

// Loops of up to a million terms: called, not inlined, on the device, so that a program using them several times
// stays small and quick to build.
#ifdef __CUDACC__
#define MANYNUTS_SPECIAL __device__ __noinline__
#else
#define MANYNUTS_SPECIAL inline
#endif

#define MANYNUTS_SPECIAL_EPSILON 1e-17
#define MANYNUTS_SPECIAL_TINY 1e-300
#define MANYNUTS_SPECIAL_TERMS 1000000

// P(a, x) = x^a e^-x / Gamma(a) * sum_n x^n / (a (a + 1) ... (a + n)), for x below a + 1.
MANYNUTS_SPECIAL double manynuts_gamma_series(double a, double x) {
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < MANYNUTS_SPECIAL_TERMS; n++) {
        term *= x / (a + n);
        sum += term;
        if (fabs(term) < fabs(sum) * MANYNUTS_SPECIAL_EPSILON) {
            break;
        }
    }
    return sum * exp(-x + a * log(x) - lgamma(a));
}

// Q(a, x) by its continued fraction (modified Lentz), for x at least a + 1.
MANYNUTS_SPECIAL double manynuts_gamma_fraction(double a, double x) {
    double b = x + 1.0 - a;
    double c = 1.0 / MANYNUTS_SPECIAL_TINY;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < MANYNUTS_SPECIAL_TERMS; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        d = fabs(d) < MANYNUTS_SPECIAL_TINY ? MANYNUTS_SPECIAL_TINY : d;
        c = b + an / c;
        c = fabs(c) < MANYNUTS_SPECIAL_TINY ? MANYNUTS_SPECIAL_TINY : c;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < MANYNUTS_SPECIAL_EPSILON) {
            break;
        }
    }
    return exp(-x + a * log(x) - lgamma(a)) * h;
}

MANYNUTS_SPECIAL double gamma_p(double a, double x) {
    if (!(a > 0.0) || !(x >= 0.0)) {
        return manynuts_nan();
    }
    if (x == 0.0) {
        return 0.0;
    }
    if (x == manynuts_infinity()) {
        return 1.0;
    }
    return x < a + 1.0 ? manynuts_gamma_series(a, x) : 1.0 - manynuts_gamma_fraction(a, x);
}

MANYNUTS_SPECIAL double gamma_q(double a, double x) {
    if (!(a > 0.0) || !(x >= 0.0)) {
        return manynuts_nan();
    }
    if (x == 0.0) {
        return 1.0;
    }
    if (x == manynuts_infinity()) {
        return 0.0;
    }
    return x < a + 1.0 ? 1.0 - manynuts_gamma_series(a, x) : manynuts_gamma_fraction(a, x);
}

MANYNUTS_SPECIAL double gamma_p_dx(double a, double x) {
    if (!(x > 0.0) || x == manynuts_infinity()) {
        return a == 1.0 && x == 0.0 ? 1.0 : 0.0;
    }
    return exp(-x + (a - 1.0) * log(x) - lgamma(a));
}

// dQ(a, x)/da for x at least a + 1: Q = x^a e^-x h / Gamma(a) with h the continued fraction, whose derivative in a
// is carried along Lentz's iteration in forward mode.
MANYNUTS_SPECIAL double manynuts_gamma_fraction_derivative(double a, double x) {
    double b = x + 1.0 - a;
    double c = 1.0 / MANYNUTS_SPECIAL_TINY;
    double dc = 0.0;
    double d = 1.0 / b;
    double dd = d * d;
    double h = d;
    double dh = dd;
    for (int i = 1; i < MANYNUTS_SPECIAL_TERMS; i++) {
        double an = -i * (i - a);
        double dan = i;
        b += 2.0;
        double denominator = an * d + b;
        double dDenominator = dan * d + an * dd - 1.0;
        denominator = fabs(denominator) < MANYNUTS_SPECIAL_TINY ? MANYNUTS_SPECIAL_TINY : denominator;
        double cNext = b + an / c;
        double dcNext = -1.0 + (dan * c - an * dc) / (c * c);
        if (fabs(cNext) < MANYNUTS_SPECIAL_TINY) {
            cNext = MANYNUTS_SPECIAL_TINY;
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
        bool settled = fabs(dhNext - dh) <= MANYNUTS_SPECIAL_EPSILON * fabs(dhNext);
        dh = dhNext;
        if (fabs(delta - 1.0) < MANYNUTS_SPECIAL_EPSILON && settled) {
            break;
        }
    }
    double q = exp(-x + a * log(x) - lgamma(a)) * h;
    return q * (log(x) - digamma(a) + dh / h);
}

// dP(a, x)/da = sum_n t_n (log x - digamma(a + n + 1)), t_n = x^(a + n) e^-x / Gamma(a + n + 1), summed outward
// from the largest term.
MANYNUTS_SPECIAL double gamma_p_da(double a, double x) {
    if (!(x > 0.0) || x == manynuts_infinity()) {
        return 0.0;
    }
    if (x >= a + 1.0) {
        return -manynuts_gamma_fraction_derivative(a, x);
    }
    double logX = log(x);
    double peak = floor(fmax(0.0, x - a));
    double first = exp((a + peak) * logX - x - lgamma(a + peak + 1.0));
    double firstDigamma = digamma(a + peak + 1.0);
    double mass = first;
    double sum = first * (logX - firstDigamma);
    double term = first;
    double psi = firstDigamma;
    for (int n = 1; n < MANYNUTS_SPECIAL_TERMS; n++) {
        double shape = a + peak + n;
        term *= x / shape;
        psi += 1.0 / shape;
        mass += term;
        sum += term * (logX - psi);
        if (term * (1.0 + fabs(logX - psi)) < MANYNUTS_SPECIAL_EPSILON * mass) {
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
        if (term * (1.0 + fabs(logX - psi)) < MANYNUTS_SPECIAL_EPSILON * mass) {
            break;
        }
    }
    return sum;
}

MANYNUTS_SPECIAL double inc_beta(double a, double b, double x) {
    return manynuts_incomplete_beta(x, a, b);
}

MANYNUTS_SPECIAL double inc_beta_dx(double a, double b, double x) {
    if (!(x > 0.0) || !(x < 1.0)) {
        return 0.0;
    }
    return exp((a - 1.0) * log(x) + (b - 1.0) * log1p(-x) - lbeta(a, b));
}

// The derivative in a (first) or b of I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) sum_n x^n (a + b)_n / (a + 1)_n.
MANYNUTS_SPECIAL double manynuts_beta_series_derivative(double a, double b, double x, bool first) {
    double logX = log(x);
    double log1mX = log1p(-x);
    double term = exp(a * logX + b * log1mX - log(a) - lbeta(a, b));
    double digammaSum = digamma(a + b);
    double weight = first ? logX - 1.0 / a - digamma(a) + digammaSum : log1mX - digamma(b) + digammaSum;
    double mass = term;
    double sum = term * weight;
    for (int n = 0; n < MANYNUTS_SPECIAL_TERMS; n++) {
        double ratio = (a + b + n) / (a + 1.0 + n) * x;
        weight += first ? 1.0 / (a + b + n) - 1.0 / (a + 1.0 + n) : 1.0 / (a + b + n);
        term *= ratio;
        mass += term;
        sum += term * weight;
        if (ratio < 1.0 && term * (1.0 + fabs(weight)) < MANYNUTS_SPECIAL_EPSILON * (1.0 - ratio) * mass) {
            break;
        }
    }
    return sum;
}

MANYNUTS_SPECIAL double manynuts_inc_beta_shape_derivative(double a, double b, double x, bool first) {
    if (!(x > 0.0) || !(x < 1.0)) {
        return 0.0;
    }
    if (x > (a + 1.0) / (a + b + 2.0)) {
        return -manynuts_beta_series_derivative(b, a, 1.0 - x, !first);
    }
    return manynuts_beta_series_derivative(a, b, x, first);
}

MANYNUTS_SPECIAL double inc_beta_da(double a, double b, double x) {
    return manynuts_inc_beta_shape_derivative(a, b, x, true);
}

MANYNUTS_SPECIAL double inc_beta_db(double a, double b, double x) {
    return manynuts_inc_beta_shape_derivative(a, b, x, false);
}

// log I_nu(kappa) for nu 0 or 1 from its power series, summed outward from its largest term.
MANYNUTS_SPECIAL double manynuts_log_bessel_i(int nu, double kappa) {
    if (!(kappa >= 0.0)) {
        return manynuts_nan();
    }
    if (kappa == 0.0) {
        return nu == 0 ? 0.0 : -manynuts_infinity();
    }
    if (kappa == manynuts_infinity()) {
        return kappa;
    }
    double half = 0.5 * kappa;
    double quarterSquare = half * half;
    double peak = floor(0.5 * (sqrt(nu * nu + 4.0 * quarterSquare) - nu));
    double logPeak = (2.0 * peak + nu) * log(half) - lgamma(peak + 1.0) - lgamma(peak + nu + 1.0);
    double sum = 1.0;
    double term = 1.0;
    for (double m = peak; m < peak + MANYNUTS_SPECIAL_TERMS; m += 1.0) {
        term *= quarterSquare / ((m + 1.0) * (m + 1.0 + nu));
        sum += term;
        if (term < MANYNUTS_SPECIAL_EPSILON * sum) {
            break;
        }
    }
    term = 1.0;
    for (double m = peak; m > 0.0; m -= 1.0) {
        term *= m * (m + nu) / quarterSquare;
        sum += term;
        if (term < MANYNUTS_SPECIAL_EPSILON * sum) {
            break;
        }
    }
    return logPeak + log(sum);
}

MANYNUTS_SPECIAL double log_bessel_i0(double kappa) {
    return manynuts_log_bessel_i(0, kappa);
}

MANYNUTS_SPECIAL double bessel_i1_over_i0(double kappa) {
    return exp(manynuts_log_bessel_i(1, kappa) - manynuts_log_bessel_i(0, kappa));
}

#endif
