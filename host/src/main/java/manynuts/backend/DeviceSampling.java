package manynuts.backend;

/**
 * A chain block that runs whole NUTS transitions on its device: the tree state machine of {@code manynuts.nuts},
 * many leapfrog steps per launch, each chain on its own, with no host round trip inside a tree. The host sees
 * per-chain scalars only at draw boundaries, in blocks. The draws equal those of the trees the host builds through
 * {@link ChainBlock}'s operations: the same random choices, operations and order.
 *
 * <p>Each chain runs until its own stop iteration, then parks on the device until the host hands it over again: a
 * chain past warm-up gets its remaining iterations at once; a warm-up chain gets one iteration at a time, and between
 * two the host adapts its step size (and metric) to the draw it read.
 */
public interface DeviceSampling {

    /**
     * Hands the listed chains to the device at the start of their iteration {@code iteration[c]}, each with its step
     * size and its current draw's log density (the draw itself is the block's); each runs until it reaches
     * {@code stopIteration[c]}, then parks. Where {@code searchFirst[c]}, the iteration begins with Stan's step-size
     * search from that step size, and its draw reports the step size found ({@link SampledDraws#stepSize}). A chain
     * must not be on the device, or be parked there with its last draw read ({@link #next}), and must be before its
     * stop iteration: a chain handed over makes at least one draw. They start with the next launch that
     * {@link #next} queues.
     *
     * @param iteration      not modified
     * @param stepSize       not modified
     * @param drawLogDensity not modified
     * @param stopIteration  not modified
     * @param searchFirst    not modified
     */
    void start(int[] list, int count, int[] iteration, double[] stepSize, double[] drawLogDensity,
            int[] stopIteration, boolean[] searchFirst);

    /**
     * The draws of the started chains' next launch, valid until the next call. Unless {@code handingBack}, the launch
     * after it is already under way while the caller reads them (chains handed over meanwhile start in the launch
     * after that one); with {@code handingBack} (the caller hands chains that park after each draw back before the
     * next launch) nothing is queued ahead, and the launch's step budget is about one draw's.
     * {@link SampledDraws#finished()} once every chain handed over has parked and none is waiting to start.
     */
    SampledDraws next(boolean handingBack);
}
