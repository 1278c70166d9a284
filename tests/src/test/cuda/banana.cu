// The worked example's kernels: MANYNUTS_MODEL_KERNELS makes banana_log_density_gradient, banana_initialize and
// banana_leapfrog, and their _f32 twins, from the struct.
#include "banana.cuh"
#include "model_kernels.cuh"

MANYNUTS_MODEL_KERNELS(banana, Banana)
