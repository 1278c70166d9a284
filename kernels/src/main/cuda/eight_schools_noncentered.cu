// The device entry points of the non-centered eight schools model: batched log density, initialize and leapfrog.
#include "eight_schools_noncentered.cuh"
#include "model_kernels.cuh"

MANYNUTS_MODEL_KERNELS(eight_schools_noncentered, EightSchoolsNonCentered)
