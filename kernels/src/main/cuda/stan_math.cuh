// The scalar functions that code generated from Stan programs calls, under the names of the primitives' templates
// (manynuts.models.stan.ir.Primitives), for device code over double and float; the runtime's StanMath is their Java
// twin. CUDA's own functions serve where they exist (lgamma, erf, erfc, log1p, expm1, normcdfinv); the rest follow
// StanMath's formulas so that both backends round alike. Compiled for the host through cuda_host_shim.h, the C
// library's functions stand in for CUDA's.
#ifndef MANYNUTS_STAN_MATH_CUH
#define MANYNUTS_STAN_MATH_CUH

#ifdef __CUDACC__
#define MANYNUTS_MATH __device__ __forceinline__
#else
#define MANYNUTS_MATH inline
#endif

#define MANYNUTS_INT_MAX 2147483647
#define MANYNUTS_INT_MIN (-MANYNUTS_INT_MAX - 1)

// Infinity and NaN without the C library's macros, which NVRTC does not define.
MANYNUTS_MATH double manynuts_infinity() {
#ifdef __CUDACC__
    return __longlong_as_double(0x7ff0000000000000LL);
#else
    return HUGE_VAL;
#endif
}

MANYNUTS_MATH double manynuts_nan() {
#ifdef __CUDACC__
    return __longlong_as_double(0x7ff8000000000000LL);
#else
    return NAN;
#endif
}

// ---- int functions: a failure (division by zero, an index out of range) sets failed and returns a harmless value;
// the generated code rejects the point once the forward sweep is over.

MANYNUTS_MATH int manynuts_idiv(int& failed, int a, int b) {
    if (b == 0) {
        failed = 1;
        return 0;
    }
    return a / b;
}

MANYNUTS_MATH int manynuts_imod(int& failed, int a, int b) {
    if (b == 0) {
        failed = 1;
        return 0;
    }
    return a % b;
}

// A 1-based Stan index made 0-based; out of range it fails and gives 0 (kernel data keep one spare element at the
// end, so even a read of an empty array stays inside its buffer).
MANYNUTS_MATH int manynuts_ix(int& failed, int index, int size) {
    if (index < 1 || index > size) {
        failed = 1;
        return 0;
    }
    return index - 1;
}

template <typename Real>
MANYNUTS_MATH int manynuts_to_int(int& failed, Real x) {
    if (!(x >= (Real) MANYNUTS_INT_MIN && x <= (Real) MANYNUTS_INT_MAX)) {
        failed = 1;
        return 0;
    }
    return (int) x;
}

MANYNUTS_MATH int iabs(int a) { return a < 0 ? -a : a; }
MANYNUTS_MATH int imin(int a, int b) { return a < b ? a : b; }
MANYNUTS_MATH int imax(int a, int b) { return a > b ? a : b; }

// ---- real functions

// log(1 + exp(x)) without overflow.
template <typename Real>
MANYNUTS_MATH Real log1p_exp(Real x) {
    return x > (Real) 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

// log(1 - exp(x)) for x below 0, accurate near 0 and far below it.
template <typename Real>
MANYNUTS_MATH Real log1m_exp(Real x) {
    if (x > (Real) 0) {
        return (Real) manynuts_nan();
    }
    return x > (Real) -0.6931471805599453 ? log(-expm1(x)) : log1p(-exp(x));
}

template <typename Real>
MANYNUTS_MATH Real inv_logit(Real x) {
    if (x >= (Real) 0) {
        return (Real) 1 / ((Real) 1 + exp(-x));
    }
    Real e = exp(x);
    return e / ((Real) 1 + e);
}

template <typename Real>
MANYNUTS_MATH Real log_inv_logit(Real x) {
    return -log1p_exp(-x);
}

// digamma and trigamma: their recurrences up to 10, then their asymptotic series through x^-12 (truncation below
// 1e-15 relative), exactly as StanMath computes them.
#define MANYNUTS_POLYGAMMA_SERIES_FROM 10.0

template <typename Real>
MANYNUTS_MATH Real digamma(Real x) {
    Real shift = 0;
    while (x < (Real) MANYNUTS_POLYGAMMA_SERIES_FROM) {
        if (!(x == x) || x == -(Real) manynuts_infinity()) {
            return (Real) manynuts_nan();
        }
        // digamma(x) = digamma(x + 1) - 1/x
        shift -= (Real) 1 / x;
        x += (Real) 1;
    }
    Real s = (Real) 1 / (x * x);
    Real series = s * ((Real) (1.0 / 12) - s * ((Real) (1.0 / 120) - s * ((Real) (1.0 / 252) - s * ((Real) (1.0 / 240)
            - s * ((Real) (1.0 / 132) - s * ((Real) (691.0 / 32760) - s / (Real) 12))))));
    return shift + (log(x) - (Real) 0.5 / x - series);
}

template <typename Real>
MANYNUTS_MATH Real trigamma(Real x) {
    Real shift = 0;
    while (x < (Real) MANYNUTS_POLYGAMMA_SERIES_FROM) {
        if (!(x == x) || x == -(Real) manynuts_infinity()) {
            return (Real) manynuts_nan();
        }
        // trigamma(x) = trigamma(x + 1) + 1/x^2
        shift += (Real) 1 / (x * x);
        x += (Real) 1;
    }
    Real s = (Real) 1 / (x * x);
    Real series = s * ((Real) (1.0 / 6) - s * ((Real) (1.0 / 30) - s * ((Real) (1.0 / 42) - s * ((Real) (1.0 / 30)
            - s * ((Real) (5.0 / 66) - s * ((Real) (691.0 / 2730) - s * (Real) 7 / (Real) 6))))));
    return shift + ((Real) 1 / x + (Real) 0.5 * s + series / x);
}

// The standard normal distribution function.
template <typename Real>
MANYNUTS_MATH Real Phi(Real x) {
    return (Real) 0.5 * erfc(-x * (Real) 0.7071067811865476);
}

// The standard normal quantile function.
template <typename Real>
MANYNUTS_MATH Real inv_Phi(Real p) {
#ifdef __CUDACC__
    return normcdfinv(p);
#else
    // The C library has no normcdfinv: Acklam's rational approximation (relative error below 1.2e-9), then one
    // Halley step on Phi(x) = p, which brings it to double precision.
    if (!(p > 0.0 && p < 1.0)) {
        return p == 0.0 ? -HUGE_VAL : p == 1.0 ? HUGE_VAL : NAN;
    }
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    double x;
    if (p < 0.02425 || p > 1.0 - 0.02425) {
        double q = sqrt(-2.0 * log(p < 0.5 ? p : 1.0 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
        if (p > 0.5) {
            x = -x;
        }
    } else {
        double q = p - 0.5;
        double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }
    double error = 0.5 * erfc(-x * 0.7071067811865476) - p;
    double u = error * 2.5066282746310002 * exp(0.5 * x * x);
    return (Real) (x - u / (1.0 + 0.5 * x * u));
#endif
}

// log Phi(x), accurate in the lower tail.
template <typename Real>
MANYNUTS_MATH Real log_Phi(Real x) {
    if (x > (Real) -20) {
        return log(Phi(x));
    }
    // Asymptotic series of the Mills ratio far in the lower tail.
    Real x2 = x * x;
    return (Real) -0.5 * x2 - log(-x) - (Real) 0.9189385332046728
            + log1p((Real) -1 / x2 + (Real) 3 / (x2 * x2));
}

// d/dx log Phi(x) = phi(x) / Phi(x).
template <typename Real>
MANYNUTS_MATH Real d_log_Phi(Real x) {
    if (x > (Real) -20) {
        return (Real) 0.3989422804014327 * exp((Real) -0.5 * x * x) / Phi(x);
    }
    Real x2 = x * x;
    return -x / ((Real) 1 - (Real) 1 / x2 + (Real) 3 / (x2 * x2));
}

// log(exp(a) + exp(b)) without overflow.
template <typename Real>
MANYNUTS_MATH Real log_sum_exp2(Real a, Real b) {
    if (a == -(Real) manynuts_infinity()) {
        return b;
    }
    if (b == -(Real) manynuts_infinity()) {
        return a;
    }
    return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

// log(exp(a) - exp(b)), b below a.
template <typename Real>
MANYNUTS_MATH Real log_diff_exp(Real a, Real b) {
    if (b == -(Real) manynuts_infinity()) {
        return a;
    }
    return a + log1m_exp(b - a);
}

template <typename Real>
MANYNUTS_MATH Real lbeta(Real a, Real b) {
    return lgamma(a) + lgamma(b) - lgamma(a + b);
}

template <typename Real>
MANYNUTS_MATH Real lchoose(Real n, Real k) {
    return lgamma(n + (Real) 1) - lgamma(k + (Real) 1) - lgamma(n - k + (Real) 1);
}

// a log b, zero where a and b are both zero.
template <typename Real>
MANYNUTS_MATH Real multiply_log(Real a, Real b) {
    return a == (Real) 0 && b == (Real) 0 ? (Real) 0 : a * log(b);
}

// The regularized incomplete beta function I_x(a, b) by its continued fraction (modified Lentz), taken on the side
// where it converges fast.
MANYNUTS_MATH double manynuts_incomplete_beta(double x, double a, double b) {
    if (!(x > 0.0)) {
        return x == 0.0 ? 0.0 : manynuts_nan();
    }
    if (!(x < 1.0)) {
        return x == 1.0 ? 1.0 : manynuts_nan();
    }
    bool swapped = x > (a + 1.0) / (a + b + 2.0);
    if (swapped) {
        double t = a;
        a = b;
        b = t;
        x = 1.0 - x;
    }
    const double tiny = 1e-300;
    double front = exp(a * log(x) + b * log1p(-x) - lgamma(a) - lgamma(b) + lgamma(a + b)) / a;
    double f = 1.0;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = fabs(d) < tiny ? 1.0 / tiny : 1.0 / d;
    f = d;
    for (int m = 1; m <= 10000; m++) {
        for (int half = 0; half < 2; half++) {
            double numerator = half == 0 ? m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
                                         : -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
            d = 1.0 + numerator * d;
            d = fabs(d) < tiny ? 1.0 / tiny : 1.0 / d;
            c = 1.0 + numerator / c;
            c = fabs(c) < tiny ? tiny : c;
            f *= c * d;
            if (half == 1 && fabs(c * d - 1.0) < 1e-16) {
                double result = front * f;
                return swapped ? 1.0 - result : result;
            }
        }
    }
    double result = front * f;
    return swapped ? 1.0 - result : result;
}

// Student's t log upper-tail probability P(T > t) of a standardised value t with nu degrees of freedom.
template <typename Real>
MANYNUTS_MATH Real student_t_lccdf_std(Real t, Real nu) {
    double x = (double) nu / ((double) nu + (double) t * (double) t);
    double tail = 0.5 * manynuts_incomplete_beta(x, 0.5 * (double) nu, 0.5);
    return (Real) (t > (Real) 0 ? log(tail) : log1p(-tail));
}

// Student's t log distribution function P(T <= t) of a standardised value.
template <typename Real>
MANYNUTS_MATH Real student_t_lcdf_std(Real t, Real nu) {
    return student_t_lccdf_std(-t, nu);
}

#include "stan_special.cuh"

#endif
