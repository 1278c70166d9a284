package manynuts.diagnostics.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SamplerColumns;

/**
 * What the sampler's own statistics say about a run: divergences, tree-depth saturation, E-BFMI and step size
 * per chain (Betancourt 2016 for E-BFMI; thresholds as Stan reports them).
 *
 * @param divergences divergent draws after warm-up over all chains
 * @param draws draws after warm-up over all chains
 * @param divergencesPerChain divergent draws in each chain
 * @param divergencesConcentrated whether a few chains hold most divergences (see {@link #concentrated})
 * @param saturatedTreeDepth draws whose tree depth reached {@code maxTreeDepth}
 * @param maxTreeDepth the sampler's maximum tree depth
 * @param energyBfmi E-BFMI of each chain, NaN where energy was not recorded
 * @param stepSizePerChain mean step size of each chain after warm-up
 */
public record SamplerDiagnostics(long divergences, long draws, long[] divergencesPerChain,
        boolean divergencesConcentrated, long saturatedTreeDepth, int maxTreeDepth, double[] energyBfmi,
        double[] stepSizePerChain) implements Serializable {

    /** Stan flags chains whose E-BFMI falls below this. */
    public static final double LOW_ENERGY_BFMI = 0.3;

    /** Share of divergences that, held by at most a fifth of the chains, counts as concentrated. */
    static final double CONCENTRATED_SHARE = 0.8;

    /** Divergences as a percentage of draws. */
    public double divergencePercent() {
        return draws == 0 ? 0.0 : 100.0 * divergences / draws;
    }

    /** Divergences as a share of draws, never 0 when there are some: "2.2 %", "0.04 %", "<0.01 %". */
    public String divergenceShare() {
        return share(divergences, draws);
    }

    /** Draws that hit the maximum tree depth as a share of draws, as {@link #divergenceShare()} writes it. */
    public String saturatedTreeDepthShare() {
        return share(saturatedTreeDepth, draws);
    }

    /**
     * {@code count} of {@code total} as a percentage with two significant digits (one decimal from 1 % up), so a
     * rare event among millions of draws reads "<0.01 %", never "0.0 %".
     */
    public static String share(long count, long total) {
        if (count == 0 || total == 0) {
            return "0 %";
        }
        double percent = 100.0 * count / total;
        if (percent < 0.01) {
            return "<0.01 %";
        }
        if (percent >= 1.0) {
            return String.format(Locale.ROOT, "%.1f %%", percent);
        }
        return new java.math.BigDecimal(percent).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString() + " %";
    }

    /** Chains (numbered from 1) whose E-BFMI is below {@link #LOW_ENERGY_BFMI}. */
    public int[] lowEnergyBfmiChains() {
        return IntStream.range(0, energyBfmi.length)
                .filter(chain -> energyBfmi[chain] < LOW_ENERGY_BFMI)
                .map(chain -> chain + 1)
                .toArray();
    }

    /**
     * @param stats per-draw statistics after warm-up; not modified
     * @param maxTreeDepth the maximum tree depth the sampler ran with (Stan's default is 10)
     */
    public static SamplerDiagnostics of(SamplerColumns stats, int maxTreeDepth) {
        double[][] reference = firstPresent(stats);
        int chains = reference == null ? 0 : DrawsShape.of(reference).chains();
        long draws = reference == null ? 0 : DrawsShape.of(reference).totalDraws();
        long[] perChain = new long[chains];
        long divergences = 0;
        if (stats.divergent() != null) {
            for (int chain = 0; chain < chains; chain++) {
                for (double flag : stats.divergent()[chain]) {
                    if (flag != 0.0) {
                        perChain[chain]++;
                    }
                }
                divergences += perChain[chain];
            }
        }
        long saturated = stats.saturatedTreeDepth(maxTreeDepth);
        double[] bfmi = new double[chains];
        double[] stepSizes = new double[chains];
        for (int chain = 0; chain < chains; chain++) {
            bfmi[chain] = stats.energy() == null ? Double.NaN : energyBfmi(stats.energy()[chain]);
            double[] steps = stats.stepSize() == null ? null : stats.stepSize()[chain];
            stepSizes[chain] = steps == null ? Double.NaN : Moments.mean(steps, 0, steps.length);
        }
        return new SamplerDiagnostics(divergences, draws, perChain, concentrated(perChain), saturated,
                maxTreeDepth, bfmi, stepSizes);
    }

    /**
     * The diagnostics of consecutive runs of chains taken together, as {@link #of} gives them for all the chains at
     * once; every part ran with the same maximum tree depth.
     */
    public static SamplerDiagnostics concatenate(List<SamplerDiagnostics> parts) {
        long divergences = 0;
        long draws = 0;
        long saturated = 0;
        for (SamplerDiagnostics part : parts) {
            divergences += part.divergences;
            draws += part.draws;
            saturated += part.saturatedTreeDepth;
        }
        long[] perChain = parts.stream().flatMapToLong(part -> Arrays.stream(part.divergencesPerChain))
                .toArray();
        double[] bfmi = parts.stream().flatMapToDouble(part -> Arrays.stream(part.energyBfmi)).toArray();
        double[] stepSizes = parts.stream().flatMapToDouble(part -> Arrays.stream(part.stepSizePerChain))
                .toArray();
        return new SamplerDiagnostics(divergences, draws, perChain, concentrated(perChain), saturated,
                parts.get(0).maxTreeDepth, bfmi, stepSizes);
    }

    private static double[][] firstPresent(SamplerColumns stats) {
        for (double[][] candidate : new double[][][] {stats.divergent(), stats.treeDepth(), stats.energy(),
                stats.stepSize()}) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * E-BFMI of one chain as Stan computes it: the sum of squared successive energy differences over the sum
     * of squared deviations from the mean energy. Small values mean momentum resampling barely moves the energy.
     */
    public static double energyBfmi(double[] energy) {
        if (energy.length < 2) {
            return Double.NaN;
        }
        double mean = Moments.mean(energy, 0, energy.length);
        double numerator = 0.0;
        double denominator = 0.0;
        for (int t = 0; t < energy.length; t++) {
            if (t > 0) {
                double step = energy[t] - energy[t - 1];
                numerator += step * step;
            }
            double deviation = energy[t] - mean;
            denominator += deviation * deviation;
        }
        return numerator / denominator;
    }

    /**
     * Whether divergences cluster in a few chains, which points at chains stuck in a difficult region rather
     * than at a geometry every chain meets: at least two chains, and the fewest chains that together hold 80 %
     * of the divergences are no more than a fifth of all chains.
     */
    static boolean concentrated(long[] perChain) {
        int chains = perChain.length;
        long total = Arrays.stream(perChain).sum();
        if (chains < 2 || total == 0) {
            return false;
        }
        long[] sorted = perChain.clone();
        Arrays.sort(sorted);
        long held = 0;
        int needed = 0;
        for (int i = chains - 1; i >= 0 && held < CONCENTRATED_SHARE * total; i--) {
            held += sorted[i];
            needed++;
        }
        // Rare divergences land in different chains by chance: with D spread evenly over C chains, about
        // C (1 - exp(-D / C)) chains hold one. Concentrated means far fewer chains than that hold most of them.
        double byChance = chains * -Math.expm1(-(double) total / chains);
        return needed <= Math.max(1, chains / 5) && needed <= Math.max(1.0, 0.5 * byChance);
    }
}
