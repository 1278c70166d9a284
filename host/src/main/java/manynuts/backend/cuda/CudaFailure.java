package manynuts.backend.cuda;

import jcuda.driver.CUresult;

/** A CUDA driver call that returned an error, named by the call and the driver's name for the error. */
public final class CudaFailure extends RuntimeException {
    private final int code;

    CudaFailure(String call, int code) {
        super(call + " failed: " + CUresult.stringFor(code) + " (" + code + ")");
        this.code = code;
    }

    /** A failure with what the caller knows of its cause, after the driver's name for it. */
    CudaFailure(String call, int code, String cause) {
        super(call + " failed: " + CUresult.stringFor(code) + " (" + code + "): " + cause);
        this.code = code;
    }

    /** The driver's {@code CUresult}. */
    public int code() {
        return code;
    }

    /** Throws unless {@code result} is {@code CUDA_SUCCESS}; JCuda's global exception switch is left alone. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaFailure(call, result);
        }
    }
}
