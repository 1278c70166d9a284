package manynuts.diagnostics.stats;

import java.util.Arrays;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.order.OrderStatistics;
import manynuts.diagnostics.order.RankNormalisation;

/**
 * posterior's {@code rhat} written as posterior composes it, out of small steps over {@code [chain][draw]} arrays:
 * {@code max(rhat(z_scale(split(x))), rhat(z_scale(split(fold(x)))))} (Vehtari et al. 2021, eq. 4-5). The summary's
 * workspace computes the same number in one fused sweep that shares a sort with every other statistic; this is the
 * readable form, and the oracle that sweep is tested against. It allocates freely: use the summary for many draws.
 */
public final class RankNormalisedRhat {

    /** posterior's tolerance for calling draws constant ({@code .Machine$double.eps}). */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

    private RankNormalisedRhat() {
    }

    /** The larger of the bulk and the folded rank-normalised split R-hat; NaN where posterior gives NA. */
    public static double of(double[][] draws) {
        if (undefinedFor(draws)) {
            return Double.NaN;
        }
        return Math.max(rhat(zScale(split(draws))), rhat(zScale(split(fold(draws)))));
    }

    /** Each chain cut into its two halves, the middle draw of an odd length dropped (posterior's split_chains). */
    static double[][] split(double[][] draws) {
        DrawsShape shape = DrawsShape.of(draws);
        int length = shape.drawsPerChain();
        if (length < 2) {
            return draws;
        }
        int half = length / 2;
        double[][] halves = new double[2 * shape.chains()][];
        for (int chain = 0; chain < shape.chains(); chain++) {
            halves[2 * chain] = Arrays.copyOfRange(draws[chain], 0, half);
            halves[2 * chain + 1] = Arrays.copyOfRange(draws[chain], length - half, length);
        }
        return halves;
    }

    /** Absolute deviations from the median of all draws (posterior's fold_draws). */
    static double[][] fold(double[][] draws) {
        double[] sorted = pooled(draws);
        Arrays.sort(sorted);
        double median = OrderStatistics.median(sorted, sorted.length);
        double[][] folded = new double[draws.length][];
        for (int chain = 0; chain < draws.length; chain++) {
            folded[chain] = Arrays.stream(draws[chain]).map(x -> Math.abs(x - median)).toArray();
        }
        return folded;
    }

    /** Normal scores of the draws' average ranks among all draws, Blom's offset 3/8 (posterior's z_scale). */
    static double[][] zScale(double[][] draws) {
        double[] sorted = pooled(draws);
        Arrays.sort(sorted);
        double[][] scores = new double[draws.length][];
        for (int chain = 0; chain < draws.length; chain++) {
            scores[chain] = Arrays.stream(draws[chain])
                    .map(x -> RankNormalisation.normalScore(averageRank(sorted, x), sorted.length)).toArray();
        }
        return scores;
    }

    /**
     * The split R-hat of chains as they are (posterior's {@code .rhat}): NaN when a draw is not finite or all draws
     * are equal, as posterior gives NA there.
     */
    static double rhat(double[][] chains) {
        if (undefinedFor(chains)) {
            return Double.NaN;
        }
        int length = chains[0].length;
        double[] means = new double[chains.length];
        double[] variances = new double[chains.length];
        for (int chain = 0; chain < chains.length; chain++) {
            means[chain] = Moments.mean(chains[chain], 0, length);
            variances[chain] = Moments.variance(chains[chain], length);
        }
        return SplitRhat.fromChainMoments(means, variances, chains.length, length);
    }

    /** posterior's should_return_NA: a draw that is not finite, or all draws equal to within its tolerance. */
    private static boolean undefinedFor(double[][] draws) {
        double[] all = pooled(draws);
        if (all.length == 0 || !Arrays.stream(all).allMatch(Double::isFinite)) {
            return true;
        }
        double lowest = Arrays.stream(all).min().getAsDouble();
        double highest = Arrays.stream(all).max().getAsDouble();
        return Math.abs(highest - lowest) < CONSTANT_TOLERANCE;
    }

    /** The 1-based rank of {@code x} among {@code sorted}, ties given the mean of their ranks. */
    private static double averageRank(double[] sorted, double x) {
        int first = lowerBound(sorted, x);
        int last = lowerBound(sorted, Math.nextUp(x)) - 1;
        return (first + 1 + last + 1) / 2.0;
    }

    /** The first index whose value is at least {@code x}. */
    private static int lowerBound(double[] sorted, double x) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < x) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static double[] pooled(double[][] draws) {
        return Arrays.stream(draws).flatMapToDouble(Arrays::stream).toArray();
    }
}
