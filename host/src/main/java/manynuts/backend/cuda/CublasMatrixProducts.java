package manynuts.backend.cuda;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;
import manynuts.backend.Precision;

/**
 * Matrix products by cuBLAS (JCublas: {@code cublasDgemm} over float64 state, {@code cublasSgemm} over float32) on
 * the backend's context. cuBLAS chooses its own summation order and fuses multiply-adds, so its products differ
 * from the CPU's in the last bits.
 */
final class CublasMatrixProducts implements MatrixProducts {
    private final cublasHandle handle;
    private final Precision precision;
    private final Pointer one;
    private boolean closed;

    private CublasMatrixProducts(cublasHandle handle, Precision precision) {
        this.handle = handle;
        this.precision = precision;
        this.one = scalar(1.0);
    }

    /**
     * Opens cuBLAS in the current context for matrices in {@code precision}.
     *
     * @throws IllegalStateException (or a linkage error where libcublas.so.12 is missing) when it cannot be used
     */
    static CublasMatrixProducts open(Precision precision) {
        cublasHandle handle = new cublasHandle();
        int status = JCublas2.cublasCreate(handle);
        if (status != 0) {
            throw new IllegalStateException("cublasCreate: status " + status);
        }
        return new CublasMatrixProducts(handle, precision);
    }

    /** alpha and beta live in host memory (cuBLAS's default pointer mode), in the matrices' type. */
    private Pointer scalar(double value) {
        return precision == Precision.FLOAT32 ? Pointer.to(new float[] {(float) value})
                : Pointer.to(new double[] {value});
    }

    @Override
    public String description() {
        String routine = precision == Precision.FLOAT32 ? "cublasSgemm" : "cublasDgemm";
        return "cuBLAS " + routine + " (libcublas.so.12 through JCublas)";
    }

    @Override
    public Product bind(boolean transposeB, int m, int n, int k, DeviceBuffer a, int lda, DeviceBuffer b, int ldb,
                        double beta, DeviceBuffer c, int ldc) {
        Pointer betaValue = scalar(beta);
        int operationB = transposeB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        boolean single = precision == Precision.FLOAT32;
        return new Product() {
            private CudaStream bound;
            private cudaStream_t runtimeStream;

            @Override
            public void launch(CudaStream stream) {
                if (stream != bound) {
                    bound = stream;
                    runtimeStream = new cudaStream_t(stream.handle());
                }
                // The handle is shared by the blocks of a backend: setting its stream and launching go together.
                synchronized (CublasMatrixProducts.this) {
                    check(JCublas2.cublasSetStream(handle, runtimeStream), "cublasSetStream");
                    if (single) {
                        check(JCublas2.cublasSgemm(handle, cublasOperation.CUBLAS_OP_N, operationB, m, n, k, one,
                                a.pointer(), lda, b.pointer(), ldb, betaValue, c.pointer(), ldc), "cublasSgemm");
                    } else {
                        check(JCublas2.cublasDgemm(handle, cublasOperation.CUBLAS_OP_N, operationB, m, n, k, one,
                                a.pointer(), lda, b.pointer(), ldb, betaValue, c.pointer(), ldc), "cublasDgemm");
                    }
                }
            }
        };
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed with cuBLAS status " + status);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            JCublas2.cublasDestroy(handle);
        }
    }
}
