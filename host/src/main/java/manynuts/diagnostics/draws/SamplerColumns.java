package manynuts.diagnostics.draws;

/**
 * The sampler's columns of a draws file that its warnings read: Stan-style per-draw statistics after warm-up, each
 * [chain][draw]; any may be null when not recorded. (The sampler's own per-draw record is {@code nuts.SamplerStats}.)
 *
 * @param divergent 1 where the trajectory diverged ({@code divergent__})
 * @param treeDepth tree depth of each draw ({@code treedepth__})
 * @param energy Hamiltonian at each draw ({@code energy__})
 * @param stepSize step size used for each draw ({@code stepsize__})
 */
public record SamplerColumns(double[][] divergent, double[][] treeDepth, double[][] energy, double[][] stepSize) {

    /** The statistics among a file's sampler columns, null where a column is absent. */
    public static SamplerColumns of(PosteriorDraws sampler) {
        return new SamplerColumns(column(sampler, "divergent__"), column(sampler, "treedepth__"),
                column(sampler, "energy__"), column(sampler, "stepsize__"));
    }

    private static double[][] column(PosteriorDraws sampler, String name) {
        return sampler.variables().contains(name) ? sampler.of(name) : null;
    }

    /** Draws whose tree depth reached {@code maxTreeDepth}; 0 when tree depth was not recorded. */
    public long saturatedTreeDepth(int maxTreeDepth) {
        long saturated = 0;
        if (treeDepth != null) {
            for (double[] chain : treeDepth) {
                for (double depth : chain) {
                    if (depth >= maxTreeDepth) {
                        saturated++;
                    }
                }
            }
        }
        return saturated;
    }

    /** True when no statistic was recorded. */
    public boolean isEmpty() {
        return divergent == null && treeDepth == null && energy == null && stepSize == null;
    }
}
