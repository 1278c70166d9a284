// The matrix product of models whose density is one (GLMs), for devices where cuBLAS is not available: column-major C =
// alpha A op(B) + beta C with op(B) = B or B^T, cuBLAS's gemm with A not transposed, over the chain state's type Real
// (gemm.cu includes it once per precision, both_precisions.cuh; no include guard on purpose). alpha and beta are double
// in both precisions, so both entries take the same parameters, and are rounded to Real. Each thread computes one
// element of C with its k-sum in increasing k from zero, the order of the CPU's blocked multiply, so both round alike
// in double (with FMA contraction off); beta = 0 does not read C.

extern "C" __global__ void MANYNUTS_ENTRY(gemm)(int transposeB, int m, int n, int k, double alpha,
                                                const Real* __restrict__ a, int lda, const Real* __restrict__ b,
                                                int ldb, double beta, Real* __restrict__ c, int ldc) {
    long long index = thread_index();
    if (index >= (long long) m * n) {
        return;
    }
    // Consecutive threads take consecutive rows of one column: their reads of A and writes of C coalesce, and
    // they share each element of B.
    long long row = index % m;
    long long column = index / m;
    long long bStep = transposeB ? ldb : 1;
    const Real* bColumn = transposeB ? b + column : b + column * ldb;
    Real sum = 0;
    for (int l = 0; l < k; l++) {
        sum += a[row + (long long) l * lda] * bColumn[l * bStep];
    }
    Real* out = c + row + column * ldc;
    *out = beta == 0.0 ? (Real) alpha * sum : (Real) alpha * sum + (Real) beta * *out;
}
