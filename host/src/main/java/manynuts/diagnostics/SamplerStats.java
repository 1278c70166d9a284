package manynuts.diagnostics;

/**
 * Stan-style per-draw sampler statistics after warm-up, each [chain][draw]; any may be null when not recorded.
 *
 * @param divergent 1 where the trajectory diverged ({@code divergent__})
 * @param treeDepth tree depth of each draw ({@code treedepth__})
 * @param energy Hamiltonian at each draw ({@code energy__})
 * @param stepSize step size used for each draw ({@code stepsize__})
 */
public record SamplerStats(double[][] divergent, double[][] treeDepth, double[][] energy, double[][] stepSize) {

    /** True when no statistic was recorded. */
    public boolean isEmpty() {
        return divergent == null && treeDepth == null && energy == null && stepSize == null;
    }
}
