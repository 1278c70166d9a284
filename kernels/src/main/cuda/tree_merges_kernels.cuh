// The model-independent tree kernels, written once over the floating-point type Real of the chain state: tree_merges.cu
// includes this file twice (both_precisions.cuh), with Real = double and the entries named as they are, and with Real =
// float and the entries suffixed _f32 (MANYNUTS_ENTRY). No include guard on purpose.

// Vectors are dimension-major, [d * chains + c]; checkpoint slot s of chain c starts at s * dimension * chains + c.

// Stan's three checks when the pending left subtree at checkpoint offset `left` and the right subtree ending at
// the frontier merge: the whole, and each half extended by the nearest point of the other. The right subtree
// starts at checkpoint offset `right`, or is the latest leaf alone when right < 0 (then its first momentum is
// the frontier's, the sum before it is the sum less that momentum, and the left half ends at the previous
// momentum). The operations follow CpuChainBlock.subtreesPersist.
__device__ inline bool subtrees_persist(long long left, long long right, long long c, int chains, int dimension,
                                        const Real* __restrict__ inverseMetric,
                                        const Real* __restrict__ frontierMomentum,
                                        const Real* __restrict__ previousMomentum,
                                        const Real* __restrict__ subtreeMomentumSum,
                                        const Real* __restrict__ checkpointMomentum,
                                        const Real* __restrict__ checkpointSumBefore,
                                        const Real* __restrict__ checkpointPreviousMomentum) {
    Real wholeBegin = 0, wholeEnd = 0, leftBegin = 0, rightBegin = 0, leftEnd = 0, rightEnd = 0;
    for (int d = 0; d < dimension; d++) {
        long long row = (long long) d * chains;
        Real inverseMass = inverseMetric[row + c];
        Real sum = subtreeMomentumSum[row + c];
        Real endP = frontierMomentum[row + c];
        Real rightBeginP;
        Real rightSumBefore;
        Real leftEndP;
        if (right < 0) {
            rightBeginP = endP;
            rightSumBefore = sum - endP;
            leftEndP = previousMomentum[row + c];
        } else {
            rightBeginP = checkpointMomentum[right + row];
            rightSumBefore = checkpointSumBefore[right + row];
            leftEndP = checkpointPreviousMomentum[right + row];
        }
        Real leftBeginP = checkpointMomentum[left + row];
        Real leftSumBefore = checkpointSumBefore[left + row];
        Real leftSum = rightSumBefore - leftSumBefore;
        Real rightSum = sum - rightSumBefore;
        Real whole = sum - leftSumBefore;
        wholeBegin += inverseMass * leftBeginP * whole;
        wholeEnd += inverseMass * endP * whole;
        Real extendedLeft = leftSum + rightBeginP;
        leftBegin += inverseMass * leftBeginP * extendedLeft;
        rightBegin += inverseMass * rightBeginP * extendedLeft;
        Real extendedRight = rightSum + leftEndP;
        leftEnd += inverseMass * leftEndP * extendedRight;
        rightEnd += inverseMass * endP * extendedRight;
    }
    return wholeBegin > 0 && wholeEnd > 0 && leftBegin > 0 && rightBegin > 0 && leftEnd > 0 && rightEnd > 0;
}

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
    long long c = leaves[i];
    int levels = leaves[count + i];
    int popcount = leaves[2 * count + i];
    bool takeLeaf = leaves[3 * count + i] != 0;
    long long vector = (long long) dimension * chains;
    if (takeLeaf) {
        for (int d = 0; d < dimension; d++) {
            long long at = (long long) d * chains + c;
            proposalPosition[at] = frontierPosition[at];
            proposalGradient[at] = frontierGradient[at];
        }
    }
    if (levels == 0) {
        long long slot = popcount * vector + c;
        for (int d = 0; d < dimension; d++) {
            long long row = (long long) d * chains;
            Real p = frontierMomentum[row + c];
            checkpointMomentum[slot + row] = p;
            checkpointSumBefore[slot + row] = subtreeMomentumSum[row + c] - p;
            checkpointPreviousMomentum[slot + row] = previousMomentum[row + c];
        }
    }
    int failed = 0;
    for (int k = 1; k <= levels; k++) {
        long long left = (popcount - k) * vector + c;
        long long right = k == 1 ? -1 : (popcount - k + 1) * vector + c;
        if (!subtrees_persist(left, right, c, chains, dimension, inverseMetric, frontierMomentum, previousMomentum,
                              subtreeMomentumSum, checkpointMomentum, checkpointSumBefore,
                              checkpointPreviousMomentum)) {
            failed = k;
            break;
        }
    }
    failedLevel[i] = failed;
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
    long long c = merges[i];
    bool take = merges[count + i] != 0;
    Real wholeBegin = 0, wholeEnd = 0, oldBegin = 0, newBegin = 0, oldEnd = 0, newEnd = 0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        Real inverseMass = inverseMetric[at];
        // Slot 0 holds the first leaf of the completed subtree and the leaf before it.
        Real oldOuter = otherMomentum[at];
        Real oldInner = checkpointPreviousMomentum[at];
        Real newInner = checkpointMomentum[at];
        Real newOuter = frontierMomentum[at];
        Real oldSum = treeMomentumSum[at];
        Real newSum = subtreeMomentumSum[at] - checkpointSumBefore[at];
        Real whole = oldSum + newSum;
        wholeBegin += inverseMass * oldOuter * whole;
        wholeEnd += inverseMass * newOuter * whole;
        Real extendedOld = oldSum + newInner;
        oldBegin += inverseMass * oldOuter * extendedOld;
        newBegin += inverseMass * newInner * extendedOld;
        Real extendedNew = newSum + oldInner;
        oldEnd += inverseMass * oldInner * extendedNew;
        newEnd += inverseMass * newOuter * extendedNew;
        treeMomentumSum[at] = whole;
        if (take) {
            drawPosition[at] = proposalPosition[at];
            drawGradient[at] = proposalGradient[at];
        }
    }
    persist[i] = wholeBegin > 0 && wholeEnd > 0 && oldBegin > 0 && newBegin > 0 && oldEnd > 0 && newEnd > 0;
}
