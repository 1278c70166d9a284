package manynuts.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Plain-language warnings about a run, phrased the way Stan and PyMC print them, with what to do next. */
public final class DiagnosticWarnings {

    /** R-hat above this means the chains have not mixed (Vehtari et al. 2021). */
    public static final double RHAT_THRESHOLD = 1.01;

    /** Bulk or tail ESS below this share of the draws is worth a warning. */
    public static final double LOW_ESS_SHARE = 0.10;

    private DiagnosticWarnings() {
    }

    /** Warnings from the sampler statistics: divergences, tree depth, E-BFMI. */
    public static List<String> forSampler(SamplerDiagnostics sampler) {
        List<String> warnings = new ArrayList<>();
        if (sampler.divergences() > 0) {
            String message = String.format(Locale.ROOT,
                    "%d of %d draws after warm-up diverged (%.1f %%): increase target_accept or reparameterize",
                    sampler.divergences(), sampler.draws(), sampler.divergencePercent());
            if (sampler.divergencesConcentrated()) {
                message += "; most divergences come from chains " + chainsWithDivergences(sampler);
            }
            warnings.add(message);
        }
        if (sampler.saturatedTreeDepth() > 0) {
            warnings.add(String.format(Locale.ROOT,
                    "%d of %d draws saturated the maximum tree depth of %d: increase max_treedepth or "
                            + "reparameterize", sampler.saturatedTreeDepth(), sampler.draws(),
                    sampler.maxTreeDepth()));
        }
        int[] lowBfmi = sampler.lowEnergyBfmiChains();
        if (lowBfmi.length > 0) {
            warnings.add("E-BFMI below 0.3 in chains " + join(lowBfmi)
                    + ": the posterior may have heavy tails; consider reparameterizing");
        }
        return warnings;
    }

    /** Warnings from the per-parameter summaries: R-hat, bulk and tail ESS, NA diagnostics. */
    public static List<String> forSummaries(List<ParameterSummary> summaries, long totalDraws) {
        List<String> warnings = new ArrayList<>();
        List<String> highRhat = names(summaries, s -> s.rhat() > RHAT_THRESHOLD);
        if (!highRhat.isEmpty()) {
            warnings.add("R-hat above 1.01 for " + String.join(", ", highRhat)
                    + ": the chains have not mixed; run longer or reparameterize");
        }
        List<String> highNested = names(summaries, s -> s.nestedRhat() > RHAT_THRESHOLD);
        if (!highNested.isEmpty()) {
            warnings.add("nested R-hat above 1.01 for " + String.join(", ", highNested)
                    + ": the superchains disagree");
        }
        double lowEss = LOW_ESS_SHARE * totalDraws;
        List<String> lowBulk = names(summaries, s -> s.essBulk() < lowEss);
        if (!lowBulk.isEmpty()) {
            warnings.add("bulk ESS below 10 % of the draws for " + String.join(", ", lowBulk)
                    + ": posterior means and medians may be unreliable");
        }
        List<String> lowTail = names(summaries, s -> s.essTail() < lowEss);
        if (!lowTail.isEmpty()) {
            warnings.add("tail ESS below 10 % of the draws for " + String.join(", ", lowTail)
                    + ": posterior intervals may be unreliable");
        }
        List<String> missing = names(summaries, s -> Double.isNaN(s.rhat()));
        if (!missing.isEmpty()) {
            warnings.add("R-hat is NA for " + String.join(", ", missing)
                    + ": the draws are constant, too few, or not finite");
        }
        return warnings;
    }

    private static List<String> names(List<ParameterSummary> summaries,
            java.util.function.Predicate<ParameterSummary> flagged) {
        return summaries.stream().filter(flagged).map(ParameterSummary::name).collect(Collectors.toList());
    }

    /** A list of chains stays readable with thousands of chains: the first few, then how many more. */
    static final int LISTED_CHAINS = 10;

    /** The chains with divergences, most divergent first. */
    private static String chainsWithDivergences(SamplerDiagnostics sampler) {
        long[] perChain = sampler.divergencesPerChain();
        int[] chains = java.util.stream.IntStream.range(0, perChain.length)
                .filter(chain -> perChain[chain] > 0)
                .boxed()
                .sorted((a, b) -> perChain[a] != perChain[b] ? Long.compare(perChain[b], perChain[a]) : Integer.compare(a, b))
                .mapToInt(chain -> chain + 1)
                .toArray();
        return join(chains);
    }

    private static String join(int[] chains) {
        String listed = java.util.Arrays.stream(chains).limit(LISTED_CHAINS).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        return chains.length > LISTED_CHAINS ? listed + " and " + (chains.length - LISTED_CHAINS) + " more" : listed;
    }
}
