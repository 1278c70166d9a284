package manynuts.spark;

import java.util.List;

/**
 * The statistics of a sharded run that its tasks computed without the pooled order of the draws, combined on the
 * driver: per column the mean, sd, extremes, the effective sample size of the mean and the mean's Monte Carlo
 * standard error (posterior's {@code ess_mean} and {@code mcse_mean}, NaN for a constant or non-finite column), and
 * the sampler's diagnostics.
 */
public record StreamedSummary(long draws, double[] mean, double[] sd, double[] min, double[] max, double[] essMean,
        double[] mcseMean, long divergences, long saturatedTreeDepth, List<Integer> lowEnergyBfmiChains,
        double minEnergyBfmi) {

    /** The summary of every shard's statistics together. */
    static StreamedSummary of(ShardStatistics total) {
        int columns = total.mean().length;
        double[] sd = new double[columns];
        double[] ess = new double[columns];
        double[] mcse = new double[columns];
        for (int c = 0; c < columns; c++) {
            sd[c] = total.sd(c);
            boolean usable = Double.isFinite(total.min()[c]) && Double.isFinite(total.max()[c])
                    && total.min()[c] != total.max()[c];
            ess[c] = usable && total.autocovariances() != null ? total.autocovariances().get(c).essMean()
                    : Double.NaN;
            mcse[c] = sd[c] / Math.sqrt(ess[c]);
        }
        return new StreamedSummary(total.draws(), total.mean(), sd, total.min(), total.max(), ess, mcse,
                total.divergences(), total.saturatedTreeDepth(), total.lowEnergyBfmiChains(), total.minEnergyBfmi());
    }
}
