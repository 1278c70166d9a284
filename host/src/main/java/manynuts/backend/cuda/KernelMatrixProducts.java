package manynuts.backend.cuda;

/** Matrix products by the {@code gemm} kernel: one thread per element of C, each k-sum in the CPU's order. */
final class KernelMatrixProducts implements MatrixProducts {
    private final DeviceKernels kernels;
    private final String reason;

    /** @param reason why cuBLAS is not used, for the description */
    KernelMatrixProducts(DeviceKernels kernels, String reason) {
        this.kernels = kernels;
        this.reason = reason;
    }

    @Override
    public String description() {
        return "own GEMM kernel (cuBLAS not used: " + reason + ")";
    }

    @Override
    public Product bind(boolean transposeB, int m, int n, int k, DeviceBuffer a, int lda, DeviceBuffer b, int ldb,
                        double beta, DeviceBuffer c, int ldc) {
        KernelCall call = kernels.call(Kernel.GEMM, null)
                .integer("transposeB", transposeB ? 1 : 0).integer("m", m).integer("n", n).integer("k", k)
                .real("alpha", 1.0).pointer("a", a).integer("lda", lda).pointer("b", b).integer("ldb", ldb)
                .real("beta", beta).pointer("c", c).integer("ldc", ldc);
        int elements = Math.multiplyExact(m, n);
        return stream -> call.launch(stream, elements);
    }

    @Override
    public void close() {
        // The kernel lives in the device kernels' modules.
    }
}
