package manynuts.reference;

import java.util.List;
import java.util.Locale;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.models.PosteriorMoments;

/**
 * A short run's posterior means against means known without sampling ({@link KnownPosteriors}), each distance in
 * units of the run's Monte Carlo standard error of the mean; the run agrees when every one is within
 * {@value OutputComparison#MCSE_LIMIT}, posteriordb's rule for means.
 *
 * @param worstOutput the output furthest from its known mean, or the first one the run lacks
 * @param worstScore  its distance in MCSE (infinite for a missing output or one with no MCSE)
 * @param compared    how many outputs were compared
 * @param source      where the known means come from
 */
public record KnownComparison(String worstOutput, double worstScore, double worstMean, double worstKnown,
        int compared, String source) {

    /** Whether every compared mean is within {@value OutputComparison#MCSE_LIMIT} MCSE of its known value. */
    public boolean agrees() {
        return worstScore <= OutputComparison.MCSE_LIMIT;
    }

    /** Compares the run's summaries with the known means. */
    public static KnownComparison of(KnownPosteriors.Known known, List<ParameterSummary> summaries) {
        String worstOutput = null;
        double worstScore = Double.NEGATIVE_INFINITY;
        double worstMean = Double.NaN;
        double worstKnown = Double.NaN;
        for (PosteriorMoments exact : known.means()) {
            ParameterSummary ours = summaries.stream().filter(s -> s.name().equals(exact.name())).findFirst()
                    .orElse(null);
            double score = ours == null || !(ours.mcseMean() > 0) ? Double.POSITIVE_INFINITY
                    : Math.abs(ours.mean() - exact.mean()) / ours.mcseMean();
            if (worstOutput == null || score > worstScore) {
                worstOutput = exact.name();
                worstScore = score;
                worstMean = ours == null ? Double.NaN : ours.mean();
                worstKnown = exact.mean();
            }
        }
        return new KnownComparison(worstOutput, worstScore, worstMean, worstKnown, known.means().size(),
                known.source());
    }

    /** One line: the verdict, the worst output's mean against the known one, the source. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %d %s, worst %s %s vs %s (%.1f MCSE); %s",
                agrees() ? "agrees" : "DISAGREES", compared, compared == 1 ? "mean" : "means", worstOutput,
                fourDigits(worstMean), fourDigits(worstKnown), worstScore, source);
    }

    /** Four significant digits without trailing zeros: 0.5, 2.6, 0.1176. */
    private static String fourDigits(double x) {
        String text = String.format(Locale.ROOT, "%.4g", x);
        return text.contains(".") && !text.contains("e") ? text.replaceFirst("\\.?0+$", "") : text;
    }
}
