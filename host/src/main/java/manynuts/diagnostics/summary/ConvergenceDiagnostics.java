package manynuts.diagnostics.summary;

import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.order.HighestDensityInterval;

/**
 * posterior's per-parameter functions, one static method each, over draws given as [chain][draw] (not modified).
 * NaN stands for NA. For many statistics of one parameter at once use {@link Summaries} or a
 * {@link DiagnosticsWorkspace}, which share the sort and the FFTs.
 */
public final class ConvergenceDiagnostics {

    private static final double DEFAULT_HDI_PROBABILITY = 0.95;

    private ConvergenceDiagnostics() {
    }

    private static ParameterSummary all(double[][] draws) {
        return new DiagnosticsWorkspace().summarise("", draws, DEFAULT_HDI_PROBABILITY);
    }

    private static DiagnosticsWorkspace.Sweep atQuantile(double[][] draws, double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new DiagnosticsInputException("quantile probability must be in [0, 1], got " + probability);
        }
        return new DiagnosticsWorkspace().summarise("", draws, DEFAULT_HDI_PROBABILITY, probability, probability);
    }

    public static double mean(double[][] draws) {
        return all(draws).mean();
    }

    public static double median(double[][] draws) {
        return all(draws).median();
    }

    public static double sd(double[][] draws) {
        return all(draws).sd();
    }

    /** Median absolute deviation scaled to the normal sd (R's {@code mad}). */
    public static double mad(double[][] draws) {
        return all(draws).mad();
    }

    /** Type 7 quantile of the pooled draws (posterior's {@code quantile2}). */
    public static double quantile(double[][] draws, double probability) {
        return atQuantile(draws, probability).lowQuantile();
    }

    /** Rank-normalised split R-hat: the larger of bulk and folded (posterior's {@code rhat}). */
    public static double rhat(double[][] draws) {
        return all(draws).rhat();
    }

    /** Classic split R-hat on the draws themselves (posterior's {@code rhat_basic}). */
    public static double rhatBasic(double[][] draws) {
        return all(draws).rhatBasic();
    }

    public static double essBulk(double[][] draws) {
        return all(draws).essBulk();
    }

    /** The smaller ESS of the 5 % and 95 % quantiles. */
    public static double essTail(double[][] draws) {
        return all(draws).essTail();
    }

    public static double essBasic(double[][] draws) {
        return all(draws).essBasic();
    }

    public static double essMean(double[][] draws) {
        return all(draws).essMean();
    }

    /** ESS of |x - mean|, posterior's {@code ess_sd}. */
    public static double essSd(double[][] draws) {
        return all(draws).essSd();
    }

    /** ESS of the indicator I(x <= q) for the quantile q at {@code probability}. */
    public static double essQuantile(double[][] draws, double probability) {
        return atQuantile(draws, probability).summary().essQ5();
    }

    public static double mcseMean(double[][] draws) {
        return all(draws).mcseMean();
    }

    public static double mcseSd(double[][] draws) {
        return all(draws).mcseSd();
    }

    public static double mcseQuantile(double[][] draws, double probability) {
        return atQuantile(draws, probability).summary().mcseQ5();
    }

    /** Shortest interval holding {@code probability} of the pooled draws. */
    public static HighestDensityInterval hdi(double[][] draws, double probability) {
        return HighestDensityInterval.of(draws, probability);
    }
}
