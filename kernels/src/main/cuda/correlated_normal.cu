// The device entry points of the equicorrelated normal: batched log density, initialize and leapfrog.
#include "correlated_normal.cuh"
#include "model_kernels.cuh"

MANYNUTS_MODEL_KERNELS(correlated_normal, CorrelatedNormal)
