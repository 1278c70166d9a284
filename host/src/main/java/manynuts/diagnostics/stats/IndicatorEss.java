package manynuts.diagnostics.stats;

import java.util.Arrays;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.order.OrderStatistics;

/**
 * Effective sample sizes of indicator series, as ArviZ's {@code plot_ess} shows them: the quantile ESS of
 * I(x <= q_p) (posterior's {@code ess_quantile}) and the local ESS of I(q_a < x <= q_b) (ArviZ's {@code ess_local},
 * with the lowest interval closed below), each the basic split-chain ESS of the indicator (posterior's
 * {@code .ess(split_chains(I))}). Thresholds are type 7 quantiles of all draws pooled, sorted once per call.
 */
public final class IndicatorEss {

    private IndicatorEss() {
    }

    /**
     * The ESS of I(x <= q_p) for every p in {@code probabilities}; NaN where the indicator is constant or a draw is
     * not finite.
     *
     * @param draws not modified; {@code [chain][draw]}
     */
    public static double[] quantiles(double[][] draws, double[] probabilities) {
        double[] sorted = pooledSorted(draws);
        double[] ess = new double[probabilities.length];
        SeriesEss series = new SeriesEss(draws);
        for (int i = 0; i < probabilities.length; i++) {
            double threshold = sorted == null ? Double.NaN
                    : IndicatorSeries.threshold(sorted, sorted.length, probabilities[i]);
            ess[i] = sorted == null ? Double.NaN : series.ofIndicator(Double.NEGATIVE_INFINITY, threshold, true);
        }
        return ess;
    }

    /**
     * The local ESS of the {@code intervals} equal-probability intervals (k / intervals, (k + 1) / intervals]:
     * the ESS of I(q_a < x <= q_b), the first interval taking in every draw up to its upper quantile.
     *
     * @param draws not modified; {@code [chain][draw]}
     */
    public static double[] locals(double[][] draws, int intervals) {
        double[] sorted = pooledSorted(draws);
        double[] ess = new double[intervals];
        SeriesEss series = new SeriesEss(draws);
        for (int k = 0; k < intervals; k++) {
            if (sorted == null) {
                ess[k] = Double.NaN;
                continue;
            }
            double lower = k == 0 ? Double.NEGATIVE_INFINITY
                    : OrderStatistics.quantile(sorted, sorted.length, (double) k / intervals);
            double upper = OrderStatistics.quantile(sorted, sorted.length, (double) (k + 1) / intervals);
            ess[k] = series.ofIndicator(lower, upper, k == 0);
        }
        return ess;
    }

    /** The basic split-chain ESS of a series given as {@code [chain][draw]} (posterior's {@code ess_basic}). */
    public static double basic(double[][] draws) {
        return new SeriesEss(draws).of(draws);
    }

    /** All draws pooled and sorted, or null when one is not finite (posterior then gives NA). */
    private static double[] pooledSorted(double[][] draws) {
        DrawsShape shape = DrawsShape.of(draws);
        double[] pooled = new double[shape.totalDraws()];
        int k = 0;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (!Double.isFinite(value)) {
                    return null;
                }
                pooled[k++] = value;
            }
        }
        Arrays.sort(pooled);
        return pooled;
    }
}
