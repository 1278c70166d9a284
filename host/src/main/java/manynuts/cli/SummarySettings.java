package manynuts.cli;

import manynuts.diagnostics.SummaryOptions;
import picocli.CommandLine.Option;

/**
 * The summary's options, shared by every command that prints a summary table: the HDI's probability, nested R-hat's
 * superchains and how the pooled draws are ranked.
 */
final class SummarySettings {

    @Option(names = "--superchain-size", paramLabel = "K",
            description = "Add nested R-hat with K consecutive chains per superchain (K must divide the chains); "
                    + "sample also starts the chains of each superchain from one initial point, and summary and "
                    + "report take a sampled run's superchains unless told otherwise.")
    private Integer superchainSize;

    @Option(names = "--hdi-prob", paramLabel = "P", defaultValue = "0.95",
            description = "Probability inside the highest-density interval (default: ${DEFAULT-VALUE}).")
    private double hdiProbability;

    @Option(names = "--ranks", paramLabel = "MODE", defaultValue = "auto",
            description = "How pooled draws are ranked for R-hat and bulk ESS: exact (a sort, 24 bytes per draw), "
                    + "binned (memory in proportion to the chains, ranks interpolated between sampled edges) or auto "
                    + "(exact unless the heap is short) (default: ${DEFAULT-VALUE}).")
    private String ranks;

    /** The options as given; a bad value is refused with a one-line message. */
    SummaryOptions options() {
        return options(0);
    }

    /**
     * The options as given, with {@code recordedSuperchainSize} (a run's superchains, or 0 for none) unless
     * {@code --superchain-size} was given.
     */
    SummaryOptions options(int recordedSuperchainSize) {
        return SummaryOptions.defaults().withHdiProbability(hdiProbability)
                .withSuperchainSize(superchainSize != null ? superchainSize : recordedSuperchainSize)
                .withRanks(SummaryOptions.Ranks.parse(ranks));
    }


    /** Refuses superchains that do not divide {@code chains}, before any draw is made or read. */
    static void requireSuperchainsDivide(SummaryOptions options, int chains) {
        if (options.superchainSize() > 0 && chains % options.superchainSize() != 0) {
            throw new UsageException("--superchain-size " + options.superchainSize() + " does not divide " + chains
                    + " chains");
        }
    }
}
