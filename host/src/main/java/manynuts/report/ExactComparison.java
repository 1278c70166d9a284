package manynuts.report;

import java.util.List;
import java.util.Locale;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.models.ExactPosterior;
import manynuts.models.FunnelPair;
import manynuts.output.RunSummary;
import manynuts.models.PosteriorMoments;

/**
 * Every output's mean and sd from the draws against a model's exact posterior, in one line: how many were
 * compared, how many means lie beyond {@link HeadlineCheck#FLAG_AT} MCSE, and the worst mean and sd.
 *
 * @param method         how the exact posterior was computed
 * @param compared       outputs with an exact mean and a finite MCSE
 * @param meansFlagged   of those, means further than FLAG_AT MCSE from the exact value
 * @param worstMean      the output whose mean is furthest in MCSE
 * @param worstMeanError that distance, signed, in MCSE
 * @param worstSd        the output whose sd is furthest from the exact one, relatively
 * @param worstSdError   (sd - exact sd) / exact sd
 */
public record ExactComparison(String method, int compared, int meansFlagged, String worstMean, double worstMeanError,
        String worstSd, double worstSdError) {

    /** The comparison over every summarised output the exact posterior knows; null when it knows none. */
    public static ExactComparison of(List<ParameterSummary> parameters, ExactPosterior exact) {
        int compared = 0;
        int flagged = 0;
        String worstMean = "";
        double worstMeanError = 0;
        String worstSd = "";
        double worstSdError = 0;
        for (ParameterSummary p : parameters) {
            PosteriorMoments moments = exact.find(p.name()).orElse(null);
            if (moments == null || !(p.mcseMean() > 0) || !Double.isFinite(moments.mean())) {
                continue;
            }
            compared++;
            double error = (p.mean() - moments.mean()) / p.mcseMean();
            if (Math.abs(error) > HeadlineCheck.FLAG_AT) {
                flagged++;
            }
            if (worstMean.isEmpty() || Math.abs(error) > Math.abs(worstMeanError)) {
                worstMean = p.name();
                worstMeanError = error;
            }
            if (Double.isFinite(moments.sd()) && moments.sd() > 0) {
                double sdError = (p.sd() - moments.sd()) / moments.sd();
                if (worstSd.isEmpty() || Math.abs(sdError) > Math.abs(worstSdError)) {
                    worstSd = p.name();
                    worstSdError = sdError;
                }
            }
        }
        return compared == 0 ? null
                : new ExactComparison(exact.method(), compared, flagged, worstMean, worstMeanError, worstSd, worstSdError);
    }

    /**
     * What {@code sample} and {@code summary} print after the table: the headline check (E[log tau] in eight
     * schools) and the comparison of every output, one line each; empty when the model has no exact posterior.
     *
     * @param exact  the model's exact posterior, or null
     * @param funnel the model's funnel pair, or null: its scale is the headline, else the first output
     */
    public static String lines(RunSummary summary, ExactPosterior exact, FunnelPair funnel) {
        if (exact == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        List<ParameterSummary> parameters = summary.parameters();
        String headline = funnel != null ? funnel.scale() : parameters.get(0).name();
        String label = funnel != null ? funnel.scaleLabel() : headline;
        if (exact.find(headline).isPresent() && parameters.stream().anyMatch(p -> p.name().equals(headline))) {
            text.append(HeadlineCheck.of(label, summary.parameter(headline), exact.mean(headline)).describe())
                    .append('\n');
        }
        ExactComparison comparison = of(parameters, exact);
        if (comparison != null) {
            text.append(comparison.describe()).append('\n');
        }
        return text.toString();
    }

    /**
     * E.g. {@code exact posterior (closed form): 10 outputs; 0 means beyond 3.3 MCSE, worst x[3] at +2.1 MCSE;
     * worst sd x[1] at -3.2 %}.
     */
    public String describe() {
        String sd = worstSd.isEmpty() ? "" : String.format(Locale.ROOT, "; worst sd %s at %+.1f %%", worstSd,
                100 * worstSdError);
        return String.format(Locale.ROOT, "exact posterior (%s): %d outputs; %d means beyond %.1f MCSE, worst %s at "
                + "%+.1f MCSE%s", method, compared, meansFlagged, HeadlineCheck.FLAG_AT, worstMean, worstMeanError, sd);
    }
}
