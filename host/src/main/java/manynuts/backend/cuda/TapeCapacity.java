package manynuts.backend.cuda;

import java.util.SplittableRandom;

/**
 * The tape capacity of a Stan program's generated kernels: each chain's tapes have a fixed size in the device's
 * scratch, and a chain whose tape is full reports it (status 2) instead of a log density. Before a block is
 * allocated, the program is evaluated at the origin and at random points in (-2, 2) with tapes of 256 slots, four
 * times more until every evaluation fits, and the block gets twice what sufficed.
 *
 * <p>A program whose tape use depends on the point (a while loop over parameters, a branch that saves more on one
 * side) can still fill its tapes later in a run; the block then grows them ({@code CudaChainBlock}) and finishes the
 * step.
 */
final class TapeCapacity {
    private static final int POINTS = 8;
    private static final int FIRST = 256;
    /** The most slots a tape is given, at the probe or as it grows in a run. */
    static final int LARGEST = 1 << 24;
    private static final int TAPE_FULL = 2;

    private TapeCapacity() {
    }

    /** {@code model} with tapes large enough for its probe points, doubled. */
    static DeviceModel of(DeviceKernels kernels, DeviceModel model) {
        int dimension = model.dimension();
        double[] positions = new double[dimension * POINTS];
        SplittableRandom random = new SplittableRandom(dimension);
        for (int d = 0; d < dimension; d++) {
            for (int c = 1; c < POINTS; c++) {
                positions[d * POINTS + c] = 4.0 * random.nextDouble() - 2.0;
            }
        }
        double[] logDensity = new double[POINTS];
        double[] gradient = new double[dimension * POINTS];
        for (int tape = FIRST; tape <= LARGEST; tape *= 4) {
            DeviceModel sized = model.withTape(tape);
            try (DeviceLogDensity probe = new DeviceLogDensity(kernels, sized, POINTS)) {
                probe.evaluate(positions, logDensity, gradient);
                boolean full = false;
                for (int status : probe.statuses()) {
                    full |= status == TAPE_FULL;
                }
                if (!full) {
                    return model.withTape(2 * tape);
                }
            }
        }
        throw new IllegalArgumentException(model.kernelPrefix() + ": the tapes need more than " + LARGEST
                + " slots per chain");
    }
}
