package manynuts.backend.cuda;

import manynuts.backend.Precision;
import manynuts.models.DesignMatrix;
import manynuts.models.KernelBinding;

/**
 * A model's kernel data resident on the device: the integer and real arrays of its {@link KernelBinding}, which
 * every launch of the model's kernels passes as its last two arguments, and for a model with a design matrix X in
 * the chain state's precision for the matrix products. A Stan program's generated kernels also get each chain's
 * scratch (workspace and tapes, zeroed), which they pass last.
 */
final class DeviceModelData implements AutoCloseable {
    private final DeviceBuffer integers;
    private final int integerCount;
    private final DeviceBuffer reals;
    /** X for the products: the reals themselves in float64, a float copy (owned here) in float32; null without X. */
    private final DeviceBuffer designMatrix;
    /** A generated model's scratch for the block's chains; null for a hand-written model. */
    private final DeviceBuffer scratch;

    /** Uploads the data for {@code chains} chains in the current context on {@code stream}, and waits. */
    DeviceModelData(DeviceModel model, Precision precision, CudaStream stream, int chains) {
        int[] integerData = model.binding().integers();
        double[] realData = model.binding().reals();
        DesignMatrix design = model.design();
        boolean copyDesign = design != null && precision != Precision.FLOAT64;
        long stagedBytes = Math.max(1L, Math.max((long) integerData.length * Integer.BYTES,
                (long) realData.length * Double.BYTES));
        integers = DeviceBuffer.ofInts(integerData.length);
        integerCount = integerData.length;
        DeviceBuffer allocated = null;
        DeviceBuffer copy = null;
        DeviceBuffer work = null;
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
            if (copyDesign) {
                int elements = Math.multiplyExact(design.rows(), design.columns());
                copy = DeviceBuffer.ofReals(elements, precision);
                staging.putReals(precision, realData, elements);
                copy.upload(staging, (long) elements * precision.bytes(), stream);
                stream.synchronize();
            }
            if (model.generated() != null) {
                work = new DeviceBuffer(model.scratchBytes(chains, precision != Precision.FLOAT64));
            }
        } catch (RuntimeException | Error e) {
            if (copy != null) {
                copy.close();
            }
            if (work != null) {
                work.close();
            }
            if (allocated != null) {
                allocated.close();
            }
            integers.close();
            throw e;
        }
        reals = allocated;
        scratch = work;
        designMatrix = copyDesign ? copy : design != null ? allocated : null;
    }

    /**
     * Gives a generated model's {@code chains} chains the tapes of {@code grown}: its integers (which hold the tapes'
     * capacity) uploaded again, and the scratch reallocated at its new size. The scratch only lives within one
     * evaluation, so nothing in it is lost; kernel calls bound to it launch on the new memory.
     */
    void growTapes(DeviceModel grown, Precision precision, CudaStream stream, int chains) {
        int[] integerData = grown.binding().integers();
        if (integerData.length != integerCount) {
            throw new IllegalArgumentException("the grown model has " + integerData.length + " integers, not "
                    + integerCount);
        }
        try (PinnedBuffer staging = new PinnedBuffer((long) integerCount * Integer.BYTES)) {
            stream.synchronize();
            staging.ints().put(0, integerData);
            integers.upload(staging, (long) integerCount * Integer.BYTES, stream);
            scratch.reallocate(grown.scratchBytes(chains, precision != Precision.FLOAT64));
            stream.synchronize();
        }
    }

    /** X ({@code rows x columns} row-major) in the chain state's precision, for the matrix products. */
    DeviceBuffer designMatrix() {
        if (designMatrix == null) {
            throw new IllegalStateException("the model has no design matrix");
        }
        return designMatrix;
    }

    /** Adds the data arguments ({@code integers}, {@code reals}) to a launch of one of the model's kernels. */
    KernelCall bind(KernelCall call) {
        call.pointer("integers", integers).pointer("reals", reals);
        return scratch == null ? call : call.pointer("scratch", scratch);
    }

    /**
     * Queues a copy of each chain's status after a generated model's last evaluation (0 done, 1 rejected, 2 a tape
     * was full, 3 fatal_error) into {@code host}'s ints.
     */
    void downloadStatuses(DeviceModel model, Precision precision, int chains, PinnedBuffer host, CudaStream stream) {
        scratch.download(model.statusOffset(chains, precision != Precision.FLOAT64), host,
                (long) chains * Integer.BYTES, stream);
    }

    @Override
    public void close() {
        try {
            if (designMatrix != null && designMatrix != reals) {
                designMatrix.close();
            }
            reals.close();
            if (scratch != null) {
                scratch.close();
            }
        } finally {
            integers.close();
        }
    }
}
