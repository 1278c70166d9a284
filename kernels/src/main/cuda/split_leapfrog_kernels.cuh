// The model-independent halves of a leapfrog step for models evaluated between kernel launches (matrix-product
// densities): drift before the model's batched evaluation, kick after it, and the end of ChainBlock.initialize.
// Together with the model's launches they do what model_leapfrog and model_initialize of model_kernels.cuh do in one
// thread per chain, operation by operation in the same order. Written once over the chain state's type Real:
// split_leapfrog.cu includes this file once per precision (both_precisions.cuh); no include guard on purpose. Step
// sizes, log densities, energies and results stay double in both.

// The first half kick and the position step of every moving chain; the momentum before the step is kept as the
// previous momentum. A chain with step size zero is idle and untouched.
extern "C" __global__ void MANYNUTS_ENTRY(drift)(
        int chains, int dimension, const double* __restrict__ signedStepSize, const Real* __restrict__ inverseMetric,
        Real* __restrict__ frontierPosition, Real* __restrict__ frontierMomentum,
        const Real* __restrict__ frontierGradient, Real* __restrict__ previousMomentum) {
    long long c = moving_chain(chains, signedStepSize);
    if (c < 0) {
        return;
    }
    Real stepSize = (Real) signedStepSize[c];
    leapfrog_drift(dimension, chains, c, stepSize, inverseMetric, frontierPosition, frontierMomentum,
                   frontierGradient, previousMomentum);
}

// The second half kick at the new gradient: the momentum joins the subtree's sum and energies[chains + c] receives
// the kinetic energy (the model's evaluation wrote the log density to energies[c]).
extern "C" __global__ void MANYNUTS_ENTRY(kick)(
        int chains, int dimension, const double* __restrict__ signedStepSize, const Real* __restrict__ inverseMetric,
        Real* __restrict__ frontierMomentum, const Real* __restrict__ frontierGradient,
        Real* __restrict__ subtreeMomentumSum, double* __restrict__ energies) {
    long long c = moving_chain(chains, signedStepSize);
    if (c < 0) {
        return;
    }
    Real stepSize = (Real) signedStepSize[c];
    energies[chains + c] = leapfrog_kick(dimension, chains, c, stepSize, inverseMetric, frontierMomentum,
                                         frontierGradient, subtreeMomentumSum);
}

// After the model evaluated every chain's draw into logDensity and gradient: the listed chains' gradients become
// their draws' gradients; results[i] receives the log density and results[count + i] 1 where it and every gradient
// coordinate are finite, else 0 (as model_initialize).
extern "C" __global__ void MANYNUTS_ENTRY(finish_initialize)(
        int chains, int dimension, int count, const int* __restrict__ list, const double* __restrict__ logDensity,
        const Real* __restrict__ gradient, Real* __restrict__ drawGradient, double* __restrict__ results) {
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
