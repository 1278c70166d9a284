// exp(x) as fdlibm computes it, which is what Java's StrictMath.exp returns bit for bit: the NUTS tree's acceptance
// statistic (a sum of exp of energy differences) feeds warm-up's dual averaging, so the host's tree logic and the
// device's must sum the very same bits, and the platforms' own exp (the JVM's, C's, CUDA's) differ in the last bit.
// Plain double arithmetic in a fixed order, so it is the same on every IEEE machine as long as nothing fuses a
// multiply and an add (the kernels build with -fmad=false, the stand-in with -ffp-contract=off).
//
// The method (Sun's fdlibm e_exp.c): x = k ln2 + r with |r| <= ln2/2, r carried as hi - lo; exp(r) from a degree-5
// Remez fit R of r^2 as 1 + r + r c / (2 - c), c = r - r^2 R(r^2); then scale by 2^k.
#ifndef MANYNUTS_STRICT_EXP_CUH
#define MANYNUTS_STRICT_EXP_CUH

__device__ inline double strict_exp(double x) {
    const double ln2Hi = 0x1.62e42feep-1;  // ln 2's leading 32 bits, so k * ln2Hi is exact
    const double ln2Lo = 0x1.a39ef35793c76p-33;
    const double inverseLn2 = 0x1.71547652b82fep0;
    const double p1 = 0x1.555555555553ep-3;
    const double p2 = -0x1.6c16c16bebd93p-9;
    const double p3 = 0x1.1566aaf25de2cp-14;
    const double p4 = -0x1.bbd41c5d26bf1p-20;
    const double p5 = 0x1.6376972bea4dp-25;
    if (isnan(x)) {
        return x + x;
    }
    double magnitude = fabs(x);
    // fdlibm's tests on the high word of |x|, as the doubles those words begin.
    if (magnitude >= 0x1.62e42p9) {
        if (isinf(x)) {
            return x > 0 ? x : 0.0;
        }
        if (x > 0x1.62e42fefa39efp9) {
            return INFINITY;
        }
        if (x < -0x1.74910d52d3051p9) {
            return 0.0;
        }
    }
    bool negative = x < 0;
    double hi = 0.0;
    double lo = 0.0;
    int k = 0;
    if (magnitude >= 0x1.62e43p-2) {
        if (magnitude < 0x1.0a2b2p0) {
            hi = negative ? x + ln2Hi : x - ln2Hi;
            lo = negative ? -ln2Lo : ln2Lo;
            k = negative ? -1 : 1;
        } else {
            k = (int) (inverseLn2 * x + (negative ? -0.5 : 0.5));
            double t = (double) k;
            hi = x - t * ln2Hi;
            lo = t * ln2Lo;
        }
        x = hi - lo;
    } else if (magnitude < 0x1.0p-28) {
        return 1.0 + x;
    }
    double t = x * x;
    double c = x - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
    if (k == 0) {
        return 1.0 - ((x * c) / (c - 2.0) - x);
    }
    double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
    // fdlibm adds k to y's exponent, which is exact: ldexp(y, k), not y * 2^k, since 2^1024 is no double while
    // y * 2^1024 is (k = 1024 for x in [709.437, 709.78]).
    if (k >= -1021) {
        return ldexp(y, k);
    }
    // Into the subnormals: exactly by 2^(k + 1000), then one rounding in the product, as fdlibm rounds them.
    return ldexp(y, k + 1000) * 0x1.0p-1000;
}

#endif
