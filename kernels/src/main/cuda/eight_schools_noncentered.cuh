// The non-centered eight schools log density and gradient for one chain: manynuts.models.EightSchoolsNonCentered.
#ifndef MANYNUTS_EIGHT_SCHOOLS_NONCENTERED_CUH
#define MANYNUTS_EIGHT_SCHOOLS_NONCENTERED_CUH

#include "hierarchical_normal_priors.cuh"

// Coordinates (mu, tau_log, nu[1..J]) in dimension-major rows [d * stride + c]; y and sigma are device arrays.
struct EightSchoolsNonCentered {
    int J;
    const double* y;
    const double* sigma;

    // The kernel data of HierarchicalNormalModel.kernelBinding: integers {J}, reals y[0..J) then sigma[0..J).
    __host__ __device__ EightSchoolsNonCentered(const int* integers, const double* reals)
            : J(integers[0]), y(reals), sigma(reals + integers[0]) {}

    __host__ __device__ int dimension() const { return J + 2; }

    // Returns log p at chain c's position and writes its gradient; the operations and their order follow the Java
    // model so both round alike (with FMA contraction off).
    __host__ __device__ double logDensityGradient(const double* position, double* gradient, long long stride,
                                                  long long c) const {
        double mu = position[c];
        double tauLog = position[stride + c];
        double tau = exp(tauLog);
        double logDensity = -0.5 * MANYNUTS_MU_PRIOR_PRECISION * mu * mu
                - log(1.0 + tau * tau * MANYNUTS_TAU_PRIOR_PRECISION)
                + tauLog;
        double gradientMu = -MANYNUTS_MU_PRIOR_PRECISION * mu;
        // d/dtau_log of -log(1 + tau^2/25), written to stay finite for any tau.
        double gradientTauLog = 1.0 - 2.0 / (1.0 + 1.0 / (MANYNUTS_TAU_PRIOR_PRECISION * tau * tau));
        for (int j = 0; j < J; j++) {
            long long nuAt = (j + 2) * stride + c;
            double precision = 1.0 / (sigma[j] * sigma[j]);
            double nu = position[nuAt];
            double residual = y[j] - mu - tau * nu;
            double scaledResidual = residual * precision;
            logDensity -= 0.5 * (nu * nu + residual * scaledResidual);
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
