// The centered eight schools log density and gradient for one chain: manynuts.models.EightSchoolsCentered.
#ifndef MANYNUTS_EIGHT_SCHOOLS_CENTERED_CUH
#define MANYNUTS_EIGHT_SCHOOLS_CENTERED_CUH

#include "hierarchical_normal_priors.cuh"

// Coordinates (mu, tau_log, theta[1..J]) in dimension-major rows [d * stride + c]; y and sigma are device arrays.
struct EightSchoolsCentered {
    int J;
    const double* y;
    const double* sigma;

    // The kernel data of HierarchicalNormalModel.kernelBinding: integers {J}, reals y[0..J) then sigma[0..J).
    __host__ __device__ EightSchoolsCentered(const int* integers, const double* reals)
            : J(integers[0]), y(reals), sigma(reals + integers[0]) {}

    __host__ __device__ int dimension() const { return J + 2; }

    // Returns log p at chain c's position and writes its gradient; the operations and their order follow the Java
    // model so both round alike (with FMA contraction off).
    __host__ __device__ double logDensityGradient(const double* position, double* gradient, long long stride,
                                                  long long c) const {
        double mu = position[c];
        double tauLog = position[stride + c];
        double tau = exp(tauLog);
        double inverseTau2 = 1.0 / (tau * tau);
        double logDensity = -0.5 * MANYNUTS_MU_PRIOR_PRECISION * mu * mu
                - log(1.0 + tau * tau * MANYNUTS_TAU_PRIOR_PRECISION)
                + (1 - J) * tauLog;
        double gradientMu = -MANYNUTS_MU_PRIOR_PRECISION * mu;
        // d/dtau_log of -log(1 + tau^2/25), written to stay finite for any tau.
        double gradientTauLog = (1 - J) - 2.0 / (1.0 + inverseTau2 / MANYNUTS_TAU_PRIOR_PRECISION);
        for (int j = 0; j < J; j++) {
            long long thetaAt = (j + 2) * stride + c;
            double precision = 1.0 / (sigma[j] * sigma[j]);
            double theta = position[thetaAt];
            double deviation = theta - mu;
            double residual = y[j] - theta;
            double scaledDeviation = deviation * inverseTau2;
            logDensity -= 0.5 * (deviation * scaledDeviation + residual * residual * precision);
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
