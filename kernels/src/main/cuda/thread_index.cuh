// The global index of the calling thread in a one-dimensional launch: one thread per chain or per listed chain.
#ifndef MANYNUTS_THREAD_INDEX_CUH
#define MANYNUTS_THREAD_INDEX_CUH

// 64-bit so that index arithmetic on [slot x dimension x chains] arrays cannot overflow for large blocks.
__device__ inline long long thread_index() {
    return (long long) blockIdx.x * blockDim.x + threadIdx.x;
}

#endif
