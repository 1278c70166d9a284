package manynuts.diagnostics.summary;

import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.order.HighestDensityInterval;

/**
 * Settings for a summary.
 *
 * @param hdiProbability share of draws inside the highest-density interval, e.g. 0.95
 * @param superchainSize chains per superchain for nested R-hat, or 0 for none
 * @param threads worker threads, one workspace each; 0 means one per available processor
 * @param ranks how the pooled draws are ranked for the rank-normalised R-hat and bulk ESS
 * @param nestedDesign the chains of each superchain started from one point (Margossian et al. 2024), so that nested
 *     R-hat, not R-hat, judges whether they have mixed; known for runs {@code sample} made with superchains, not for
 *     draws from elsewhere
 */
public record SummaryOptions(double hdiProbability, int superchainSize, int threads, Ranks ranks,
        boolean nestedDesign) {

    /**
     * How the pooled draws are ranked. Exact ranks sort each parameter's draws, 24 bytes of working memory per draw;
     * binned ranks read them off a histogram whose edges are a sample of the draws
     * ({@link manynuts.diagnostics.order.BinnedOrder}), in memory proportional to the chains, exact for draws equal
     * to an edge and in both tails and interpolated in between.
     * Every other statistic (quantiles, median, MAD, HDI, tail ESS, the MCSEs, the basic R-hat and ESS) is exact either
     * way.
     */
    public enum Ranks {
        EXACT,
        BINNED,
        /**
         * Exact, unless a parameter has more than {@link #AUTO_BINNED_DRAWS} draws and the heap cannot give exact
         * ranks' working memory to every worker (see {@link Summaries}).
         */
        AUTO;

        /** Draws per parameter up to which {@link #AUTO} always ranks exactly: 2,048 chains of 1,024 draws. */
        public static final int AUTO_BINNED_DRAWS = 1 << 21;

        /** Reads {@code exact}, {@code binned} or {@code auto}, in any case. */
        public static Ranks parse(String name) {
            for (Ranks ranks : values()) {
                if (ranks.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return ranks;
                }
            }
            throw new DiagnosticsInputException("--ranks must be exact, binned or auto, got '" + name + "'");
        }
    }

    public SummaryOptions {
        HighestDensityInterval.checkProbability(hdiProbability);
        if (superchainSize < 0) {
            throw new DiagnosticsInputException("superchain size must not be negative, got " + superchainSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative");
        }
        java.util.Objects.requireNonNull(ranks, "ranks");
        if (nestedDesign && superchainSize < 2) {
            throw new IllegalArgumentException("a nested design needs superchains of two or more chains");
        }
    }

    /** 95 % HDI, no nested R-hat, all processors, ranks chosen by the memory at hand, a design not known. */
    public static SummaryOptions defaults() {
        return new SummaryOptions(0.95, 0, 0, Ranks.AUTO, false);
    }

    public SummaryOptions withHdiProbability(double probability) {
        return new SummaryOptions(probability, superchainSize, threads, ranks, nestedDesign);
    }

    /** Superchains of {@code size} chains, of a design not known. */
    public SummaryOptions withSuperchainSize(int size) {
        return new SummaryOptions(hdiProbability, size, threads, ranks, false);
    }

    /** Superchains of {@code size} chains, each of which started from one point. */
    public SummaryOptions withNestedDesign(int size) {
        return new SummaryOptions(hdiProbability, size, threads, ranks, true);
    }

    public SummaryOptions withThreads(int count) {
        return new SummaryOptions(hdiProbability, superchainSize, count, ranks, nestedDesign);
    }

    public SummaryOptions withRanks(Ranks mode) {
        return new SummaryOptions(hdiProbability, superchainSize, threads, mode, nestedDesign);
    }
}
