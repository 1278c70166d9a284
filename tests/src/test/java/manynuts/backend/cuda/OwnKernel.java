package manynuts.backend.cuda;

import manynuts.backend.Precision;

/** Opens a CUDA backend whose matrix products are the own gemm kernel, as {@code -Dmanynuts.cublas=false} makes it. */
final class OwnKernel {

    private OwnKernel() {
    }

    /** Device 0 in {@code precision}, its choice made while the property says no to cuBLAS. */
    static synchronized CudaBackend open(Precision precision) {
        String before = System.getProperty("manynuts.cublas");
        System.setProperty("manynuts.cublas", "false");
        CudaBackend backend = CudaBackend.open(0, precision);
        try {
            backend.matrixProducts();
            return backend;
        } catch (RuntimeException | Error e) {
            backend.close();
            throw e;
        } finally {
            if (before == null) {
                System.clearProperty("manynuts.cublas");
            } else {
                System.setProperty("manynuts.cublas", before);
            }
        }
    }
}
