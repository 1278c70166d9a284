// The device entry points of the non-centered eight schools model: batched log density, initialize and leapfrog.
#include "eight_schools_noncentered.cuh"
#include "model_kernels.cuh"

// The data (J, y, sigma) arrive with every launch so one module serves any data set.

extern "C" __global__ void eight_schools_noncentered_log_density_gradient(
        int chains, const double* __restrict__ position, double* __restrict__ logDensity,
        double* __restrict__ gradient, int J, const double* __restrict__ y, const double* __restrict__ sigma) {
    model_log_density_gradient(EightSchoolsNonCentered{J, y, sigma}, chains, position, logDensity, gradient);
}

extern "C" __global__ void eight_schools_noncentered_initialize(
        int chains, int count, const int* __restrict__ list, const double* __restrict__ positions,
        double* __restrict__ drawPosition, double* __restrict__ drawGradient, double* __restrict__ results,
        int J, const double* __restrict__ y, const double* __restrict__ sigma) {
    model_initialize(EightSchoolsNonCentered{J, y, sigma}, chains, count, list, positions, drawPosition, drawGradient, results);
}

extern "C" __global__ void eight_schools_noncentered_leapfrog(
        int chains, const double* __restrict__ signedStepSize, const double* __restrict__ inverseMetric,
        double* __restrict__ frontierPosition, double* __restrict__ frontierMomentum,
        double* __restrict__ frontierGradient, double* __restrict__ previousMomentum,
        double* __restrict__ subtreeMomentumSum, double* __restrict__ energies, int J, const double* __restrict__ y,
        const double* __restrict__ sigma) {
    model_leapfrog(EightSchoolsNonCentered{J, y, sigma}, chains, signedStepSize, inverseMetric, frontierPosition,
                   frontierMomentum, frontierGradient, previousMomentum, subtreeMomentumSum, energies);
}
