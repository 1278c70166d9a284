// The non-centered eight schools log density and gradient for one chain: manynuts.models.EightSchoolsNonCentered.
#ifndef MANYNUTS_EIGHT_SCHOOLS_NONCENTERED_CUH
#define MANYNUTS_EIGHT_SCHOOLS_NONCENTERED_CUH

#include "hierarchical_normal_priors.cuh"

// Coordinates (mu, tau_log, nu[1..J]) in dimension-major rows [d * stride + c]; y and sigma are device arrays;
// Real is the type of the chain state, double or float.
template <typename Real>
struct EightSchoolsNonCentered : HierarchicalNormalData {
    __host__ __device__ EightSchoolsNonCentered(const int* integers, const double* reals)
            : HierarchicalNormalData(integers, reals) {}

    // Returns log p at chain c's position and writes its gradient; in double, the operations and their order follow
    // the Java model so both round alike (with FMA contraction off). Data stay double and are rounded to Real.
    __host__ __device__ Real logDensityGradient(const Real* position, Real* gradient, long long stride,
                                                long long c) const {
        Real mu = position[c];
        Real tauLog = position[stride + c];
        Real tau = exp(tauLog);
        Real logDensity = (Real) (-0.5 * MANYNUTS_MU_PRIOR_PRECISION) * mu * mu
                - log((Real) 1 + tau * tau * (Real) MANYNUTS_TAU_PRIOR_PRECISION)
                + tauLog;
        Real gradientMu = (Real) (-MANYNUTS_MU_PRIOR_PRECISION) * mu;
        // d/dtau_log of -log(1 + tau^2/25), written to stay finite for any tau.
        Real gradientTauLog = (Real) 1
                - (Real) 2 / ((Real) 1 + (Real) 1 / ((Real) MANYNUTS_TAU_PRIOR_PRECISION * tau * tau));
        for (int j = 0; j < J; j++) {
            long long nuAt = (j + 2) * stride + c;
            Real precision = (Real) 1 / ((Real) sigma[j] * (Real) sigma[j]);
            Real nu = position[nuAt];
            Real residual = (Real) y[j] - mu - tau * nu;
            Real scaledResidual = residual * precision;
            logDensity -= (Real) 0.5 * (nu * nu + residual * scaledResidual);
            gradientMu += scaledResidual;
            gradientTauLog += scaledResidual * tau * nu;
            gradient[nuAt] = tau * scaledResidual - nu;
        }
        gradient[c] = gradientMu;
        gradient[stride + c] = gradientTauLog;
        return logDensity;
    }
};

#endif
