package manynuts.backend.cuda;

/**
 * Chooses how a backend multiplies matrices: cuBLAS through JCublas where it works, else the own GEMM kernel, with
 * the reason. {@code -Dmanynuts.cublas=false} skips cuBLAS (so its products follow the CPU's summation order).
 */
final class MatrixProductsChoice {
    /**
     * Why JCublas's natives failed to link, from the first attempt: the JVM then reports every later attempt as
     * "Could not initialize class", which says nothing to a user.
     */
    private static volatile String linkFailure;

    private MatrixProductsChoice() {
    }

    static MatrixProducts choose(DeviceKernels kernels) {
        if (!Boolean.parseBoolean(System.getProperty("manynuts.cublas", "true"))) {
            return new KernelMatrixProducts(kernels, "-Dmanynuts.cublas=false");
        }
        try {
            return CublasMatrixProducts.open(kernels.precision());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // JCublas's natives link against libcublas.so.12; without it they fail to load.
            String message = String.valueOf(e.getMessage());
            String reason = message.contains("libcublas") ? "libcublas.so.12 not found" : "JCublas did not load: "
                    + message.lines().findFirst().orElse("");
            if (e instanceof UnsatisfiedLinkError || linkFailure == null) {
                linkFailure = reason;
            }
            return new KernelMatrixProducts(kernels, linkFailure);
        } catch (RuntimeException e) {
            return new KernelMatrixProducts(kernels, "cuBLAS did not start: " + e.getMessage());
        }
    }
}
