package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static manynuts.backend.cuda.CudaFailure.check;

import java.util.Locale;
import manynuts.backend.Precision;

/**
 * The device memory a block of chains takes, counted from what {@link CudaChainBlock} allocates: per chain, the
 * staged arguments and results, the 14 state vectors and the U-turn checkpoints (3 per tree level), a split model's
 * linear predictor and gradient, a generated model's scratch (workspace and tapes); per block, the model's data.
 * {@link CudaBackend#checkCapacity} refuses a run that does not fit before anything is allocated.
 *
 * @param perChain bytes each chain adds
 * @param perBlock bytes each block takes whatever its chains (the model's data, uploaded once per block)
 */
record DeviceFootprint(long perChain, long perBlock) {
    /** The state vectors of the dimension every block holds per chain (CudaChainBlock's list). */
    static final int STATE_VECTORS = 14;
    /** Checkpoint vectors per tree level: momentum, sum before, previous momentum. */
    static final int CHECKPOINT_VECTORS = 3;
    /** Room the driver and the allocator's rounding keep for themselves: of the free memory, this share is used. */
    static final double USABLE = 0.9;

    static DeviceFootprint of(DeviceModel model, int maxDepth, Precision precision) {
        long dimension = model.dimension();
        long real = precision.bytes();
        long staged = 4L * Integer.BYTES + dimension * Double.BYTES + Integer.BYTES
                + Math.max(2, dimension) * Double.BYTES;
        long state = real * dimension * (STATE_VECTORS + (long) CHECKPOINT_VECTORS * (maxDepth + 1));
        long split = model.split()
                ? real * model.design().rows() + Double.BYTES + real * dimension
                : 0;
        long scratch = model.scratchBytes(1, precision != Precision.FLOAT64);
        long data = (long) model.binding().integers().length * Integer.BYTES
                + (long) model.binding().reals().length * Double.BYTES;
        if (model.split() && precision != Precision.FLOAT64) {
            data += real * model.design().rows() * model.design().columns();
        }
        return new DeviceFootprint(staged + state + split + scratch, data);
    }

    /**
     * This footprint with the device state machine's memory ({@link #samplingBytes}) at its most per chain: a warp's
     * worth at the largest number of slots, which no block exceeds (large blocks take fewer slots), and a warp's
     * counters more per block. What a run that builds its trees on the device takes, at most.
     */
    DeviceFootprint withSampling(DeviceModel model) {
        int warp = CudaDeviceSampling.WARP;
        long sampling = samplingBytes(model, warp);
        return new DeviceFootprint(perChain + (sampling + warp - 1) / warp, perBlock + 4L * Integer.BYTES);
    }

    /**
     * The device state machine's memory for a block of {@code chains} ({@link CudaDeviceSampling}): each chain's
     * counters and scalars, and two sets of output tables of its slots of draws (positions, divergent steps' ends,
     * scalars and counters, plus three rows for the launch), two counters per warp and the start tables of chains
     * handed over. None for a split model.
     */
    static long samplingBytes(DeviceModel model, long chains) {
        if (model.split()) {
            return 0;
        }
        int slots = CudaDeviceSampling.slots(model.dimension(), chains);
        long warps = (chains + CudaDeviceSampling.WARP - 1) / CudaDeviceSampling.WARP;
        long perSet = CudaDeviceSampling.drawsBytes(slots, model.dimension(), chains)
                + CudaDeviceSampling.countsBytes(slots, chains)
                + 2 * warps * Integer.BYTES
                + chains * (CudaDeviceSampling.START_COUNTS * Integer.BYTES
                        + CudaDeviceSampling.START_SCALARS * Double.BYTES);
        return chains * ((long) CudaDeviceSampling.COUNTERS * Integer.BYTES
                + (long) CudaDeviceSampling.SCALARS * Double.BYTES) + 2 * perSet;
    }

    /** Bytes of {@code chains} chains in blocks of at most {@code blockSize}. */
    long bytes(long chains, int blockSize) {
        long blocks = (chains + blockSize - 1) / blockSize;
        return chains * perChain + blocks * perBlock;
    }

    /** The most chains that fit in {@code free} bytes (of which {@link #USABLE} is used) in blocks of {@code blockSize}. */
    long chainsThatFit(long free, int blockSize) {
        long usable = (long) (free * USABLE);
        long chains = Math.max(0, usable / perChain);
        while (chains > 0 && bytes(chains, blockSize) > usable) {
            chains -= Math.max(1, (bytes(chains, blockSize) - usable + perChain - 1) / perChain);
        }
        return Math.max(0, chains);
    }

    /** Free bytes of the current context's device. */
    static long free() {
        long[] free = {0};
        long[] total = {0};
        check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return free[0];
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
