package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static manynuts.backend.cuda.CudaFailure.check;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import manynuts.backend.Precision;
import jcuda.Pointer;

/**
 * Page-locked host memory: the only host memory asynchronous copies may use, and the staging area through which
 * a block's per-chain arguments and results cross to and from the device.
 */
final class PinnedBuffer implements AutoCloseable {
    private final Pointer pointer;
    private final long bytes;
    private final DoubleBuffer doubles;
    private final FloatBuffer floats;
    private final IntBuffer ints;
    private boolean closed;

    PinnedBuffer(long bytes) {
        this.bytes = bytes;
        this.pointer = new Pointer();
        check(cuMemAllocHost(pointer, bytes), "cuMemAllocHost(" + bytes + " bytes)");
        var buffer = pointer.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
        doubles = buffer.asDoubleBuffer();
        floats = buffer.asFloatBuffer();
        ints = buffer.asIntBuffer();
    }

    Pointer pointer() {
        return pointer;
    }

    long bytes() {
        return bytes;
    }

    /** The memory as doubles, written and read with absolute indices. */
    DoubleBuffer doubles() {
        return doubles;
    }

    /** Writes {@code values[0..count)} from element 0 as chain state of {@code precision} (rounded for float32). */
    void putReals(Precision precision, double[] values, int count) {
        if (precision == Precision.FLOAT32) {
            for (int i = 0; i < count; i++) {
                floats.put(i, (float) values[i]);
            }
        } else {
            doubles.put(0, values, 0, count);
        }
    }

    /** Reads {@code count} elements of chain state of {@code precision} from element 0 into {@code out}. */
    void getReals(Precision precision, double[] out, int count) {
        if (precision == Precision.FLOAT32) {
            for (int i = 0; i < count; i++) {
                out[i] = floats.get(i);
            }
        } else {
            doubles.get(0, out, 0, count);
        }
    }

    /** The same memory as ints. */
    IntBuffer ints() {
        return ints;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuMemFreeHost(pointer), "cuMemFreeHost");
        }
    }
}
