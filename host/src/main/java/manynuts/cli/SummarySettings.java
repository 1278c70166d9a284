package manynuts.cli;

import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.run.RunRecord;
import picocli.CommandLine.Option;

/**
 * The summary's options, shared by every command that prints a summary table: the HDI's probability, nested R-hat's
 * superchains and how the pooled draws are ranked.
 */
final class SummarySettings {

    @Option(names = "--superchain-size", paramLabel = "K",
            description = "Add nested R-hat with K consecutive chains per superchain (K must divide the chains); "
                    + "0 or 1 (the default) means no superchains, a superchain of one chain being just a chain. "
                    + "sample also starts the chains of each superchain from one initial point; summary takes a "
                    + "sampled run's superchains unless given another K (0 or 1 to drop them).")
    private Integer superchainSize;

    @Option(names = "--hdi-prob", paramLabel = "P",
            description = "Probability inside the highest-density interval (default: 0.95, or for summary the "
                    + "run's).")
    private Double hdiProbability;

    @Option(names = "--ranks", paramLabel = "MODE", defaultValue = "auto",
            description = "How pooled draws are ranked for R-hat and bulk ESS: exact (a sort, 24 bytes per draw), "
                    + "binned (memory in proportion to the chains, ranks interpolated between sampled edges) or auto "
                    + "(exact unless the heap is short) (default: ${DEFAULT-VALUE}).")
    private String ranks;

    /** The options as given, for draws whose design is not known; a bad value is refused in one line. */
    SummaryOptions options() {
        SummaryOptions options = SummaryOptions.defaults()
                .withSuperchainSize(superchainSizeGiven())
                .withRanks(SummaryOptions.Ranks.parse(ranks));
        return hdiProbability != null ? options.withHdiProbability(hdiProbability) : options;
    }

    /**
     * K as given, 0 when not given; 1 becomes 0: superchains of one chain each are no superchains, in every command
     * alike (sample starts each chain from its own point either way). A negative K is left for the options to refuse.
     */
    private int superchainSizeGiven() {
        return superchainSize == null || superchainSize == 1 ? 0 : superchainSize;
    }

    /**
     * The options for {@code sample}, whose superchains of K chains start together (a nested design, which the run
     * gives its summary), so K of 2 or more must leave at least two superchains. Checked before any draw is made.
     */
    SummaryOptions optionsForSampling(int chains) {
        SummaryOptions options = options();
        int size = options.superchainSize();
        if (size == 0) {
            return options;
        }
        requireSuperchainsDivide(options, chains);
        if (chains / size < 2) {
            throw new UsageException("--superchain-size " + size + " leaves fewer than two superchains of the "
                    + chains + " chains");
        }
        return options;
    }

    /**
     * The options for a sampled run: what is given here, else what the run was given (its HDI probability, and its
     * superchains as a nested design).
     */
    SummaryOptions optionsFor(RunRecord run) {
        SummaryOptions given = options();
        SummaryOptions recorded = run.summaryOptions();
        SummaryOptions options = hdiProbability != null ? given
                : given.withHdiProbability(recorded.hdiProbability());
        if (superchainSize == null || superchainSizeGiven() == recorded.superchainSize()) {
            return recorded.nestedDesign() ? options.withNestedDesign(recorded.superchainSize()) : options;
        }
        requireSuperchainsDivide(options, run.chains());
        return options;
    }

    /** Refuses superchains that do not divide {@code chains}, before any draw is made or summarised. */
    static void requireSuperchainsDivide(SummaryOptions options, int chains) {
        if (options.superchainSize() > 0 && chains % options.superchainSize() != 0) {
            throw new UsageException("--superchain-size " + options.superchainSize() + " does not divide " + chains
                    + " chains");
        }
    }
}
