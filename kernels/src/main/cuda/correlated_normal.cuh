// The equicorrelated multivariate normal for one chain: manynuts.models.CorrelatedNormal.
#ifndef MANYNUTS_CORRELATED_NORMAL_CUH
#define MANYNUTS_CORRELATED_NORMAL_CUH

// Coordinates x[1..n] in dimension-major rows [d * stride + c], mean x[i] = i - 1. The kernel data are integers {n}
// and reals {1 / (1 - rho), rho / (1 + (n - 1) rho)}, computed once by the Java model so both use the same doubles.
// In double, the operations and their order follow CorrelatedNormal.logDensityGradientAt; Real is double or float.
template <typename Real>
struct CorrelatedNormal {
    int n;
    double inverseOneMinusRho;
    double correlationWeight;

    __host__ __device__ CorrelatedNormal(const int* integers, const double* reals)
            : n(integers[0]), inverseOneMinusRho(reals[0]), correlationWeight(reals[1]) {}

    __host__ __device__ int dimension() const { return n; }

    // With r = x - mean, S = sum r and Q = sum r^2: log p = -(Q - c S^2) / (2 (1 - rho)) and the gradient
    // (c S - r) / (1 - rho).
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real sum = 0;
        Real squares = 0;
        for (int i = 0; i < n; i++) {
            Real r = position[i * stride + c] - (Real) i;
            sum += r;
            squares += r * r;
        }
        Real scale = (Real) inverseOneMinusRho;
        Real weight = (Real) correlationWeight;
        Real logDensity = (Real) -0.5 * scale * (squares - weight * sum * sum);
        Real scaledSum = weight * sum;
        for (int i = 0; i < n; i++) {
            long long at = i * stride + c;
            Real r = position[at] - (Real) i;
            gradient[at] = (scaledSum - r) * scale;
        }
        return logDensity;
    }
};

#endif
