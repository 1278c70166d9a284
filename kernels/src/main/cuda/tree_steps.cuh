// One chain's steps of the NUTS tree over the block's dimension-major vectors ([d * chains + c]; checkpoint slot s of
// chain c starts at s * dimension * chains + c), written once over the chain state's type Real and shared by the
// kernels that take one step per launch (trajectory_kernels.cuh, tree_merges_kernels.cuh) and the device state
// machine that takes many (nuts_sampling.cuh), so both do the same operations in the same order.
#ifndef MANYNUTS_TREE_STEPS_CUH
#define MANYNUTS_TREE_STEPS_CUH

#include "philox.cuh"

// F = O = draw and a fresh momentum from the Philox stream of chain number `chain` for `event`; the tree's momentum
// sum starts at the momentum and the subtree's at zero. Returns the kinetic energy.
template <typename Real>
__device__ inline Real begin_trajectory_of(long long c, long long chains, int dimension, unsigned long long event,
                                           unsigned int chain, unsigned int key0, unsigned int key1,
                                           const Real* __restrict__ inverseMetric,
                                           const Real* __restrict__ drawPosition,
                                           const Real* __restrict__ drawGradient, Real* __restrict__ frontierPosition,
                                           Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
                                           Real* __restrict__ otherPosition, Real* __restrict__ otherMomentum,
                                           Real* __restrict__ otherGradient, Real* __restrict__ treeMomentumSum,
                                           Real* __restrict__ subtreeMomentumSum) {
    Real energy = 0;
    for (int pair = 0; 2 * pair < dimension; pair++) {
        // The normals in double, as on the CPU, whatever the precision of the state.
        double normals[2];
        philox_normal_pair(event, chain, (unsigned int) pair, key0, key1, normals);
        // Coordinates in order, so the energy sums in the same order as on the CPU.
        for (int k = 0; k < 2 && 2 * pair + k < dimension; k++) {
            long long at = (long long) (2 * pair + k) * chains + c;
            Real inverseMass = inverseMetric[at];
            Real p = (Real) normals[k] / sqrt(inverseMass);
            energy += inverseMass * p * p;
            frontierPosition[at] = drawPosition[at];
            frontierGradient[at] = drawGradient[at];
            frontierMomentum[at] = p;
            otherPosition[at] = drawPosition[at];
            otherGradient[at] = drawGradient[at];
            otherMomentum[at] = p;
            treeMomentumSum[at] = p;
            subtreeMomentumSum[at] = 0;
        }
    }
    return (Real) 0.5 * energy;
}

// A new doubling: the subtree sum restarts at zero, and F and O swap where `exchange` (the direction changed).
template <typename Real>
__device__ inline void begin_subtree_of(long long c, long long chains, int dimension, bool exchange,
                                        Real* __restrict__ frontierPosition, Real* __restrict__ frontierMomentum,
                                        Real* __restrict__ frontierGradient, Real* __restrict__ otherPosition,
                                        Real* __restrict__ otherMomentum, Real* __restrict__ otherGradient,
                                        Real* __restrict__ subtreeMomentumSum) {
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        subtreeMomentumSum[at] = 0;
        if (exchange) {
            Real t = frontierPosition[at];
            frontierPosition[at] = otherPosition[at];
            otherPosition[at] = t;
            t = frontierMomentum[at];
            frontierMomentum[at] = otherMomentum[at];
            otherMomentum[at] = t;
            t = frontierGradient[at];
            frontierGradient[at] = otherGradient[at];
            otherGradient[at] = t;
        }
    }
}

// The sums of Stan's three no-U-turn checks over the coordinates when a left and a right part merge: the whole
// (its momentum sum `whole`), and each part extended by the other's nearest point. Added in the order of
// CpuChainBlock's loops, so that the host and the device sum the same bits.
template <typename Real>
struct UTurnSums {
    Real wholeBegin = 0, wholeEnd = 0, leftBegin = 0, rightBegin = 0, leftEnd = 0, rightEnd = 0;

    // One coordinate: each part's first and last momentum and its momentum sum.
    __device__ inline void add(Real inverseMass, Real leftFirst, Real leftLast, Real leftSum, Real rightFirst,
                               Real rightLast, Real rightSum, Real whole) {
        wholeBegin += inverseMass * leftFirst * whole;
        wholeEnd += inverseMass * rightLast * whole;
        Real extendedLeft = leftSum + rightFirst;
        leftBegin += inverseMass * leftFirst * extendedLeft;
        rightBegin += inverseMass * rightFirst * extendedLeft;
        Real extendedRight = rightSum + leftLast;
        leftEnd += inverseMass * leftLast * extendedRight;
        rightEnd += inverseMass * rightLast * extendedRight;
    }

    __device__ inline bool persist() const {
        return wholeBegin > 0 && wholeEnd > 0 && leftBegin > 0 && rightBegin > 0 && leftEnd > 0 && rightEnd > 0;
    }
};

// Stan's three checks when the pending left subtree at checkpoint offset `left` and the right subtree ending at
// the frontier merge: the whole, and each half extended by the nearest point of the other. The right subtree
// starts at checkpoint offset `right`, or is the latest leaf alone when right < 0 (then its first momentum is
// the frontier's, the sum before it is the sum less that momentum, and the left half ends at the previous
// momentum). The operations follow CpuChainBlock.subtreesPersist.
template <typename Real>
__device__ inline bool subtrees_persist(long long left, long long right, long long c, long long chains, int dimension,
                                        const Real* __restrict__ inverseMetric,
                                        const Real* __restrict__ frontierMomentum,
                                        const Real* __restrict__ previousMomentum,
                                        const Real* __restrict__ subtreeMomentumSum,
                                        const Real* __restrict__ checkpointMomentum,
                                        const Real* __restrict__ checkpointSumBefore,
                                        const Real* __restrict__ checkpointPreviousMomentum) {
    UTurnSums<Real> sums;
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
        sums.add(inverseMass, leftBeginP, leftEndP, rightSumBefore - leftSumBefore, rightBeginP, endP,
                 sum - rightSumBefore, sum - leftSumBefore);
    }
    return sums.persist();
}

// After a leaf of `levels` trailing ones and `popcount` ones (ChainBlock.afterLeaf): the leaf becomes the subtree's
// proposal where `takeLeaf`; an even leaf (levels 0) stores checkpoint slot popcount; an odd leaf closes `levels`
// subtrees, stopping at the first that turns. Returns that level, or 0.
template <typename Real>
__device__ inline int after_leaf_of(long long c, long long chains, int dimension, int levels, int popcount,
                                    bool takeLeaf, const Real* __restrict__ inverseMetric,
                                    const Real* __restrict__ frontierPosition,
                                    const Real* __restrict__ frontierMomentum,
                                    const Real* __restrict__ frontierGradient,
                                    const Real* __restrict__ previousMomentum,
                                    const Real* __restrict__ subtreeMomentumSum, Real* __restrict__ checkpointMomentum,
                                    Real* __restrict__ checkpointSumBefore,
                                    Real* __restrict__ checkpointPreviousMomentum, Real* __restrict__ proposalPosition,
                                    Real* __restrict__ proposalGradient) {
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
    for (int k = 1; k <= levels; k++) {
        long long left = (popcount - k) * vector + c;
        long long right = k == 1 ? -1 : (popcount - k + 1) * vector + c;
        if (!subtrees_persist(left, right, c, chains, dimension, inverseMetric, frontierMomentum, previousMomentum,
                              subtreeMomentumSum, checkpointMomentum, checkpointSumBefore,
                              checkpointPreviousMomentum)) {
            return k;
        }
    }
    return 0;
}

// Merges the completed subtree into the trajectory (ChainBlock.mergeIntoTree): the draw becomes the subtree's
// proposal where `take`, the tree momentum sum absorbs the subtree's. Returns whether the merged trajectory still
// satisfies the no-U-turn criterion; the extra checks pair each part with the other's adjacent end point.
template <typename Real>
__device__ inline bool merge_into_tree_of(long long c, long long chains, int dimension, bool take,
                                          const Real* __restrict__ inverseMetric,
                                          const Real* __restrict__ otherMomentum,
                                          const Real* __restrict__ frontierMomentum,
                                          const Real* __restrict__ subtreeMomentumSum,
                                          const Real* __restrict__ checkpointMomentum,
                                          const Real* __restrict__ checkpointSumBefore,
                                          const Real* __restrict__ checkpointPreviousMomentum,
                                          const Real* __restrict__ proposalPosition,
                                          const Real* __restrict__ proposalGradient, Real* __restrict__ treeMomentumSum,
                                          Real* __restrict__ drawPosition, Real* __restrict__ drawGradient) {
    UTurnSums<Real> sums;
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
        sums.add(inverseMass, oldOuter, oldInner, oldSum, newInner, newOuter, newSum, whole);
        treeMomentumSum[at] = whole;
        if (take) {
            drawPosition[at] = proposalPosition[at];
            drawGradient[at] = proposalGradient[at];
        }
    }
    return sums.persist();
}

#endif
