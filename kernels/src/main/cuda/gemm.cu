// The matrix product of models whose density is one (GLMs), for devices where cuBLAS is not available: column-major
// C = alpha A op(B) + beta C with op(B) = B or B^T, cuBLAS's dgemm with A not transposed. Each thread computes one
// element of C with its k-sum in increasing k from zero, the order of the CPU's blocked multiply, so both round
// alike (with FMA contraction off); beta = 0 does not read C.
#include "thread_index.cuh"

extern "C" __global__ void gemm(int transposeB, int m, int n, int k, double alpha, const double* __restrict__ a,
                                int lda, const double* __restrict__ b, int ldb, double beta, double* __restrict__ c,
                                int ldc) {
    long long index = thread_index();
    if (index >= (long long) m * n) {
        return;
    }
    // Consecutive threads take consecutive rows of one column: their reads of A and writes of C coalesce, and
    // they share each element of B.
    long long row = index % m;
    long long column = index / m;
    long long bStep = transposeB ? ldb : 1;
    const double* bColumn = transposeB ? b + column : b + column * ldb;
    double sum = 0.0;
    for (int l = 0; l < k; l++) {
        sum += a[row + (long long) l * lda] * bColumn[l * bStep];
    }
    double* out = c + row + column * ldc;
    *out = beta == 0.0 ? alpha * sum : alpha * sum + beta * *out;
}
