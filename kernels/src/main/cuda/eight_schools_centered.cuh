// The centered eight schools log density and gradient for one chain: manynuts.models.EightSchoolsCentered.
#ifndef MANYNUTS_EIGHT_SCHOOLS_CENTERED_CUH
#define MANYNUTS_EIGHT_SCHOOLS_CENTERED_CUH

#include "hierarchical_normal_priors.cuh"

// Coordinates (mu, tau_log, theta[1..J]) in dimension-major rows [d * stride + c]; y and sigma are device arrays;
// Real is the type of the chain state, double or float.
template <typename Real>
struct EightSchoolsCentered : HierarchicalNormalData {
    __host__ __device__ EightSchoolsCentered(const int* integers, const double* reals)
            : HierarchicalNormalData(integers, reals) {}

    // Returns log p at chain c's position and writes its gradient; in double, the operations and their order follow
    // the Java model so both round alike (with FMA contraction off). Data stay double and are rounded to Real.
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real mu = position[c];
        Real tauLog = position[stride + c];
        Real tau = exp(tauLog);
        Real inverseTau2 = (Real) 1 / (tau * tau);
        Real logDensity = (Real) (-0.5 * MANYNUTS_MU_PRIOR_PRECISION) * mu * mu
                - log((Real) 1 + tau * tau * (Real) MANYNUTS_TAU_PRIOR_PRECISION)
                + (Real) (1 - J) * tauLog;
        Real gradientMu = (Real) (-MANYNUTS_MU_PRIOR_PRECISION) * mu;
        // d/dtau_log of -log(1 + tau^2/25), written to stay finite for any tau.
        Real gradientTauLog = (Real) (1 - J)
                - (Real) 2 / ((Real) 1 + inverseTau2 / (Real) MANYNUTS_TAU_PRIOR_PRECISION);
        for (int j = 0; j < J; j++) {
            long long thetaAt = (j + 2) * stride + c;
            Real precision = (Real) 1 / ((Real) sigma[j] * (Real) sigma[j]);
            Real theta = position[thetaAt];
            Real deviation = theta - mu;
            Real residual = (Real) y[j] - theta;
            Real scaledDeviation = deviation * inverseTau2;
            logDensity -= (Real) 0.5 * (deviation * scaledDeviation + residual * residual * precision);
            gradientMu += scaledDeviation;
            gradientTauLog += deviation * scaledDeviation;
            gradient[thetaAt] = residual * precision - scaledDeviation;
        }
        gradient[c] = gradientMu;
        gradient[stride + c] = gradientTauLog;
        return logDensity;
    }
};

#endif
