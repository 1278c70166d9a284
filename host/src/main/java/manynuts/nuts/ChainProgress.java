package manynuts.nuts;

import java.util.Arrays;

/**
 * Where each chain of a block stands between iterations, structure-of-arrays: what it is doing, the iteration it
 * is in, and when it ended its warm-up and its last iteration.
 */
final class ChainProgress {
    /** What a chain is doing; only searching and tree-building chains take leapfrog steps. */
    enum Mode {
        /** Stan's init_stepsize: one leapfrog step per trial until the acceptance crosses 0.8. */
        SEARCH,
        /** Building the NUTS tree of its current iteration. */
        TREE,
        /** At the end of a warm-up window, waiting for the metric pooled over every chain. */
        WAITING,
        /**
         * Its trees built on the device ({@link manynuts.backend.DeviceSampling}): past warm-up, to its last
         * iteration; in warm-up (unless the metric is pooled), one iteration at a time, back to the host after each.
         */
        ON_DEVICE,
        /** Every iteration made. */
        DONE;

        boolean moving() {
            return this == SEARCH || this == TREE;
        }
    }

    /** {@link System#nanoTime()} of an event this run did not see happen (a resumed chain already past it). */
    static final long NOT_TIMED = Long.MIN_VALUE;

    final Mode[] mode;
    /** Whether the chain's iteration, on the device, begins with a step-size search. */
    final boolean[] searchFirst;
    /** The iteration under way, warm-up included; its tree's and search's random numbers are keyed by it. */
    final int[] iteration;
    /** {@link System#nanoTime()} at the end of the chain's warm-up, or {@link #NOT_TIMED}. */
    final long[] warmupEnded;
    /** {@link System#nanoTime()} at the end of the chain's last iteration, or {@link #NOT_TIMED}. */
    final long[] samplingEnded;

    ChainProgress(int chains) {
        mode = new Mode[chains];
        searchFirst = new boolean[chains];
        Arrays.fill(mode, Mode.SEARCH);
        iteration = new int[chains];
        warmupEnded = new long[chains];
        samplingEnded = new long[chains];
        Arrays.fill(warmupEnded, NOT_TIMED);
        Arrays.fill(samplingEnded, NOT_TIMED);
    }

    boolean anyIn(Mode wanted) {
        for (Mode m : mode) {
            if (m == wanted) {
                return true;
            }
        }
        return false;
    }

    boolean anyMoving() {
        for (Mode m : mode) {
            if (m.moving()) {
                return true;
            }
        }
        return false;
    }
}
