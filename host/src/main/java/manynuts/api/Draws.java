package manynuts.api;

import java.util.List;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.output.RunDraws;
import manynuts.output.RunSummary;

/**
 * Every draw of a finished run, held in memory: each column (the model's outputs, then Stan's sampler statistics)
 * as {@code [chain][draw]}.
 */
public final class Draws {

    private final RunDraws draws;
    private final int maxDepth;
    private final int superchainSize;
    private final int threads;
    private final RunInfo info;

    Draws(RunDraws draws, int maxDepth, int superchainSize, int threads, RunInfo info) {
        this.draws = draws;
        this.maxDepth = maxDepth;
        this.superchainSize = superchainSize;
        this.threads = threads;
        this.info = info;
    }

    /** The columns, in order: {@link PosteriorModel#columns()}. */
    public List<String> columns() {
        return List.copyOf(draws.columns().keySet());
    }

    /** The number of chains. */
    public int chains() {
        return draws.chains();
    }

    /** The number of draws per chain, after warm-up and thinning. */
    public int drawsPerChain() {
        return draws.draws();
    }

    /**
     * One column's draws as {@code [chain][draw]}: a copy, which the caller may modify.
     *
     * @throws IllegalArgumentException if there is no column of that name
     */
    public double[][] of(String column) {
        double[][] values = draws.column(column);
        double[][] copy = new double[values.length][];
        for (int chain = 0; chain < values.length; chain++) {
            copy[chain] = values[chain].clone();
        }
        return copy;
    }

    /** What the run cost and ended with. */
    public RunInfo info() {
        return info;
    }

    /** The summary with a 95 % highest-density interval, as the command line computes it. */
    public Summary summary() {
        return summary(SummaryOptions.defaults().hdiProbability());
    }

    /**
     * The summary with a highest-density interval of the given probability.
     *
     * @param hdiProbability in (0, 1)
     * @throws IllegalArgumentException for a probability outside (0, 1)
     */
    public Summary summary(double hdiProbability) {
        SummaryOptions options = SummaryOptions.defaults().withHdiProbability(hdiProbability).withThreads(threads);
        if (superchainSize > 1) {
            options = options.withNestedDesign(superchainSize);
        }
        return new Summary(RunSummary.of(draws, maxDepth, options));
    }
}
