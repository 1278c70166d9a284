package manynuts.backend.cuda;

import manynuts.models.KernelBinding;

/**
 * A model's kernel data resident on the device: the integer and real arrays of its {@link KernelBinding}, which
 * every launch of the model's kernels passes as its last two arguments.
 */
final class DeviceModelData implements AutoCloseable {
    private final DeviceBuffer integers;
    private final DeviceBuffer reals;

    /** Uploads the data in the current context on {@code stream}, and waits for the copies. */
    DeviceModelData(KernelBinding binding, CudaStream stream) {
        int[] integerData = binding.integers();
        double[] realData = binding.reals();
        long stagedBytes = Math.max(1L, Math.max((long) integerData.length * Integer.BYTES,
                (long) realData.length * Double.BYTES));
        integers = DeviceBuffer.ofInts(integerData.length);
        DeviceBuffer allocated = null;
        try (PinnedBuffer staging = new PinnedBuffer(stagedBytes)) {
            allocated = DeviceBuffer.ofDoubles(realData.length);
            // Empty arrays (a model without integer or real data) are left as the buffers' zeroed element.
            if (integerData.length > 0) {
                staging.ints().put(0, integerData);
                integers.upload(staging, (long) integerData.length * Integer.BYTES, stream);
                stream.synchronize();
            }
            if (realData.length > 0) {
                staging.doubles().put(0, realData);
                allocated.upload(staging, (long) realData.length * Double.BYTES, stream);
                stream.synchronize();
            }
        } catch (RuntimeException | Error e) {
            if (allocated != null) {
                allocated.close();
            }
            integers.close();
            throw e;
        }
        reals = allocated;
    }

    /** The real data on the device (for a model with a design matrix, X opens it). */
    DeviceBuffer reals() {
        return reals;
    }

    /** Adds the data arguments ({@code integers}, {@code reals}) to a launch of one of the model's kernels. */
    KernelCall bind(KernelCall call) {
        return call.pointer("integers", integers).pointer("reals", reals);
    }

    @Override
    public void close() {
        try {
            reals.close();
        } finally {
            integers.close();
        }
    }
}
