package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static manynuts.backend.cuda.CudaFailure.check;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;

/**
 * A device's primary context, retained while open. The primary context (not a private one) is shared with any
 * other CUDA user in the process, the way the runtime API does it.
 */
final class CudaContext implements AutoCloseable {
    private final CUdevice device;
    private final CUcontext context;
    private boolean closed;

    private CudaContext(CUdevice device, CUcontext context) {
        this.device = device;
        this.context = context;
    }

    /** Retains device {@code ordinal}'s primary context and makes it current on the calling thread. */
    static CudaContext retain(int ordinal) {
        CUdevice device = new CUdevice();
        check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        CUcontext context = new CUcontext();
        check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        CudaContext retained = new CudaContext(device, context);
        retained.makeCurrent();
        return retained;
    }

    /** Binds the context to the calling thread: the sampler runs blocks on pool threads, each must bind it. */
    void makeCurrent() {
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
        }
    }
}
