package manynuts.nuts;

/**
 * What a transition of the tree state machine did to a chain's trajectory: it goes on, or it ended because the
 * trajectory turned back, a step diverged, or the tree reached the maximum depth. The instances without
 * per-tree data are shared, so that telling a chain its tree goes on allocates nothing.
 */
sealed interface TreeOutcome permits TreeOutcome.Continued, TreeOutcome.UTurn, TreeOutcome.Divergent,
        TreeOutcome.MaxDepth {

    /** The trajectory goes on: its next leaf, or its next doubling. */
    TreeOutcome CONTINUED = new Continued();

    /** The tree reached the maximum depth with no U-turn and no divergence. */
    TreeOutcome MAX_DEPTH = new MaxDepth();

    /** Whether the trajectory has ended. */
    default boolean ended() {
        return true;
    }

    record Continued() implements TreeOutcome {
        @Override
        public boolean ended() {
            return false;
        }
    }

    /**
     * The generalised U-turn criterion (or one of Stan's two extra checks) failed when two halves of
     * {@code 2^(level - 1)} leaves each merged: at the merge of a finished doubling into the tree, {@code level}
     * is the tree's depth (treedepth__); inside the doubling being built, it is at most the depth, which that
     * doubling did not add to.
     */
    record UTurn(int level) implements TreeOutcome {
        private static final UTurn[] AT_LEVEL = new UTurn[manynuts.rng.RandomStreams.MAX_TREE_DEPTH + 2];

        static {
            for (int level = 0; level < AT_LEVEL.length; level++) {
                AT_LEVEL[level] = new UTurn(level);
            }
        }

        /** The shared instance for {@code level}. */
        static UTurn at(int level) {
            return AT_LEVEL[level];
        }
    }

    /** A leapfrog step's energy error passed 1000 or was not finite (Stan's rule); {@code energyError} is H - H0. */
    record Divergent(double energyError) implements TreeOutcome {
    }

    record MaxDepth() implements TreeOutcome {
    }
}
