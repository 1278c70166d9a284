package manynuts.nuts;

/**
 * The arguments and results of the block operations of one global step, indexed by chain, with the lists of
 * chains each operation touches. Reused every step, so a step allocates nothing.
 */
final class StepBuffers {
    /** Each chain's step size for this step, negative backward in time, zero for a chain that does not move. */
    final double[] signedStepSize;
    /** Log density and kinetic energy at the new frontier; the kinetic energy of a new momentum. */
    final double[] logDensity;
    final double[] kinetic;
    /** Per leaf: whether it becomes the proposal, the subtree levels it closes and the popcount of its index. */
    final boolean[] takeLeaf;
    final int[] levels;
    final int[] popcount;
    /** The first level whose U-turn criterion failed inside the subtree, or 0. */
    final int[] failedLevel;
    /** Per merge into the tree: whether the subtree's proposal becomes the draw, and whether the tree goes on. */
    final boolean[] take;
    final boolean[] persist;
    /** Per new doubling: whether the frontier swaps ends because the direction changed. */
    final boolean[] swap;
    /** Per new trajectory: the random-number event of its momentum. */
    final long[] event;

    /** Chains whose leaf enters the subtree checks ({@code afterLeaf}). */
    final ChainList leaves;
    /** Chains whose doubling is complete and merges into the tree ({@code mergeIntoTree}). */
    final ChainList subtreesDone;
    /** Chains that start a doubling at the end of this step ({@code beginSubtree}). */
    final ChainList doublings;
    /** Chains whose tree ended this step, in the order their draws are read. */
    final ChainList ended;
    /** Chains whose tree ended in a divergence this step. */
    final ChainList divergent;
    /** Chains that start a trajectory (a tree or a step-size search trial) ({@code beginTrajectory}). */
    final ChainList trajectories;

    StepBuffers(int chains) {
        signedStepSize = new double[chains];
        logDensity = new double[chains];
        kinetic = new double[chains];
        takeLeaf = new boolean[chains];
        levels = new int[chains];
        popcount = new int[chains];
        failedLevel = new int[chains];
        take = new boolean[chains];
        persist = new boolean[chains];
        swap = new boolean[chains];
        event = new long[chains];
        leaves = new ChainList(chains);
        subtreesDone = new ChainList(chains);
        doublings = new ChainList(chains);
        ended = new ChainList(chains);
        divergent = new ChainList(chains);
        trajectories = new ChainList(chains);
    }
}
