package manynuts.backend.cuda;

/**
 * Column-major matrix products on the device in the chain state's precision, C = A op(B) + beta C with op(B) = B or
 * B^T (cuBLAS's gemm with alpha = 1 and A not transposed): through cuBLAS where libcublas.so.12 loads, otherwise our
 * own kernel.
 */
interface MatrixProducts extends AutoCloseable {

    /** A product bound to its buffers and shape, launched again and again on a stream. */
    interface Product {
        void launch(CudaStream stream);
    }

    /** Which implementation this is, for reports, e.g. {@code own GEMM kernel (cuBLAS: ...)}. */
    String description();

    /**
     * Binds C ({@code m x n}, leading dimension {@code ldc}) = A ({@code m x k}, {@code lda}) op(B) + beta C, where
     * B is {@code k x n} ({@code ldb}) or, transposed, {@code n x k}.
     */
    Product bind(boolean transposeB, int m, int n, int k, DeviceBuffer a, int lda, DeviceBuffer b, int ldb,
                 double beta, DeviceBuffer c, int ldc);

    @Override
    void close();
}
