// The model-independent halves of a leapfrog step for models evaluated between kernel launches (matrix-product
// densities): drift before the model's batched evaluation, kick after it, and the end of ChainBlock.initialize.
// Together with the model's launches they do what model_leapfrog and model_initialize of model_kernels.cuh do in
// one thread per chain, operation by operation in the same order.
#include "thread_index.cuh"

// The first half kick and the position step of every moving chain; the momentum before the step is kept as the
// previous momentum. A chain with step size zero is idle and untouched.
extern "C" __global__ void drift(int chains, int dimension, const double* __restrict__ signedStepSize,
                                 const double* __restrict__ inverseMetric, double* __restrict__ frontierPosition,
                                 double* __restrict__ frontierMomentum, const double* __restrict__ frontierGradient,
                                 double* __restrict__ previousMomentum) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    double stepSize = signedStepSize[c];
    if (stepSize == 0.0) {
        return;
    }
    double halfStep = 0.5 * stepSize;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        double before = frontierMomentum[at];
        previousMomentum[at] = before;
        double p = before + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        frontierPosition[at] += stepSize * inverseMetric[at] * p;
    }
}

// The second half kick at the new gradient: the momentum joins the subtree's sum and energies[chains + c] receives
// the kinetic energy (the model's evaluation wrote the log density to energies[c]).
extern "C" __global__ void kick(int chains, int dimension, const double* __restrict__ signedStepSize,
                                const double* __restrict__ inverseMetric, double* __restrict__ frontierMomentum,
                                const double* __restrict__ frontierGradient, double* __restrict__ subtreeMomentumSum,
                                double* __restrict__ energies) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    double stepSize = signedStepSize[c];
    if (stepSize == 0.0) {
        return;
    }
    double halfStep = 0.5 * stepSize;
    double energy = 0.0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        double p = frontierMomentum[at] + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        energy += inverseMetric[at] * p * p;
        subtreeMomentumSum[at] += p;
    }
    energies[chains + c] = 0.5 * energy;
}

// After the model evaluated every chain's draw into logDensity and gradient: the listed chains' gradients become
// their draws' gradients; results[i] receives the log density and results[count + i] 1 where it and every gradient
// coordinate are finite, else 0 (as model_initialize).
extern "C" __global__ void finish_initialize(int chains, int dimension, int count, const int* __restrict__ list,
                                             const double* __restrict__ logDensity,
                                             const double* __restrict__ gradient, double* __restrict__ drawGradient,
                                             double* __restrict__ results) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    double value = logDensity[c];
    bool finite = isfinite(value);
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        drawGradient[at] = gradient[at];
        finite = finite && isfinite(gradient[at]);
    }
    results[i] = value;
    results[count + i] = finite ? 1.0 : 0.0;
}
