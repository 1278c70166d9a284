package manynuts.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import manynuts.adapt.WelfordVariance;

/**
 * What a shard's task learns of its draws as they stream by, in memory proportional to its chains: each column's
 * count, mean and sum of squared deviations (Welford), extremes, and the sampler's diagnostics of its chains
 * (divergences, tree-depth saturation, E-BFMI). Shards combine into the run's without reading a draw again.
 *
 * @param mean            per column, in the order of the run's columns
 * @param squaredDeviations per column, the sum of squared deviations from the shard's mean
 * @param lowEnergyBfmiChains chains (from 1, of the whole run) whose E-BFMI is below 0.3, as Stan flags them
 * @param minEnergyBfmi   the smallest E-BFMI of the shard's chains
 * @param autocovariances per column, what the effective sample size of its mean needs; the driver combines them and
 *                        run.json keeps the result, not these
 */
public record ShardStatistics(long draws, double[] mean, double[] squaredDeviations, double[] min, double[] max,
        long divergences, long saturatedTreeDepth, List<Integer> lowEnergyBfmiChains, double minEnergyBfmi,
        @JsonIgnore List<ColumnAutocovariance> autocovariances) implements Serializable {

    /** The same statistics with the columns' autocovariances. */
    ShardStatistics withAutocovariances(List<ColumnAutocovariance> columns) {
        return new ShardStatistics(draws, mean, squaredDeviations, min, max, divergences, saturatedTreeDepth,
                lowEnergyBfmiChains, minEnergyBfmi, List.copyOf(columns));
    }

    /** The statistics of two sets of draws together (Chan, Golub and LeVeque's pairwise update). */
    ShardStatistics plus(ShardStatistics other) {
        int columns = mean.length;
        double[] combinedMean = new double[columns];
        double[] combinedSquares = new double[columns];
        double[] combinedMin = new double[columns];
        double[] combinedMax = new double[columns];
        long total = draws + other.draws;
        WelfordVariance moments = moments();
        moments.combine(other.moments());
        moments.saveTo(combinedMean, combinedSquares, 0);
        for (int c = 0; c < columns; c++) {
            combinedMin[c] = Math.min(min[c], other.min[c]);
            combinedMax[c] = Math.max(max[c], other.max[c]);
        }
        List<Integer> low = new ArrayList<>(lowEnergyBfmiChains);
        low.addAll(other.lowEnergyBfmiChains);
        List<ColumnAutocovariance> combined = null;
        if (autocovariances != null && other.autocovariances != null) {
            combined = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                combined.add(autocovariances.get(c).plus(other.autocovariances.get(c)));
            }
        }
        return new ShardStatistics(total, combinedMean, combinedSquares, combinedMin, combinedMax,
                divergences + other.divergences, saturatedTreeDepth + other.saturatedTreeDepth, List.copyOf(low),
                Math.min(minEnergyBfmi, other.minEnergyBfmi), combined);
    }

    /** The columns' count, means and sums of squared deviations, to combine. */
    private WelfordVariance moments() {
        WelfordVariance moments = new WelfordVariance(mean.length);
        moments.restoreFrom(draws, mean, squaredDeviations, 0);
        return moments;
    }

    /** The standard deviation of column {@code c}, with n - 1 as posterior's {@code sd}. */
    double sd(int c) {
        return Math.sqrt(squaredDeviations[c] / (draws - 1));
    }
}
