// The own GEMM kernel, used where cuBLAS is not available (gemm_kernel.cuh).
#include "thread_index.cuh"

// Each kernel twice: over double state (the entry's own name) and over float state (the name with _f32).
#define MANYNUTS_KERNELS_FILE "gemm_kernel.cuh"
#include "both_precisions.cuh"
