// Neal's funnel, centered and non-centered, for one chain: manynuts.models.NealsFunnel and NealsFunnelNonCentered.
#ifndef MANYNUTS_NEALS_FUNNEL_CUH
#define MANYNUTS_NEALS_FUNNEL_CUH

// 1 / 3^2 written like the Java constant so both round to the same double.
#define MANYNUTS_FUNNEL_V_PRECISION (1.0 / (3.0 * 3.0))

// Coordinates (v, x[1..n-1]) in dimension-major rows [d * stride + c]; the kernel data are integers {n}. In double,
// the operations and their order follow NealsFunnel.logDensityGradientAt; Real is double or float.
template <typename Real>
struct NealsFunnel {
    int n;

    __host__ __device__ NealsFunnel(const int* integers, const double*) : n(integers[0]) {}

    __host__ __device__ int dimension() const { return n; }

    // log p = -v^2/18 - (n-1) v/2 - exp(-v) sum_i x_i^2 / 2.
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real halfCount = (Real) (0.5 * (n - 1));
        Real v = position[c];
        Real logDensity = (Real) (-0.5 * MANYNUTS_FUNNEL_V_PRECISION) * v * v - halfCount * v;
        Real gradientV = (Real) (-MANYNUTS_FUNNEL_V_PRECISION) * v - halfCount;
        Real inverseVariance = exp(-v);
        for (int i = 1; i < n; i++) {
            long long at = i * stride + c;
            Real x = position[at];
            Real scaled = inverseVariance * x;
            Real halfSquare = (Real) 0.5 * scaled * x;
            logDensity -= halfSquare;
            gradientV += halfSquare;
            gradient[at] = -scaled;
        }
        gradient[c] = gradientV;
        return logDensity;
    }
};

// Coordinates (v, z[1..n-1]); the kernel data are integers {n}. In double, the operations and their order follow
// NealsFunnelNonCentered.logDensityGradientAt.
template <typename Real>
struct NealsFunnelNonCentered {
    int n;

    __host__ __device__ NealsFunnelNonCentered(const int* integers, const double*) : n(integers[0]) {}

    __host__ __device__ int dimension() const { return n; }

    // log p = -v^2/18 - sum_i z_i^2 / 2.
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real v = position[c];
        Real logDensity = (Real) (-0.5 * MANYNUTS_FUNNEL_V_PRECISION) * v * v;
        gradient[c] = (Real) (-MANYNUTS_FUNNEL_V_PRECISION) * v;
        for (int i = 1; i < n; i++) {
            long long at = i * stride + c;
            Real z = position[at];
            logDensity -= (Real) 0.5 * z * z;
            gradient[at] = -z;
        }
        return logDensity;
    }
};

#endif
