package manynuts.diagnostics;

/**
 * Settings for a summary.
 *
 * @param hdiProbability share of draws inside the highest-density interval, e.g. 0.95
 * @param superchainSize chains per superchain for nested R-hat, or 0 for none
 * @param threads worker threads, one workspace each; 0 means one per available processor
 */
public record SummaryOptions(double hdiProbability, int superchainSize, int threads) {

    public SummaryOptions {
        HighestDensityInterval.checkProbability(hdiProbability);
        if (superchainSize < 0) {
            throw new DiagnosticsInputException("superchain size must not be negative, got " + superchainSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative");
        }
    }

    /** 95 % HDI, no nested R-hat, all processors. */
    public static SummaryOptions defaults() {
        return new SummaryOptions(0.95, 0, 0);
    }

    public SummaryOptions withHdiProbability(double probability) {
        return new SummaryOptions(probability, superchainSize, threads);
    }

    public SummaryOptions withSuperchainSize(int size) {
        return new SummaryOptions(hdiProbability, size, threads);
    }

    public SummaryOptions withThreads(int count) {
        return new SummaryOptions(hdiProbability, superchainSize, count);
    }
}
