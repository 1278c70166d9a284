package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;
import static manynuts.backend.cuda.CudaFailure.check;

import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/** A stream: a block's copies and launches run in order on it, and the host waits on it only to read results. */
final class CudaStream implements AutoCloseable {
    private final CUstream stream;
    private boolean closed;

    CudaStream() {
        stream = new CUstream();
        // Non-blocking: blocks on other threads each have their own stream and must not serialise on stream 0.
        check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    CUstream handle() {
        return stream;
    }

    /** Makes the work queued on this stream from now on wait for {@code event}, without the host waiting. */
    void waitFor(CudaEvent event) {
        check(cuStreamWaitEvent(stream, event.handle(), 0), "cuStreamWaitEvent");
    }

    void synchronize() {
        check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuStreamDestroy(stream), "cuStreamDestroy");
        }
    }
}
