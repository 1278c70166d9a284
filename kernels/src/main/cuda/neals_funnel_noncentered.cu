// The device entry points of the non-centered Neal's funnel: batched log density, initialize and leapfrog.
#include "neals_funnel.cuh"
#include "model_kernels.cuh"

MANYNUTS_MODEL_KERNELS(neals_funnel_noncentered, NealsFunnelNonCentered)
