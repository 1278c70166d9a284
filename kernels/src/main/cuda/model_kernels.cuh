// The kernels that evaluate a model, written once for any model type with logDensityGradient and dimension;
// each model's .cu file instantiates them with MANYNUTS_MODEL_KERNELS behind extern "C" names so the host finds
// them by name.
#ifndef MANYNUTS_MODEL_KERNELS_CUH
#define MANYNUTS_MODEL_KERNELS_CUH

#include "leapfrog_halves.cuh"
#include "thread_index.cuh"

// Log density and gradient of every chain of a [dimension x chains] batch (Model.logDensityGradient).
template <class Model, typename Real>
__device__ void model_log_density_gradient(const Model& model, int chains, const Real* __restrict__ position,
                                           double* __restrict__ logDensity, Real* __restrict__ gradient) {
    long long c = thread_index();
    if (c >= chains) {
        return;
    }
    logDensity[c] = model.logDensityGradient(position, gradient, chains, c);
}

// ChainBlock.initialize: the listed chains' draws become positions[i * dimension + d]; results[i] receives the
// log density and results[count + i] 1 where it and every gradient coordinate are finite, else 0.
template <class Model, typename Real>
__device__ void model_initialize(const Model& model, int chains, int count, const int* __restrict__ list,
                                 const double* __restrict__ positions, Real* __restrict__ drawPosition,
                                 Real* __restrict__ drawGradient, double* __restrict__ results) {
    long long i = thread_index();
    if (i >= count) {
        return;
    }
    long long c = list[i];
    int dimension = model.dimension();
    for (int d = 0; d < dimension; d++) {
        drawPosition[(long long) d * chains + c] = (Real) positions[i * dimension + d];
    }
    Real logDensity = model.logDensityGradient(drawPosition, drawGradient, chains, c);
    bool finite = isfinite(logDensity);
    for (int d = 0; d < dimension; d++) {
        finite = finite && isfinite(drawGradient[(long long) d * chains + c]);
    }
    results[i] = logDensity;
    results[count + i] = finite ? 1.0 : 0.0;
}

// Whether the model's last evaluation of chain c ran to its end: a generated model's stops when a tape is full
// (status 2), and the host grows the tapes and finishes the step; a hand-written model's always does.
template <class Model>
__device__ auto model_evaluation_complete(const Model& model, long long c, int)
        -> decltype(model.evaluationComplete(c)) {
    return model.evaluationComplete(c);
}

template <class Model>
__device__ bool model_evaluation_complete(const Model&, long long, long) {
    return true;
}

// The second half of a leapfrog step, after the drift: the log density and gradient at the new position, then the
// closing half kick, for the one-step kernels below and the device state machine alike. Returns false when the
// evaluation stopped on a full tape: the chain is left drifted and not kicked, for the kick to follow once the
// tapes have grown.
template <class Model, typename Real>
__device__ inline bool evaluate_and_kick(const Model& model, long long chains, long long c, Real stepSize,
                                         const Real* __restrict__ inverseMetric, Real* __restrict__ frontierPosition,
                                         Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
                                         Real* __restrict__ subtreeMomentumSum, Real& logDensity, Real& kinetic) {
    logDensity = model.logDensityGradient(frontierPosition, frontierGradient, chains, c);
    if (!model_evaluation_complete(model, c, 0)) {
        return false;
    }
    kinetic = leapfrog_kick(model.dimension(), chains, c, stepSize, inverseMetric, frontierMomentum,
                            frontierGradient, subtreeMomentumSum);
    return true;
}

// The device state machine (nuts_sampling.cuh) steps through evaluate_and_kick.
#include "nuts_sampling.cuh"

// evaluate_and_kick with the energies stored: an evaluation that stopped on a full tape leaves them unspecified, for
// model_finish_leapfrog to complete.
template <class Model, typename Real>
__device__ void model_evaluate_and_kick(const Model& model, long long chains, long long c, Real stepSize,
                                        const Real* __restrict__ inverseMetric, Real* __restrict__ frontierPosition,
                                        Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
                                        Real* __restrict__ subtreeMomentumSum, double* __restrict__ energies) {
    Real logDensity;
    Real kinetic;
    if (evaluate_and_kick(model, chains, c, stepSize, inverseMetric, frontierPosition, frontierMomentum,
                          frontierGradient, subtreeMomentumSum, logDensity, kinetic)) {
        energies[c] = logDensity;
        energies[chains + c] = kinetic;
    }
}

// The rest of the leapfrog steps of the chains (those with a non-zero step size) whose evaluation stopped on a full
// tape: as model_leapfrog after its drift.
template <class Model, typename Real>
__device__ void model_finish_leapfrog(const Model& model, int chains, const double* __restrict__ signedStepSize,
                                      const Real* __restrict__ inverseMetric, Real* __restrict__ frontierPosition,
                                      Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
                                      Real* __restrict__ subtreeMomentumSum, double* __restrict__ energies) {
    long long c = moving_chain(chains, signedStepSize);
    if (c < 0) {
        return;
    }
    model_evaluate_and_kick(model, chains, c, (Real) signedStepSize[c], inverseMetric, frontierPosition,
                            frontierMomentum, frontierGradient, subtreeMomentumSum, energies);
}

// ChainBlock.leapfrog: a signed step of every moving chain's frontier. The momentum before the step is kept as the
// previous momentum (the U-turn checks of the leaf's merges need it) and the new momentum joins the subtree's
// sum; energies[c] receives the new log density and energies[chains + c] the kinetic energy. A chain with step
// size zero is idle and returns at once: its outputs are unspecified.
template <class Model, typename Real>
__device__ void model_leapfrog(const Model& model, int chains, const double* __restrict__ signedStepSize,
                               const Real* __restrict__ inverseMetric, Real* __restrict__ frontierPosition,
                               Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,
                               Real* __restrict__ previousMomentum, Real* __restrict__ subtreeMomentumSum,
                               double* __restrict__ energies) {
    long long c = moving_chain(chains, signedStepSize);
    if (c < 0) {
        return;
    }
    Real stepSize = (Real) signedStepSize[c];
    leapfrog_drift(model.dimension(), chains, c, stepSize, inverseMetric, frontierPosition, frontierMomentum,
                   frontierGradient, previousMomentum);
    model_evaluate_and_kick(model, chains, c, stepSize, inverseMetric, frontierPosition, frontierMomentum,
                            frontierGradient, subtreeMomentumSum, energies);
}

// The entries of one precision: prefix_log_density_gradient, prefix_initialize, prefix_leapfrog and prefix_sample (the
// device state machine of nuts_sampling.cuh), each followed by suffix, over the model built by the expression model
// (of the kernel's arguments), whose state is of type Real;
// the model's data (its KernelBinding's integer and real arrays) come last, then the parameters named by extra (a
// macro that expands to nothing, or to a comma and more parameters). Staged inputs and per-chain results are double
// in every precision.
#define MANYNUTS_MODEL_ENTRIES_OF(prefix, suffix, Real, model, extra)                                             \
    extern "C" __global__ void prefix##_log_density_gradient##suffix(                                              \
            int chains, const Real* __restrict__ position, double* __restrict__ logDensity,                         \
            Real* __restrict__ gradient, const int* __restrict__ integers, const double* __restrict__ reals extra) { \
        model_log_density_gradient(model, chains, position, logDensity, gradient);                                \
    }                                                                                                              \
    extern "C" __global__ void prefix##_initialize##suffix(                                                        \
            int chains, int count, const int* __restrict__ list, const double* __restrict__ positions,              \
            Real* __restrict__ drawPosition, Real* __restrict__ drawGradient, double* __restrict__ results,         \
            const int* __restrict__ integers, const double* __restrict__ reals extra) {                             \
        model_initialize(model, chains, count, list, positions, drawPosition, drawGradient, results);             \
    }                                                                                                              \
    extern "C" __global__ void prefix##_leapfrog##suffix(                                                          \
            int chains, const double* __restrict__ signedStepSize, const Real* __restrict__ inverseMetric,          \
            Real* __restrict__ frontierPosition, Real* __restrict__ frontierMomentum,                               \
            Real* __restrict__ frontierGradient, Real* __restrict__ previousMomentum,                               \
            Real* __restrict__ subtreeMomentumSum, double* __restrict__ energies,                                   \
            const int* __restrict__ integers, const double* __restrict__ reals extra) {                             \
        model_leapfrog(model, chains, signedStepSize, inverseMetric, frontierPosition, frontierMomentum,           \
                       frontierGradient, previousMomentum, subtreeMomentumSum, energies);                         \
    }                                                                                                              \
    extern "C" __global__ void prefix##_sample##suffix(                                                            \
            int chains, int slots, int budget, int maxDepth, int firstChain, unsigned int key0, unsigned int key1,  \
            const Real* __restrict__ inverseMetric, Real* __restrict__ drawPosition,                                \
            Real* __restrict__ drawGradient, Real* __restrict__ frontierPosition,                                   \
            Real* __restrict__ frontierMomentum, Real* __restrict__ frontierGradient,                               \
            Real* __restrict__ previousMomentum, Real* __restrict__ otherPosition, Real* __restrict__ otherMomentum, \
            Real* __restrict__ otherGradient, Real* __restrict__ treeMomentumSum,                                   \
            Real* __restrict__ subtreeMomentumSum, Real* __restrict__ proposalPosition,                             \
            Real* __restrict__ proposalGradient, Real* __restrict__ checkpointMomentum,                             \
            Real* __restrict__ checkpointSumBefore, Real* __restrict__ checkpointPreviousMomentum,                  \
            int* __restrict__ counters, double* __restrict__ scalars, const int* __restrict__ starts,               \
            const double* __restrict__ startScalars, double* __restrict__ draws,                                    \
            int* __restrict__ drawCounts, int* __restrict__ warpSteps, const int* __restrict__ integers,            \
            const double* __restrict__ reals extra) {                                                               \
        NutsVectors<Real> vectors{inverseMetric, drawPosition, drawGradient, frontierPosition, frontierMomentum,  \
                                  frontierGradient, previousMomentum, otherPosition, otherMomentum, otherGradient, \
                                  treeMomentumSum, subtreeMomentumSum, proposalPosition, proposalGradient,        \
                                  checkpointMomentum, checkpointSumBefore, checkpointPreviousMomentum};           \
        NutsLaunch launch{slots, budget, maxDepth, firstChain, key0, key1, counters, scalars, starts,             \
                          startScalars, draws, drawCounts, warpSteps};                                            \
        nuts_sample(model, chains, vectors, launch);                                                              \
    }

// prefix_finish_leapfrog: model_finish_leapfrog, for the generated models whose tapes can fill.
#define MANYNUTS_FINISH_LEAPFROG_ENTRY(prefix, suffix, Real, model)                                                \
    extern "C" __global__ void prefix##_finish_leapfrog##suffix(                                                   \
            int chains, const double* __restrict__ signedStepSize, const Real* __restrict__ inverseMetric,          \
            Real* __restrict__ frontierPosition, Real* __restrict__ frontierMomentum,                               \
            Real* __restrict__ frontierGradient, Real* __restrict__ subtreeMomentumSum,                             \
            double* __restrict__ energies, const int* __restrict__ integers, const double* __restrict__ reals,      \
            void* __restrict__ scratch) {                                                                          \
        model_finish_leapfrog(model, chains, signedStepSize, inverseMetric, frontierPosition, frontierMomentum,    \
                              frontierGradient, subtreeMomentumSum, energies);                                     \
    }

#define MANYNUTS_NO_MORE_PARAMETERS
#define MANYNUTS_SCRATCH_PARAMETER , void* __restrict__ scratch

// The entries of a hand-written model: ModelType(integers, reals).
#define MANYNUTS_MODEL_ENTRIES(prefix, suffix, ModelType, Real)                                                  \
    MANYNUTS_MODEL_ENTRIES_OF(prefix, suffix, Real, ModelType(integers, reals), MANYNUTS_NO_MORE_PARAMETERS)

// A model's entries in both precisions: <prefix>_log_density_gradient, <prefix>_initialize and <prefix>_leapfrog
// over double state, and the same names suffixed _f32 over float state. Model is a class template over the state
// type with a __host__ __device__ constructor Model(const int* integers, const double* reals), dimension() and
// Real logDensityGradient(const Real* position, Real* gradient, long long stride, long long c). The data arrive
// with every launch so one module serves any data set.
#define MANYNUTS_MODEL_KERNELS(prefix, Model)                                                                      \
    MANYNUTS_MODEL_ENTRIES(prefix, , Model<double>, double)                                                        \
    MANYNUTS_MODEL_ENTRIES(prefix, _f32, Model<float>, float)

// A generated model's entries in both precisions (the Stan compiler's CUDA generator): as MANYNUTS_MODEL_KERNELS, with
// one more argument last, scratch: each chain's workspace and tapes in global memory, interleaved over the chains
// (slot k of chain c at k * chains + c), the reals first and the ints after them, sized by the model's scratch
// sizes for `chains` chains. Model's constructor is Model(const int* integers, const double* reals, void* scratch,
// long long chains).
#define MANYNUTS_GENERATED_MODEL_KERNELS(prefix, Model)                                                            \
    MANYNUTS_MODEL_ENTRIES_OF(prefix, , double, Model<double>(integers, reals, scratch, chains),                 \
                              MANYNUTS_SCRATCH_PARAMETER)                                                          \
    MANYNUTS_MODEL_ENTRIES_OF(prefix, _f32, float, Model<float>(integers, reals, scratch, chains),               \
                              MANYNUTS_SCRATCH_PARAMETER)                                                          \
    MANYNUTS_FINISH_LEAPFROG_ENTRY(prefix, , double, Model<double>(integers, reals, scratch, chains))           \
    MANYNUTS_FINISH_LEAPFROG_ENTRY(prefix, _f32, float, Model<float>(integers, reals, scratch, chains))

#endif
