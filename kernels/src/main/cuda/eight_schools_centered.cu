// The device entry points of the centered eight schools model: batched log density, initialize and leapfrog.
#include "eight_schools_centered.cuh"
#include "model_kernels.cuh"

MANYNUTS_MODEL_KERNELS(eight_schools_centered, EightSchoolsCentered)
