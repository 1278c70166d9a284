package manynuts.nuts;

/**
 * Lane utilisation of the batched leapfrog as a GPU pays for it, whatever the backend: the CUDA backend launches
 * one thread per chain of a block over all of them, chains that do not move included (step size zero), so a warp of
 * 32 consecutive block-local chains costs its 32 lanes whenever any of its chains moves, and nothing when none does.
 * A block's last warp, when partial, is counted with the chains it has. The other operations of a step launch over
 * compacted lists of the chains they touch, so they waste no lanes beyond a launch's last warp.
 */
final class WarpLanes {
    /** Threads per warp on every CUDA device. */
    static final int WARP_SIZE = 32;

    private long usefulSteps;
    private long paidSteps;

    /**
     * Counts one global step of {@code chains} chains, where chain {@code c} moves when {@code signedStepSize[c]}
     * is not zero (the rule of {@link manynuts.backend.ChainBlock#leapfrog}).
     *
     * @param signedStepSize not modified
     */
    void count(double[] signedStepSize, int chains) {
        for (int first = 0; first < chains; first += WARP_SIZE) {
            int end = Math.min(chains, first + WARP_SIZE);
            int moving = 0;
            for (int c = first; c < end; c++) {
                if (signedStepSize[c] != 0.0) {
                    moving++;
                }
            }
            if (moving > 0) {
                usefulSteps += moving;
                paidSteps += end - first;
            }
        }
    }

    /** Adds lane-steps counted elsewhere: by the device state machine's kernel, per warp. */
    void add(long useful, long paid) {
        usefulSteps += useful;
        paidSteps += paid;
    }

    /** Chain-steps that advanced a chain. */
    long usefulSteps() {
        return usefulSteps;
    }

    /** Lane-steps paid for: every lane of each warp with a moving chain, at every global step. */
    long paidSteps() {
        return paidSteps;
    }
}
