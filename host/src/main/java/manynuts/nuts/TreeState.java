package manynuts.nuts;

/**
 * The scalars of each chain's tree under way, structure-of-arrays (index: the chain in its block); the vectors
 * (frontier, opposite end, momentum sums, U-turn checkpoints, proposal) are the block's.
 */
final class TreeState {
    /** Doublings merged into the tree so far; the doubling being built has {@code 2^depth} leaves. */
    final int[] depth;
    /** The index of the next leaf within the doubling being built. */
    final int[] leaf;
    /** Whether the doubling being built extends the trajectory forward in time. */
    final boolean[] forward;
    /** The key of the tree's random choices ({@link manynuts.rng.RandomStreams#treeKey}). */
    final long[] treeKey;
    /** H0: the energy at the start of the trajectory. */
    final double[] initialEnergy;
    /** log of the summed multinomial weights exp(H0 - H) of the leaves merged into the tree. */
    final double[] treeLogWeight;
    /** log of the summed weights of the doubling being built. */
    final double[] subtreeLogWeight;
    /** Sum over leaves of min(1, exp(H0 - H)), for accept_stat__. */
    final double[] sumMetropolis;
    final int[] leapfrogSteps;
    /** How the tree ended, or {@link TreeOutcome#CONTINUED} while it goes on. */
    final TreeOutcome[] ending;
    /** Where a divergent tree's last step ended, for divergences.csv; null otherwise. */
    final double[][] divergentPosition;

    /** The log density and kinetic energy of the draw, and of the proposal of the doubling being built. */
    final double[] drawLogDensity;
    final double[] drawKinetic;
    final double[] proposalLogDensity;
    final double[] proposalKinetic;

    TreeState(int chains) {
        depth = new int[chains];
        leaf = new int[chains];
        forward = new boolean[chains];
        treeKey = new long[chains];
        initialEnergy = new double[chains];
        treeLogWeight = new double[chains];
        subtreeLogWeight = new double[chains];
        sumMetropolis = new double[chains];
        leapfrogSteps = new int[chains];
        ending = new TreeOutcome[chains];
        java.util.Arrays.fill(ending, TreeOutcome.CONTINUED);
        divergentPosition = new double[chains][];
        drawLogDensity = new double[chains];
        drawKinetic = new double[chains];
        proposalLogDensity = new double[chains];
        proposalKinetic = new double[chains];
    }

    /** The mean Metropolis acceptance over the tree's leaves (Stan's accept_stat__); 0 before any leaf. */
    double acceptStat(int c) {
        return leapfrogSteps[c] > 0 ? sumMetropolis[c] / leapfrogSteps[c] : 0.0;
    }

    /** H of the draw, Stan's energy__. */
    double drawEnergy(int c) {
        return -drawLogDensity[c] + drawKinetic[c];
    }
}
