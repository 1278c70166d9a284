// The kernel of a model whose density is a matrix product (split around GEMMs), written once for any model type with
// a likelihood method; each such model's .cu file instantiates it with MANYNUTS_SPLIT_MODEL_KERNELS behind extern "C"
// names so the host finds them by name.
#ifndef MANYNUTS_SPLIT_MODEL_KERNELS_CUH
#define MANYNUTS_SPLIT_MODEL_KERNELS_CUH

#include "thread_index.cuh"

// The entry of one precision: prefix_likelihood followed by suffix, over the model type ModelType whose state is of
// type Real. One thread per chain; linear holds the chain's linear predictors ([i * chains + c]) on entry and its
// residuals on return, logDensity[c] (double in every precision) receives the log density.
#define MANYNUTS_SPLIT_MODEL_ENTRY(prefix, suffix, ModelType, Real)                                               \
    extern "C" __global__ void prefix##_likelihood##suffix(                                                        \
            int chains, const Real* __restrict__ position, Real* __restrict__ linear,                               \
            double* __restrict__ logDensity, Real* __restrict__ gradient, const int* __restrict__ integers,         \
            const double* __restrict__ reals) {                                                                    \
        long long c = thread_index();                                                                              \
        if (c >= chains) {                                                                                         \
            return;                                                                                                \
        }                                                                                                          \
        logDensity[c] = ModelType(integers, reals).likelihood(position, linear, gradient, chains, c);             \
    }

// A split model's likelihood kernel in both precisions: <prefix>_likelihood over double state and
// <prefix>_likelihood_f32 over float state. Model is a class template over the state type with a __host__ __device__
// constructor Model(const int* integers, const double* reals) and
// Real likelihood(const Real* position, Real* linear, Real* gradient, long long stride, long long c).
#define MANYNUTS_SPLIT_MODEL_KERNELS(prefix, Model)                                                                \
    MANYNUTS_SPLIT_MODEL_ENTRY(prefix, , Model<double>, double)                                                    \
    MANYNUTS_SPLIT_MODEL_ENTRY(prefix, _f32, Model<float>, float)

#endif
