// Lets the CUDA kernel sources compile as ordinary C++ for the stand-in driver: the CUDA qualifiers vanish,
// threadIdx/blockIdx/blockDim/gridDim become thread-locals that the launcher sets before calling a kernel once
// per CUDA thread, and the device maths functions are the C library's.
#ifndef MANYNUTS_CUDA_HOST_SHIM_H
#define MANYNUTS_CUDA_HOST_SHIM_H

#include <cmath>
#include <math.h>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)

struct dim3 {
    unsigned int x = 1, y = 1, z = 1;
};

// The launcher writes these before each call; kernels only read them.
inline thread_local dim3 threadIdx;
inline thread_local dim3 blockIdx;
inline thread_local dim3 blockDim;
inline thread_local dim3 gridDim;

using std::isfinite;
using std::isnan;

// The device intrinsics the kernels use. The launcher runs one CUDA thread at a time, so atomics need no lock.
inline int __ffs(int x) {
    return __builtin_ffs(x);
}

inline int __popc(unsigned int x) {
    return __builtin_popcount(x);
}

inline int atomicAdd(int* address, int value) {
    int old = *address;
    *address = old + value;
    return old;
}

inline int atomicMax(int* address, int value) {
    int old = *address;
    *address = old > value ? old : value;
    return old;
}

#endif
