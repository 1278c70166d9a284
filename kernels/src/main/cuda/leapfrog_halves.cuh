// The two halves of one chain's leapfrog step around its gradient evaluation, shared by the fused model kernels
// (model_leapfrog) and the split ones (drift, kick), so both take the same operations in the same order as the CPU
// block. Vectors are dimension-major, [d * chains + c]; Real is the type of the chain state.
#ifndef MANYNUTS_LEAPFROG_HALVES_CUH
#define MANYNUTS_LEAPFROG_HALVES_CUH

#include "thread_index.cuh"

// The chain this thread moves, or -1 when there is none: past the last chain, or idle (step size zero). Idle is
// decided on the double: a chain whose tiny step rounds to zero in float still gets its energies.
__device__ inline long long moving_chain(int chains, const double* __restrict__ signedStepSize) {
    long long c = thread_index();
    return c < chains && signedStepSize[c] != 0.0 ? c : -1;
}

// The first half kick and the position step; the momentum before the step is kept as the previous momentum (the
// U-turn checks of the leaf's merges need it).
template <typename Real>
__device__ inline void leapfrog_drift(int dimension, long long chains, long long c, Real stepSize,
                                      const Real* __restrict__ inverseMetric, Real* __restrict__ frontierPosition,
                                      Real* __restrict__ frontierMomentum, const Real* __restrict__ frontierGradient,
                                      Real* __restrict__ previousMomentum) {
    Real halfStep = (Real) 0.5 * stepSize;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        Real before = frontierMomentum[at];
        previousMomentum[at] = before;
        Real p = before + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        frontierPosition[at] += stepSize * inverseMetric[at] * p;
    }
}

// The second half kick at the new gradient; the momentum joins the subtree's sum. Returns the kinetic energy, summed
// in the CPU block's order and halved once at the end.
template <typename Real>
__device__ inline Real leapfrog_kick(int dimension, long long chains, long long c, Real stepSize,
                                     const Real* __restrict__ inverseMetric, Real* __restrict__ frontierMomentum,
                                     const Real* __restrict__ frontierGradient,
                                     Real* __restrict__ subtreeMomentumSum) {
    Real halfStep = (Real) 0.5 * stepSize;
    Real energy = 0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        Real p = frontierMomentum[at] + halfStep * frontierGradient[at];
        frontierMomentum[at] = p;
        energy += inverseMetric[at] * p * p;
        subtreeMomentumSum[at] += p;
    }
    return (Real) 0.5 * energy;
}

#endif
