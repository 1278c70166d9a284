package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static manynuts.backend.cuda.CudaFailure.check;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/** A point in a stream's work: another stream or the host can wait for what was queued before it. */
final class CudaEvent implements AutoCloseable {
    private final CUevent event;
    private boolean closed;

    CudaEvent() {
        event = new CUevent();
        check(cuEventCreate(event, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
    }

    CUevent handle() {
        return event;
    }

    /** Marks the end of the work queued on {@code stream} so far. */
    void record(CudaStream stream) {
        check(cuEventRecord(event, stream.handle()), "cuEventRecord");
    }

    /** Waits, on the host, for the work before the last record. */
    void synchronize() {
        check(cuEventSynchronize(event), "cuEventSynchronize");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuEventDestroy(event), "cuEventDestroy");
        }
    }
}
