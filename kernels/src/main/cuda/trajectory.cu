// The model-independent kernels that start trajectories and doublings, set the metric and gather rows for the
// host (ChainBlock.setInverseMetric, beginTrajectory, beginSubtree, readDraw and readFrontier).
#include "philox.cuh"
#include "thread_index.cuh"

// Vectors are dimension-major, [d * chains + c]; a list names the chains an operation touches.

// The listed chains' inverse metric diagonal becomes values[i * dimension + d].
extern "C" __global__ void set_inverse_metric(int chains, int dimension, int count, const int* __restrict__ list,
                                              const double* __restrict__ values,
                                              double* __restrict__ inverseMetric) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    for (int d = 0; d < dimension; d++) {
        inverseMetric[(long long) d * chains + c] = values[i * dimension + d];
    }
}

// F = O = draw and a fresh momentum from chain firstChain + c's Philox stream for its event; starts holds the
// chain numbers, then the low words, then the high words of the events; kinetic[i] receives the kinetic energy.
extern "C" __global__ void begin_trajectory(
        int chains, int dimension, int count, const int* __restrict__ starts, unsigned int key0, unsigned int key1,
        int firstChain, const double* __restrict__ inverseMetric, const double* __restrict__ drawPosition,
        const double* __restrict__ drawGradient, double* __restrict__ frontierPosition,
        double* __restrict__ frontierMomentum, double* __restrict__ frontierGradient,
        double* __restrict__ otherPosition, double* __restrict__ otherMomentum, double* __restrict__ otherGradient,
        double* __restrict__ treeMomentumSum, double* __restrict__ subtreeMomentumSum, double* __restrict__ kinetic) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = starts[i];
    unsigned long long event = (unsigned long long) (unsigned int) starts[count + i]
            | ((unsigned long long) (unsigned int) starts[2 * count + i] << 32);
    double energy = 0.0;
    for (int pair = 0; 2 * pair < dimension; pair++) {
        double normals[2];
        philox_normal_pair(event, (unsigned int) (firstChain + c), (unsigned int) pair, key0, key1, normals);
        // Coordinates in order, so the energy sums in the same order as on the CPU.
        for (int k = 0; k < 2 && 2 * pair + k < dimension; k++) {
            long long at = (long long) (2 * pair + k) * chains + c;
            double inverseMass = inverseMetric[at];
            double p = normals[k] / sqrt(inverseMass);
            energy += inverseMass * p * p;
            frontierPosition[at] = drawPosition[at];
            frontierGradient[at] = drawGradient[at];
            frontierMomentum[at] = p;
            otherPosition[at] = drawPosition[at];
            otherGradient[at] = drawGradient[at];
            otherMomentum[at] = p;
            treeMomentumSum[at] = p;
            subtreeMomentumSum[at] = 0.0;
        }
    }
    kinetic[i] = 0.5 * energy;
}

// A new doubling: subtrees holds the chain numbers, then 1 where F and O swap; the subtree sum restarts at zero.
extern "C" __global__ void begin_subtree(
        int chains, int dimension, int count, const int* __restrict__ subtrees, double* __restrict__ frontierPosition,
        double* __restrict__ frontierMomentum, double* __restrict__ frontierGradient,
        double* __restrict__ otherPosition, double* __restrict__ otherMomentum, double* __restrict__ otherGradient,
        double* __restrict__ subtreeMomentumSum) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = subtrees[i];
    bool exchange = subtrees[count + i] != 0;
    for (int d = 0; d < dimension; d++) {
        long long at = (long long) d * chains + c;
        subtreeMomentumSum[at] = 0.0;
        if (exchange) {
            double t = frontierPosition[at];
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

// Gathers the listed chains' rows of a vector into out[i * dimension + d] for one copy to the host.
extern "C" __global__ void read_rows(int chains, int dimension, int count, const int* __restrict__ list,
                                     const double* __restrict__ source, double* __restrict__ out) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    for (int d = 0; d < dimension; d++) {
        out[i * dimension + d] = source[(long long) d * chains + c];
    }
}
