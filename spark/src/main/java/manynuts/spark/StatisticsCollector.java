package manynuts.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import manynuts.adapt.WelfordVariance;
import manynuts.diagnostics.stats.SamplerDiagnostics;

/**
 * Gathers a shard's {@link ShardStatistics} from its draws as they arrive: per chain (draws arrive in order within a
 * chain, chains from several threads), so nothing is kept but a few numbers per chain and column.
 */
final class StatisticsCollector {
    private final int firstChain;
    private final int columns;
    private final int divergent;
    private final int treeDepth;
    private final int energy;
    private final int maxTreeDepth;
    /** Per chain, over its columns, Welford's running mean and sum of squared deviations; and the extremes. */
    private final WelfordVariance[] moments;
    private final double[][] min;
    private final double[][] max;
    private final long[] divergences;
    private final long[] saturated;
    /** Per chain: the last energy and the sum of squared successive energy differences (E-BFMI's numerator). */
    private final double[] lastEnergy;
    private final double[] energySteps;

    StatisticsCollector(List<String> columnNames, int firstChain, int chains, int maxTreeDepth) {
        this.firstChain = firstChain;
        this.columns = columnNames.size();
        this.divergent = columnNames.indexOf("divergent__");
        this.treeDepth = columnNames.indexOf("treedepth__");
        this.energy = columnNames.indexOf("energy__");
        this.maxTreeDepth = maxTreeDepth;
        moments = new WelfordVariance[chains];
        min = new double[chains][columns];
        max = new double[chains][columns];
        for (int c = 0; c < chains; c++) {
            moments[c] = new WelfordVariance(columns);
            Arrays.fill(min[c], Double.POSITIVE_INFINITY);
            Arrays.fill(max[c], Double.NEGATIVE_INFINITY);
        }
        divergences = new long[chains];
        saturated = new long[chains];
        lastEnergy = new double[chains];
        energySteps = new double[chains];
    }

    /** The next draw of {@code chain} (of the whole run); only that chain's thread calls this for it. */
    void add(int chain, double[] values) {
        int c = chain - firstChain;
        moments[c].add(values, 0);
        for (int i = 0; i < columns; i++) {
            min[c][i] = Math.min(min[c][i], values[i]);
            max[c][i] = Math.max(max[c][i], values[i]);
        }
        if (values[divergent] != 0.0) {
            divergences[c]++;
        }
        if (values[treeDepth] >= maxTreeDepth) {
            saturated[c]++;
        }
        if (moments[c].count() > 1) {
            double step = values[energy] - lastEnergy[c];
            energySteps[c] += step * step;
        }
        lastEnergy[c] = values[energy];
    }

    /** The shard's statistics: its chains' combined in chain order. */
    ShardStatistics statistics() {
        ShardStatistics total = null;
        List<Integer> low = new ArrayList<>();
        double minBfmi = Double.POSITIVE_INFINITY;
        long divergent = 0;
        long saturatedDraws = 0;
        for (int c = 0; c < moments.length; c++) {
            double[] mean = new double[columns];
            double[] squares = new double[columns];
            moments[c].saveTo(mean, squares, 0);
            long count = moments[c].count();
            double bfmi = count < 2 ? Double.NaN : energySteps[c] / squares[energy];
            if (bfmi < SamplerDiagnostics.LOW_ENERGY_BFMI) {
                low.add(firstChain + c + 1);
            }
            minBfmi = Math.min(minBfmi, bfmi);
            divergent += divergences[c];
            saturatedDraws += saturated[c];
            ShardStatistics chain = new ShardStatistics(count, mean, squares, min[c], max[c], 0, 0,
                    List.of(), Double.POSITIVE_INFINITY, null);
            total = total == null ? chain : total.plus(chain);
        }
        return new ShardStatistics(total.draws(), total.mean(), total.squaredDeviations(), total.min(), total.max(),
                divergent, saturatedDraws, List.copyOf(low), minBfmi, null);
    }
}
