package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static manynuts.backend.cuda.CudaFailure.check;

import jcuda.driver.CUdeviceptr;
import manynuts.backend.Precision;

/** A zero-filled allocation of device memory, freed on close. */
final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr pointer;
    private long bytes;
    private boolean closed;

    DeviceBuffer(long bytes) {
        this.bytes = bytes;
        this.pointer = new CUdeviceptr();
        check(cuMemAlloc(pointer, bytes), "cuMemAlloc(" + bytes + " bytes)");
        // Zeroed like a Java array, so no operation can ever read garbage from a slot not yet written.
        int result = cuMemsetD8(pointer, (byte) 0, bytes);
        if (result != 0) {
            cuMemFree(pointer);
            check(result, "cuMemsetD8");
        }
    }

    static DeviceBuffer ofDoubles(long count) {
        return new DeviceBuffer(Math.max(1, count) * Double.BYTES);
    }

    /** Room for {@code count} elements of chain state in {@code precision}. */
    static DeviceBuffer ofReals(long count, Precision precision) {
        return new DeviceBuffer(Math.max(1, count) * precision.bytes());
    }

    static DeviceBuffer ofInts(long count) {
        return new DeviceBuffer(Math.max(1, count) * Integer.BYTES);
    }

    /**
     * Frees this buffer's memory and allocates {@code newBytes} zeroed in its place, under the same pointer object:
     * kernel calls bound to this buffer launch on the new memory. The old contents are lost.
     */
    void reallocate(long newBytes) {
        // Until the new memory is there, close() has nothing to free.
        closed = true;
        check(cuMemFree(pointer), "cuMemFree");
        check(cuMemAlloc(pointer, newBytes), "cuMemAlloc(" + newBytes + " bytes)");
        closed = false;
        bytes = newBytes;
        check(cuMemsetD8(pointer, (byte) 0, newBytes), "cuMemsetD8");
    }

    CUdeviceptr pointer() {
        return pointer;
    }

    long bytes() {
        return bytes;
    }

    /** Queues a copy of the first {@code count} bytes of {@code host} to this buffer. */
    void upload(PinnedBuffer host, long count, CudaStream stream) {
        checkSize(count, host);
        check(cuMemcpyHtoDAsync(pointer, host.pointer(), count, stream.handle()), "cuMemcpyHtoDAsync");
    }

    /** Queues a copy of the first {@code count} bytes of this buffer to {@code host}. */
    void download(PinnedBuffer host, long count, CudaStream stream) {
        checkSize(count, host);
        check(cuMemcpyDtoHAsync(host.pointer(), pointer, count, stream.handle()), "cuMemcpyDtoHAsync");
    }

    /** Queues a copy of {@code count} bytes of this buffer from byte {@code offset} to the start of {@code host}. */
    void download(long offset, PinnedBuffer host, long count, CudaStream stream) {
        if (offset < 0 || offset + count > bytes || count > host.bytes()) {
            throw new IllegalArgumentException("copy of " + count + " bytes from byte " + offset + " of a device buffer "
                    + "of " + bytes + " to a host buffer of " + host.bytes());
        }
        check(cuMemcpyDtoHAsync(host.pointer(), pointer.withByteOffset(offset), count, stream.handle()),
                "cuMemcpyDtoHAsync");
    }

    private void checkSize(long count, PinnedBuffer host) {
        if (count > bytes || count > host.bytes()) {
            throw new IllegalArgumentException("copy of " + count + " bytes between a device buffer of " + bytes
                    + " and a host buffer of " + host.bytes());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuMemFree(pointer), "cuMemFree");
        }
    }
}
