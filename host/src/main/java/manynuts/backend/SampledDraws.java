package manynuts.backend;

/**
 * The draws of one launch of the device state machine ({@link DeviceSampling}), up to {@link #slots()} per chain,
 * with each draw's sampler statistics and the lanes the launch paid for. Chains are block-local, draws in the
 * order the chain made them.
 *
 * <p>Layout, as the kernel writes it: {@code reals[(k * (2 * dimension + 5) + field) * chains + c]} for draw k of
 * chain c (its position, the end of its divergent step, then log density, summed Metropolis acceptance, kinetic
 * energy, energy error and step size), {@code counts[(k * 4 + field) * chains + c]} (iteration, tree depth,
 * leapfrog steps, ending).
 */
public final class SampledDraws {
    /** {@link #ending} of a tree that diverged. */
    public static final int DIVERGENT = -1;
    /** {@link #ending} of a tree that reached the maximum depth; a U-turn ends with its level, 1 or more. */
    public static final int MAX_DEPTH = 0;
    /** {@link #ending} of a step-size search whose step size left (0, 1e7] ({@link #stepSize}): no tree, no draw. */
    public static final int SEARCH_FAILED = -3;

    private static final int SCALARS = 5;
    private static final int COUNTS = 4;

    private final int chains;
    private final int dimension;
    private final int slots;
    private final int width;
    private final double[] reals;
    private final int[] counts;
    private final int[] made;
    private long steps;
    private long usefulSteps;
    private long paidSteps;
    private boolean finished;

    public SampledDraws(int chains, int dimension, int slots) {
        this.chains = chains;
        this.dimension = dimension;
        this.slots = slots;
        this.width = 2 * dimension + SCALARS;
        this.reals = new double[Math.toIntExact((long) slots * width * chains)];
        this.counts = new int[Math.toIntExact((long) slots * COUNTS * chains)];
        this.made = new int[chains];
    }

    /** The draws' reals in the kernel's layout, for the backend to fill. */
    public double[] realsTable() {
        return reals;
    }

    /** The draws' counters in the kernel's layout, for the backend to fill. */
    public int[] countsTable() {
        return counts;
    }

    /** Each chain's number of draws this launch, for the backend to fill. */
    public int[] madeTable() {
        return made;
    }

    /** Sets the launch's leapfrog steps over all chains, its lane counts and whether every chain is done. */
    public void endLaunch(long leapfrogSteps, long useful, long paid, boolean done) {
        steps = leapfrogSteps;
        usefulSteps = useful;
        paidSteps = paid;
        finished = done;
    }

    /** Draws per chain per launch, at most. */
    public int slots() {
        return slots;
    }

    /** The draws chain {@code c} made in this launch. */
    public int count(int c) {
        return made[c];
    }

    /** The leapfrog steps the chains took in this launch (each one gradient evaluation). */
    public long steps() {
        return steps;
    }

    /** Lane-steps that advanced a chain, summed over the launch's warps. */
    public long usefulSteps() {
        return usefulSteps;
    }

    /** Lane-steps paid for: each warp's lanes times the most steps any of them took. */
    public long paidSteps() {
        return paidSteps;
    }

    /** Whether every chain has made its last iteration: no launch follows. */
    public boolean finished() {
        return finished;
    }

    /** Copies draw {@code k}'s position of chain {@code c} to {@code out[offset..]}. */
    public void position(int c, int k, double[] out, int offset) {
        vector(c, k, 0, out, offset);
    }

    /** Copies the end of the divergent step of draw {@code k} of chain {@code c} (a divergent tree's only). */
    public void divergentPosition(int c, int k, double[] out, int offset) {
        vector(c, k, dimension, out, offset);
    }

    private void vector(int c, int k, int first, double[] out, int offset) {
        int base = (k * width + first) * chains + c;
        for (int d = 0; d < dimension; d++) {
            out[offset + d] = reals[base + d * chains];
        }
    }

    public double logDensity(int c, int k) {
        return scalar(c, k, 0);
    }

    /** The sum over the tree's leaves of min(1, exp(H0 - H)). */
    public double sumMetropolis(int c, int k) {
        return scalar(c, k, 1);
    }

    public double kinetic(int c, int k) {
        return scalar(c, k, 2);
    }

    /** H - H0 of the divergent step; 0 for a tree that did not diverge. */
    public double energyError(int c, int k) {
        return scalar(c, k, 3);
    }

    /** The step size of the tree (after the search that began its iteration, if any). */
    public double stepSize(int c, int k) {
        return scalar(c, k, 4);
    }

    private double scalar(int c, int k, int field) {
        return reals[(k * width + 2 * dimension + field) * chains + c];
    }

    /** The iteration (warm-up included) that made draw {@code k}. */
    public int iteration(int c, int k) {
        return count(c, k, 0);
    }

    public int depth(int c, int k) {
        return count(c, k, 1);
    }

    public int leapfrogSteps(int c, int k) {
        return count(c, k, 2);
    }

    /** {@link #DIVERGENT}, {@link #MAX_DEPTH}, {@link #SEARCH_FAILED}, or the level of the U-turn that ended it. */
    public int ending(int c, int k) {
        return count(c, k, 3);
    }

    private int count(int c, int k, int field) {
        return counts[(k * COUNTS + field) * chains + c];
    }
}
