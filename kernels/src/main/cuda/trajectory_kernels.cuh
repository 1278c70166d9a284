// The model-independent trajectory kernels, written once over the floating-point type Real of the chain state:
// trajectory.cu includes this file twice (both_precisions.cuh), with Real = double and the entries named as they are,
// and with Real = float and the entries suffixed _f32 (MANYNUTS_ENTRY). No include guard on purpose. Staged inputs and
// per-chain results stay double in both.

// Vectors are dimension-major, [d * chains + c]; a list names the chains an operation touches.

// The listed chains' inverse metric diagonal becomes values[i * dimension + d].
extern "C" __global__ void MANYNUTS_ENTRY(set_inverse_metric)(
        int chains, int dimension, int count, const int* __restrict__ list, const double* __restrict__ values,
        Real* __restrict__ inverseMetric) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    for (int d = 0; d < dimension; d++) {
        inverseMetric[(long long) d * chains + c] = (Real) values[i * dimension + d];
    }
}

// F = O = draw and a fresh momentum from chain firstChain + c's Philox stream for its event; starts holds the
// chain numbers, then the low words, then the high words of the events; kinetic[i] receives the kinetic energy.
extern "C" __global__ void MANYNUTS_ENTRY(begin_trajectory)(
        int chains, int dimension, int count, const int* __restrict__ starts, unsigned int key0, unsigned int key1,
        int firstChain, const Real* __restrict__ inverseMetric, const Real* __restrict__ drawPosition,
        const Real* __restrict__ drawGradient, Real* __restrict__ frontierPosition,
        Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
        Real* __restrict__ otherPosition, Real* __restrict__ otherMomentum, Real* __restrict__ otherGradient,
        Real* __restrict__ treeMomentumSum, Real* __restrict__ subtreeMomentumSum, double* __restrict__ kinetic) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = starts[i];
    unsigned long long event = (unsigned long long) (unsigned int) starts[count + i]
            | ((unsigned long long) (unsigned int) starts[2 * count + i] << 32);
    kinetic[i] = begin_trajectory_of(c, chains, dimension, event, (unsigned int) (firstChain + c), key0, key1,
                                     inverseMetric, drawPosition, drawGradient, frontierPosition, frontierMomentum,
                                     frontierGradient, otherPosition, otherMomentum, otherGradient, treeMomentumSum,
                                     subtreeMomentumSum);
}

// A new doubling: subtrees holds the chain numbers, then 1 where F and O swap; the subtree sum restarts at zero.
extern "C" __global__ void MANYNUTS_ENTRY(begin_subtree)(
        int chains, int dimension, int count, const int* __restrict__ subtrees, Real* __restrict__ frontierPosition,
        Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
        Real* __restrict__ otherPosition, Real* __restrict__ otherMomentum, Real* __restrict__ otherGradient,
        Real* __restrict__ subtreeMomentumSum) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    begin_subtree_of(subtrees[i], chains, dimension, subtrees[count + i] != 0, frontierPosition, frontierMomentum,
                     frontierGradient, otherPosition, otherMomentum, otherGradient, subtreeMomentumSum);
}

// Gathers the listed chains' rows of a vector into out[i * dimension + d] for one copy to the host.
extern "C" __global__ void MANYNUTS_ENTRY(read_rows)(
        int chains, int dimension, int count, const int* __restrict__ list, const Real* __restrict__ source,
        double* __restrict__ out) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    for (int d = 0; d < dimension; d++) {
        out[i * dimension + d] = source[(long long) d * chains + c];
    }
}
