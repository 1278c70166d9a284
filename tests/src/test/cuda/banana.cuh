// The worked example's log density on the GPU: manynuts.examples.Banana, x1 ~ N(0, 1), x2 | x1 ~ N(b x1^2, 1).
#ifndef MANYNUTS_EXAMPLE_BANANA_CUH
#define MANYNUTS_EXAMPLE_BANANA_CUH

// Coordinates (x1, x2) of chain c in dimension-major rows [d * stride + c]. The kernel data are the reals {b} of
// Banana.kernelBinding. Real is double or float; in double the operations follow the Java model's, in its order.
template <typename Real>
struct Banana {
    double curvature;

    __host__ __device__ Banana(const int*, const double* reals) : curvature(reals[0]) {}

    __host__ __device__ int dimension() const { return 2; }

    // Returns log p = -x1^2/2 - (x2 - b x1^2)^2/2 at chain c's position and writes its gradient.
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real x1 = position[c];
        Real x2 = position[stride + c];
        Real b = (Real) curvature;
        Real residual = x2 - b * x1 * x1;
        gradient[c] = -x1 + (Real) 2 * b * x1 * residual;
        gradient[stride + c] = -residual;
        return (Real) -0.5 * (x1 * x1 + residual * residual);
    }
};

#endif
