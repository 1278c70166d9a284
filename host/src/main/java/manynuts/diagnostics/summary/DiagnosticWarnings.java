package manynuts.diagnostics.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import manynuts.diagnostics.stats.SamplerDiagnostics;

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
                    "%d of %d draws after warm-up diverged (%s): increase target_accept or reparameterize",
                    sampler.divergences(), sampler.draws(), sampler.divergenceShare());
            if (sampler.divergencesConcentrated()) {
                message += "; most divergences come from chains " + chainsWithDivergences(sampler);
            }
            warnings.add(message);
        }
        if (sampler.saturatedTreeDepth() > 0) {
            // CmdStan's diagnose: trajectories cut short at the limit explore slowly.
            warnings.add(String.format(Locale.ROOT,
                    "%d of %d draws (%s) hit the maximum tree depth of %d (2^%d leapfrog steps), which cuts "
                            + "trajectories short and slows exploration: increase --max-depth or reparameterize",
                    sampler.saturatedTreeDepth(), sampler.draws(), sampler.saturatedTreeDepthShare(),
                    sampler.maxTreeDepth(), sampler.maxTreeDepth()));
        }
        int[] lowBfmi = sampler.lowEnergyBfmiChains();
        if (lowBfmi.length > 0) {
            warnings.add("E-BFMI below 0.3 in chains " + join(lowBfmi)
                    + ": the posterior may have heavy tails; consider reparameterizing");
        }
        return warnings;
    }

    /** Warnings from the per-parameter summaries of draws whose design is not known; see the overload. */
    public static List<String> forSummaries(List<ParameterSummary> summaries, long totalDraws) {
        return forSummaries(summaries, totalDraws, false);
    }

    /**
     * Warnings from the per-parameter summaries: R-hat, nested R-hat, bulk and tail ESS, NA diagnostics.
     *
     * @param nestedDesign the chains of each superchain started from one point; then, where nested R-hat is below
     *     1.01, a high R-hat gets a line saying that nested R-hat is the guide instead of the warning that the chains
     *     have not mixed
     */
    public static List<String> forSummaries(List<ParameterSummary> summaries, long totalDraws, boolean nestedDesign) {
        List<String> warnings = new ArrayList<>();
        // Many short chains can keep R-hat above 1 once they have mixed, while superchains that started together
        // bring nested R-hat down to 1 (Margossian et al. 2024).
        java.util.function.Predicate<ParameterSummary> nestedFine = s -> nestedDesign
                && s.nestedRhat() <= RHAT_THRESHOLD;
        String highRhat = names(summaries, s -> s.rhat() > RHAT_THRESHOLD && !nestedFine.test(s),
                Comparator.comparingDouble(ParameterSummary::rhat).reversed());
        if (!highRhat.isEmpty()) {
            warnings.add("R-hat above 1.01 for " + highRhat
                    + ": the chains have not mixed; run longer or reparameterize");
        }
        String shortChains = names(summaries, s -> s.rhat() > RHAT_THRESHOLD && nestedFine.test(s),
                Comparator.comparingDouble(ParameterSummary::rhat).reversed());
        if (!shortChains.isEmpty()) {
            warnings.add("R-hat above 1.01 for " + shortChains + ", but nested R-hat is not: many short chains can "
                    + "keep R-hat above 1 after they have mixed, and with superchains that started together nested "
                    + "R-hat is the better guide");
        }
        String highNested = names(summaries, s -> s.nestedRhat() > RHAT_THRESHOLD,
                Comparator.comparingDouble(ParameterSummary::nestedRhat).reversed());
        if (!highNested.isEmpty()) {
            warnings.add("nested R-hat above 1.01 for " + highNested + ": the superchains disagree");
        }
        double lowEss = LOW_ESS_SHARE * totalDraws;
        String lowBulk = names(summaries, s -> s.essBulk() < lowEss,
                Comparator.comparingDouble(ParameterSummary::essBulk));
        if (!lowBulk.isEmpty()) {
            warnings.add("bulk ESS below 10 % of the draws for " + lowBulk
                    + ": posterior means and medians may be unreliable");
        }
        String lowTail = names(summaries, s -> s.essTail() < lowEss,
                Comparator.comparingDouble(ParameterSummary::essTail));
        if (!lowTail.isEmpty()) {
            warnings.add("tail ESS below 10 % of the draws for " + lowTail + ": posterior intervals may be unreliable");
        }
        String missing = names(summaries, s -> Double.isNaN(s.rhat()), (a, b) -> 0);
        if (!missing.isEmpty()) {
            warnings.add("R-hat is NA for " + missing + ": the draws are constant, too few, or not finite");
        }
        return warnings;
    }

    /**
     * The flagged parameters in table order; past {@link #LISTED_CHAINS} of them, the worst first by
     * {@code worstFirst} and how many more, so the line stays readable with thousands of parameters. Empty when
     * none is flagged.
     */
    private static String names(List<ParameterSummary> summaries, Predicate<ParameterSummary> flagged,
            Comparator<ParameterSummary> worstFirst) {
        List<ParameterSummary> selected = summaries.stream().filter(flagged).collect(Collectors.toList());
        if (selected.size() <= LISTED_CHAINS) {
            return selected.stream().map(ParameterSummary::name).collect(Collectors.joining(", "));
        }
        String worst = selected.stream().sorted(worstFirst).limit(LISTED_CHAINS).map(ParameterSummary::name)
                .collect(Collectors.joining(", "));
        return selected.size() + " of " + summaries.size() + " parameters, worst " + worst + " and "
                + (selected.size() - LISTED_CHAINS) + " more";
    }

    /** A list of chains or parameters stays readable with thousands of them: the first few, then how many more. */
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
