package manynuts.backend;

import java.util.Optional;

/**
 * The fused vector operations of the batched NUTS state machine over one block of chains.
 *
 * <p>The block owns every vector of chain state: the current draw (position and gradient), the two ends of
 * each chain's trajectory, the frontier end being extended ({@code F}) and the opposite end ({@code O}), the
 * momentum sums, the U-turn checkpoints and the multinomial proposals. The tree logic above it sees only
 * per-chain scalars; each method here is one possible kernel launch. Chains are numbered {@code 0..chains-1}
 * inside the block; a list argument names the chains an operation touches ({@code count} entries).
 *
 * <p>Checkpoints are indexed by the popcount of the leaf that starts a pending subtree (the iterative U-turn
 * scheme of NumPyro and BlackJAX): slot {@code s} holds that leaf's momentum, the momentum sum before it and
 * the momentum of the leaf before it. Only leaves with an even index start pending subtrees, so only they are
 * stored. Proposals are sampled leaf by leaf (multinomial sampling, progressive within a doubling), so one
 * subtree proposal per chain is kept.
 */
public interface ChainBlock extends AutoCloseable {

    int chains();

    int dimension();

    /**
     * Sets the current draw of the listed chains and evaluates the log density and gradient there.
     *
     * @param positions  not modified: {@code positions[i * dimension + d]} for the i-th listed chain
     * @param logDensity modified: {@code logDensity[chain]}
     * @param finite     modified: whether the log density and every gradient coordinate are finite
     */
    void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite);

    /** Sets the diagonal of the inverse mass matrix of the listed chains ({@code values[i * dimension + d]}). */
    void setInverseMetric(int[] list, int count, double[] values);

    /**
     * Starts a trajectory at the current draw: F = O = draw, momentum ~ N(0, M) from the chain's Philox stream
     * for {@code event[chain]}, tree momentum sum = momentum, subtree momentum sum = 0.
     *
     * @param kinetic modified: {@code kinetic[chain]}, the kinetic energy of the new momentum
     */
    void beginTrajectory(int[] list, int count, long[] event, double[] kinetic);

    /**
     * Starts a new doubling: swaps F and O for chains with {@code swap[chain]}, resets the subtree momentum
     * sum to zero.
     */
    void beginSubtree(int[] list, int count, boolean[] swap);

    /**
     * One leapfrog step of the frontier of every chain with its own signed step size, adding the new momentum
     * to the subtree's momentum sum and keeping the momentum before the step. A chain with step size zero is not
     * moving (done, or waiting for a pooled update): its frontier and outputs are unspecified afterwards, and a
     * backend may skip it.
     *
     * @param logDensity modified: log density at the new frontier
     * @param kinetic    modified: kinetic energy at the new frontier
     * @return the chain-steps this backend paid for: chains computed, idle or not
     */
    int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic);

    /**
     * After a leaf: where {@code takeLeaf[chain]}, the leaf becomes the subtree's proposal. A leaf with
     * {@code levels[chain] = 0} (an even leaf index) starts a pending subtree: its momentum, the momentum sum
     * before it and the momentum before it go to checkpoint {@code popcount[chain]}. A leaf with t levels closes
     * subtrees: at levels k = 1..t the pending subtree at checkpoint {@code pc - k} merges with the one to its
     * right, under Stan's generalised U-turn criterion and its two extra checks across the merged halves.
     *
     * @param failedLevel modified: the first level whose criterion failed, or 0
     */
    void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf, int[] failedLevel);

    /**
     * Merges each listed chain's completed subtree into its trajectory: the draw becomes the subtree's proposal
     * where {@code take[chain]}, the tree momentum sum absorbs the subtree's, and the criterion across the old
     * tree and the new subtree is evaluated. The extra checks pair each part with the other's adjacent end
     * point: for the old tree that is its end next to the new subtree. (Stan's code takes the first point of the
     * latest subtree built in that direction instead, which makes the stopping rule depend on the order in which
     * the tree was built; here it depends on the tree alone, as inside subtrees.)
     *
     * @param persist modified: whether the merged trajectory still satisfies the no-U-turn criterion
     */
    void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist);

    /** Copies the current draw's position of the listed chains to {@code out[i * dimension + d]}. */
    void readDraw(int[] list, int count, double[] out);

    /** Copies the frontier position (where a divergent step ended) to {@code out[i * dimension + d]}. */
    void readFrontier(int[] list, int count, double[] out);

    /**
     * The device state machine of this block, where its backend runs whole transitions on the device (for the chains'
     * iterations after warm-up); empty where the host builds every tree.
     */
    default Optional<DeviceSampling> deviceSampling() {
        return Optional.empty();
    }

    @Override
    void close();
}
