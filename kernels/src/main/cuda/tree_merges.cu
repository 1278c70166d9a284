// The model-independent kernels that merge subtrees and trees with the generalised U-turn criterion and Stan's
// two extra checks across the merged halves (ChainBlock.mergeSubtrees and mergeIntoTree).
#include "thread_index.cuh"

// Copies a proposal from slot offset `from` (or the frontier when from < 0) to slot offset `to`; offsets include c.
__device__ inline void copy_proposal(long long from, long long to, long long c, int chains, int dimension,
                                     const double* __restrict__ frontierPosition,
                                     const double* __restrict__ frontierGradient,
                                     double* __restrict__ proposalPosition, double* __restrict__ proposalGradient) {
    for (int d = 0; d < dimension; d++) {
        long long row = (long long) d * chains;
        if (from < 0) {
            proposalPosition[to + row] = frontierPosition[row + c];
            proposalGradient[to + row] = frontierGradient[row + c];
        } else {
            proposalPosition[to + row] = proposalPosition[from + row];
            proposalGradient[to + row] = proposalGradient[from + row];
        }
    }
}

// Stan's three checks when the pending left subtree at checkpoint offset `left` and the right subtree ending at
// the frontier (offset `right`) merge: the whole, and each half extended by the nearest point of the other.
__device__ inline bool subtrees_persist(long long left, long long right, long long c, int chains, int dimension,
                                        const double* __restrict__ inverseMetric,
                                        const double* __restrict__ frontierMomentum,
                                        const double* __restrict__ subtreeMomentumSum,
                                        const double* __restrict__ checkpointMomentum,
                                        const double* __restrict__ checkpointSumBefore,
                                        const double* __restrict__ checkpointPreviousMomentum) {
    double wholeBegin = 0, wholeEnd = 0, leftBegin = 0, rightBegin = 0, leftEnd = 0, rightEnd = 0;
    for (int d = 0; d < dimension; d++) {
        long long row = (long long) d * chains;
        double inverseMass = inverseMetric[row + c];
        double sum = subtreeMomentumSum[row + c];
        double leftBeginP = checkpointMomentum[left + row];
        double rightBeginP = checkpointMomentum[right + row];
        double leftEndP = checkpointPreviousMomentum[right + row];
        double endP = frontierMomentum[row + c];
        double leftSum = checkpointSumBefore[right + row] - checkpointSumBefore[left + row];
        double rightSum = sum - checkpointSumBefore[right + row];
        double whole = sum - checkpointSumBefore[left + row];
        wholeBegin += inverseMass * leftBeginP * whole;
        wholeEnd += inverseMass * endP * whole;
        double extendedLeft = leftSum + rightBeginP;
        leftBegin += inverseMass * leftBeginP * extendedLeft;
        rightBegin += inverseMass * rightBeginP * extendedLeft;
        double extendedRight = rightSum + leftEndP;
        leftEnd += inverseMass * leftEndP * extendedRight;
        rightEnd += inverseMass * endP * extendedRight;
    }
    return wholeBegin > 0 && wholeEnd > 0 && leftBegin > 0 && rightBegin > 0 && leftEnd > 0 && rightEnd > 0;
}

// merges holds the chain numbers, then levels, then leaf popcounts, then takeRight bits (count each);
// failedLevel[i] receives the first level whose criterion failed, or 0.
extern "C" __global__ void merge_subtrees(
        int chains, int dimension, int count, const int* __restrict__ merges,
        const double* __restrict__ inverseMetric, const double* __restrict__ frontierPosition,
        const double* __restrict__ frontierMomentum, const double* __restrict__ frontierGradient,
        const double* __restrict__ subtreeMomentumSum, const double* __restrict__ checkpointMomentum,
        const double* __restrict__ checkpointSumBefore, const double* __restrict__ checkpointPreviousMomentum,
        double* __restrict__ proposalPosition, double* __restrict__ proposalGradient, int* __restrict__ failedLevel) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = merges[i];
    int levels = merges[count + i];
    int popcount = merges[2 * count + i];
    unsigned int takeRight = (unsigned int) merges[3 * count + i];
    long long vector = (long long) dimension * chains;
    int failed = 0;
    for (int k = 1; k <= levels; k++) {
        long long left = (popcount - k) * vector + c;
        long long right = (popcount - k + 1) * vector + c;
        if (((takeRight >> (k - 1)) & 1u) != 0) {
            copy_proposal(k == 1 ? -1 : right, left, c, chains, dimension, frontierPosition, frontierGradient,
                          proposalPosition, proposalGradient);
        }
        if (!subtrees_persist(left, right, c, chains, dimension, inverseMetric, frontierMomentum,
                              subtreeMomentumSum, checkpointMomentum, checkpointSumBefore,
                              checkpointPreviousMomentum)) {
            failed = k;
            break;
        }
    }
    if (levels == 0) {
        copy_proposal(-1, popcount * vector + c, c, chains, dimension, frontierPosition, frontierGradient,
                      proposalPosition, proposalGradient);
    }
    failedLevel[i] = failed;
}

// merges holds the chain numbers, then 1 where the draw takes the subtree's proposal (slot 0); persist[i] receives
// 1 where the merged trajectory still satisfies the no-U-turn criterion. The extra checks pair each part with the
// other's adjacent end point (see ChainBlock.mergeIntoTree).
extern "C" __global__ void merge_into_tree(
        int chains, int dimension, int count, const int* __restrict__ merges,
        const double* __restrict__ inverseMetric, const double* __restrict__ otherMomentum,
        const double* __restrict__ frontierMomentum, const double* __restrict__ subtreeMomentumSum,
        const double* __restrict__ checkpointMomentum, const double* __restrict__ checkpointSumBefore,
        const double* __restrict__ checkpointPreviousMomentum, const double* __restrict__ proposalPosition,
        const double* __restrict__ proposalGradient, double* __restrict__ treeMomentumSum,
        double* __restrict__ drawPosition, double* __restrict__ drawGradient, int* __restrict__ persist) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = merges[i];
    bool take = merges[count + i] != 0;
    double wholeBegin = 0, wholeEnd = 0, oldBegin = 0, newBegin = 0, oldEnd = 0, newEnd = 0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        double inverseMass = inverseMetric[at];
        // Slot 0 holds the first leaf of the completed subtree and the leaf before it.
        double oldOuter = otherMomentum[at];
        double oldInner = checkpointPreviousMomentum[at];
        double newInner = checkpointMomentum[at];
        double newOuter = frontierMomentum[at];
        double oldSum = treeMomentumSum[at];
        double newSum = subtreeMomentumSum[at] - checkpointSumBefore[at];
        double whole = oldSum + newSum;
        wholeBegin += inverseMass * oldOuter * whole;
        wholeEnd += inverseMass * newOuter * whole;
        double extendedOld = oldSum + newInner;
        oldBegin += inverseMass * oldOuter * extendedOld;
        newBegin += inverseMass * newInner * extendedOld;
        double extendedNew = newSum + oldInner;
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
