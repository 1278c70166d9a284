// The model-independent kernels around a split model's evaluation (ChainBlock.leapfrog's drift and kick, the end of
// ChainBlock.initialize).
#include "leapfrog_halves.cuh"
#include "thread_index.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).
#define MANYNUTS_KERNELS_FILE "split_leapfrog_kernels.cuh"
#include "both_precisions.cuh"
