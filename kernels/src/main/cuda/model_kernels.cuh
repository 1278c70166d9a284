// The kernels that evaluate a model, written once for any model type with logDensityGradient and dimension;
// each model's .cu file instantiates them with MANYNUTS_MODEL_KERNELS behind extern "C" names so the host finds
// them by name.
#ifndef MANYNUTS_MODEL_KERNELS_CUH
#define MANYNUTS_MODEL_KERNELS_CUH

#include "thread_index.cuh"

// Log density and gradient of every chain of a [dimension x chains] batch (Model.logDensityGradient).
template <class Model>
__device__ void model_log_density_gradient(const Model& model, int chains, const double* __restrict__ position,
                                           double* __restrict__ logDensity, double* __restrict__ gradient) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    logDensity[c] = model.logDensityGradient(position, gradient, chains, c);
}

// ChainBlock.initialize: the listed chains' draws become positions[i * dimension + d]; results[i] receives the
// log density and results[count + i] 1 where it and every gradient coordinate are finite, else 0.
template <class Model>
__device__ void model_initialize(const Model& model, int chains, int count, const int* __restrict__ list,
                                 const double* __restrict__ positions, double* __restrict__ drawPosition,
                                 double* __restrict__ drawGradient, double* __restrict__ results) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    int dimension = model.dimension();
    for (int d = 0; d < dimension; d++) {
        drawPosition[(long long) d * chains + c] = positions[i * dimension + d];
    }
    double logDensity = model.logDensityGradient(drawPosition, drawGradient, chains, c);
    bool finite = isfinite(logDensity);
    for (int d = 0; d < dimension; d++) {
        finite = finite && isfinite(drawGradient[(long long) d * chains + c]);
    }
    results[i] = logDensity;
    results[count + i] = finite ? 1.0 : 0.0;
}

// ChainBlock.leapfrog: a signed step of every moving chain's frontier. The momentum before the step is kept as the
// previous momentum (the U-turn checks of the leaf's merges need it) and the new momentum joins the subtree's
// sum; energies[c] receives the new log density and energies[chains + c] the kinetic energy. A chain with step
// size zero is idle and returns at once: its outputs are unspecified.
template <class Model>
__device__ void model_leapfrog(const Model& model, int chains, const double* __restrict__ signedStepSize,
                               const double* __restrict__ inverseMetric, double* __restrict__ frontierPosition,
                               double* __restrict__ frontierMomentum, double* __restrict__ frontierGradient,
                               double* __restrict__ previousMomentum, double* __restrict__ subtreeMomentumSum,
                               double* __restrict__ energies) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    double stepSize = signedStepSize[c];
    if (stepSize == 0.0) {
        return;
    }
    int dimension = model.dimension();
    double halfStep = 0.5 * stepSize;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        double before = frontierMomentum[at];
        previousMomentum[at] = before;
        double p = before + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        frontierPosition[at] += stepSize * inverseMetric[at] * p;
    }
    double logDensity = model.logDensityGradient(frontierPosition, frontierGradient, chains, c);
    // The sums in the CPU block's order: the energy is halved once at the end.
    double energy = 0.0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        double p = frontierMomentum[at] + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        energy += inverseMetric[at] * p * p;
        subtreeMomentumSum[at] += p;
    }
    energies[c] = logDensity;
    energies[chains + c] = 0.5 * energy;
}

// The three entries of a model (<prefix>_log_density_gradient, <prefix>_initialize, <prefix>_leapfrog), each
// taking the model's data last as the integer and real arrays of its KernelBinding; the struct Model has a
// __host__ __device__ constructor Model(const int* integers, const double* reals). The data arrive with every
// launch so one module serves any data set.
#define MANYNUTS_MODEL_KERNELS(prefix, Model)                                                                      \
    extern "C" __global__ void prefix##_log_density_gradient(                                                      \
            int chains, const double* __restrict__ position, double* __restrict__ logDensity,                       \
            double* __restrict__ gradient, const int* __restrict__ integers, const double* __restrict__ reals) {   \
        model_log_density_gradient(Model(integers, reals), chains, position, logDensity, gradient);               \
    }                                                                                                              \
    extern "C" __global__ void prefix##_initialize(                                                                \
            int chains, int count, const int* __restrict__ list, const double* __restrict__ positions,              \
            double* __restrict__ drawPosition, double* __restrict__ drawGradient, double* __restrict__ results,     \
            const int* __restrict__ integers, const double* __restrict__ reals) {                                   \
        model_initialize(Model(integers, reals), chains, count, list, positions, drawPosition, drawGradient,       \
                         results);                                                                                 \
    }                                                                                                              \
    extern "C" __global__ void prefix##_leapfrog(                                                                  \
            int chains, const double* __restrict__ signedStepSize, const double* __restrict__ inverseMetric,        \
            double* __restrict__ frontierPosition, double* __restrict__ frontierMomentum,                           \
            double* __restrict__ frontierGradient, double* __restrict__ previousMomentum,                           \
            double* __restrict__ subtreeMomentumSum, double* __restrict__ energies,                                 \
            const int* __restrict__ integers, const double* __restrict__ reals) {                                   \
        model_leapfrog(Model(integers, reals), chains, signedStepSize, inverseMetric, frontierPosition,            \
                       frontierMomentum, frontierGradient, previousMomentum, subtreeMomentumSum, energies);        \
    }

#endif
