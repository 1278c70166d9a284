package manynuts.backend;

/**
 * A chain block that runs whole NUTS transitions on its device: the tree state machine of {@code manynuts.nuts}
 * for chains past warm-up (their step size and metric fixed), many leapfrog steps per launch, each chain on its own,
 * with no host round trip inside a tree. The host sees per-chain scalars only at draw boundaries, in blocks. The
 * draws equal those of the trees the host builds through {@link ChainBlock}'s operations: the same random choices,
 * operations and order.
 */
public interface DeviceSampling {

    /**
     * Hands the listed chains to the device at the start of their iteration {@code iteration[c]}, each with its step
     * size and its current draw's log density (the draw itself is the block's); they run until {@code lastIteration}.
     * Chains already there are done at once.
     *
     * @param iteration      not modified
     * @param stepSize       not modified
     * @param drawLogDensity not modified
     */
    void start(int[] list, int count, int[] iteration, double[] stepSize, double[] drawLogDensity, int lastIteration);

    /**
     * The draws of the started chains' next launch, valid until the next call; the launch after it is already under
     * way while the caller reads them. {@link SampledDraws#finished()} once every chain made its last iteration.
     */
    SampledDraws next();
}
