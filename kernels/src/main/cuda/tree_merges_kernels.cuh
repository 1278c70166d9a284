// The model-independent tree kernels, written once over the floating-point type Real of the chain state: tree_merges.cu
// includes this file twice (both_precisions.cuh), with Real = double and the entries named as they are, and with Real =
// float and the entries suffixed _f32 (MANYNUTS_ENTRY). No include guard on purpose.

// Vectors are dimension-major, [d * chains + c]; checkpoint slot s of chain c starts at s * dimension * chains + c.
// Each thread's work is one chain's step of tree_steps.cuh.

// leaves holds the chain numbers, then levels, then leaf popcounts, then 1 where the leaf becomes the subtree's
// proposal (count each). An even leaf (levels 0) stores checkpoint slot popcount; an odd leaf closes `levels`
// subtrees, stopping at the first that turns. failedLevel[i] receives that level, or 0.
// The launch bounds (KernelCall's 128 threads per block, 8 blocks per SM) hold ptxas to 64 registers without
// spills; left alone it takes 96 on sm_80, and the kernel is memory-bound, so occupancy matters more.
extern "C" __global__ void __launch_bounds__(128, 8) MANYNUTS_ENTRY(after_leaf)(
        int chains, int dimension, int count, const int* __restrict__ leaves,
        const Real* __restrict__ inverseMetric, const Real* __restrict__ frontierPosition,
        const Real* __restrict__ frontierMomentum, const Real* __restrict__ frontierGradient,
        const Real* __restrict__ previousMomentum, const Real* __restrict__ subtreeMomentumSum,
        Real* __restrict__ checkpointMomentum, Real* __restrict__ checkpointSumBefore,
        Real* __restrict__ checkpointPreviousMomentum, Real* __restrict__ proposalPosition,
        Real* __restrict__ proposalGradient, int* __restrict__ failedLevel) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    failedLevel[i] = after_leaf_of(leaves[i], chains, dimension, leaves[count + i], leaves[2 * count + i],
                                   leaves[3 * count + i] != 0, inverseMetric, frontierPosition, frontierMomentum,
                                   frontierGradient, previousMomentum, subtreeMomentumSum, checkpointMomentum,
                                   checkpointSumBefore, checkpointPreviousMomentum, proposalPosition,
                                   proposalGradient);
}

// merges holds the chain numbers, then 1 where the draw takes the subtree's proposal; persist[i] receives
// 1 where the merged trajectory still satisfies the no-U-turn criterion. The extra checks pair each part with the
// other's adjacent end point (see ChainBlock.mergeIntoTree).
extern "C" __global__ void MANYNUTS_ENTRY(merge_into_tree)(
        int chains, int dimension, int count, const int* __restrict__ merges,
        const Real* __restrict__ inverseMetric, const Real* __restrict__ otherMomentum,
        const Real* __restrict__ frontierMomentum, const Real* __restrict__ subtreeMomentumSum,
        const Real* __restrict__ checkpointMomentum, const Real* __restrict__ checkpointSumBefore,
        const Real* __restrict__ checkpointPreviousMomentum, const Real* __restrict__ proposalPosition,
        const Real* __restrict__ proposalGradient, Real* __restrict__ treeMomentumSum,
        Real* __restrict__ drawPosition, Real* __restrict__ drawGradient, int* __restrict__ persist) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    persist[i] = merge_into_tree_of(merges[i], chains, dimension, merges[count + i] != 0, inverseMetric,
                                    otherMomentum, frontierMomentum, subtreeMomentumSum, checkpointMomentum,
                                    checkpointSumBefore, checkpointPreviousMomentum, proposalPosition,
                                    proposalGradient, treeMomentumSum, drawPosition, drawGradient);
}
