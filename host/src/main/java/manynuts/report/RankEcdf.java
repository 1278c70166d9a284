package manynuts.report;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * The graphical test of Säilynoja, Bürkner and Vehtari (2022) for chains that sample one distribution: each
 * chain's ECDF of its fractional ranks among all draws, at K evenly spaced points z, minus z, inside a band that
 * holds every point of a chain's line with probability 1 - alpha when the chains agree. A chain's count of ranks
 * up to z N is hypergeometric (S of the N ranks drawn without replacement); the pointwise level gamma that gives
 * simultaneous coverage 1 - alpha is found by simulating chains of uniformly drawn ranks with a fixed seed (the
 * paper's simulation method, with the hypergeometric marginals of its multiple-sample comparison).
 *
 * @param z          evaluation points in (0, 1)
 * @param lower      the band's lower edge at each z, as an ECDF difference
 * @param upper      the band's upper edge at each z, as an ECDF difference
 * @param difference {@code [chain][point]}: each chain's ECDF at z minus z
 * @param outside    how many chains leave the band at some point
 * @param alpha      1 - the band's simultaneous coverage
 */
public record RankEcdf(double[] z, double[] lower, double[] upper, double[][] difference, int outside, double alpha) {

    /** The paper's default: 95 % simultaneous coverage. */
    public static final double ALPHA = 0.05;
    /** At most this many evaluation points: enough for a smooth line, cheap to simulate. */
    static final int MAX_POINTS = 100;
    static final int SIMULATIONS = 1000;
    private static final long SEED = 20_220_501L;

    /**
     * The test for draws given as {@code [chain][draw]}; not modified. Ties count as at or below every threshold
     * they reach.
     */
    public static RankEcdf of(double[][] draws) {
        int chains = draws.length;
        int perChain = draws[0].length;
        int total = chains * perChain;
        int points = Math.min(MAX_POINTS, perChain);
        double[] pooled = new double[total];
        for (int chain = 0; chain < chains; chain++) {
            System.arraycopy(draws[chain], 0, pooled, chain * perChain, perChain);
        }
        Arrays.sort(pooled);
        double[] z = new double[points - 1];
        int[] rankThreshold = new int[points - 1];
        double[] valueThreshold = new double[points - 1];
        for (int i = 1; i < points; i++) {
            z[i - 1] = (double) i / points;
            rankThreshold[i - 1] = (int) Math.floor(z[i - 1] * total);
            valueThreshold[i - 1] = rankThreshold[i - 1] == 0 ? Double.NEGATIVE_INFINITY
                    : pooled[rankThreshold[i - 1] - 1];
        }
        Band band = Band.of(total, perChain, rankThreshold, ALPHA, SIMULATIONS, new Random(SEED));
        double[][] difference = new double[chains][z.length];
        int outside = 0;
        double[] sorted = new double[perChain];
        for (int chain = 0; chain < chains; chain++) {
            System.arraycopy(draws[chain], 0, sorted, 0, perChain);
            Arrays.sort(sorted);
            boolean left = false;
            for (int i = 0; i < z.length; i++) {
                int count = countAtOrBelow(sorted, valueThreshold[i]);
                difference[chain][i] = (double) count / perChain - z[i];
                left |= count < band.lowerCount[i] || count > band.upperCount[i];
            }
            outside += left ? 1 : 0;
        }
        double[] lower = new double[z.length];
        double[] upper = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            lower[i] = (double) band.lowerCount[i] / perChain - z[i];
            upper[i] = (double) band.upperCount[i] / perChain - z[i];
        }
        return new RankEcdf(z, lower, upper, difference, outside, ALPHA);
    }

    public int chains() {
        return difference.length;
    }

    private static int countAtOrBelow(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The band as counts of a chain's ranks at or below each threshold: the gamma / 2 and 1 - gamma / 2 quantiles
     * of the hypergeometric count, gamma the alpha-quantile of the smallest two-sided pointwise tail probability
     * over simulated chains.
     */
    record Band(int[] lowerCount, int[] upperCount, double gamma) {

        static Band of(int total, int perChain, int[] rankThreshold, double alpha, int simulations, Random random) {
            int points = rankThreshold.length;
            double[][] cdf = new double[points][];
            HypergeometricDistribution[] marginal = new HypergeometricDistribution[points];
            for (int i = 0; i < points; i++) {
                marginal[i] = new HypergeometricDistribution(null, total, rankThreshold[i], perChain);
                cdf[i] = new double[perChain + 1];
                double sum = 0;
                for (int count = 0; count <= perChain; count++) {
                    sum += marginal[i].probability(count);
                    cdf[i][count] = Math.min(1.0, sum);
                }
            }
            double[] smallest = new double[simulations];
            int[] ranks = new int[perChain];
            for (int s = 0; s < simulations; s++) {
                drawRanks(total, ranks, random);
                Arrays.sort(ranks);
                double least = 1.0;
                int below = 0;
                for (int i = 0; i < points; i++) {
                    while (below < perChain && ranks[below] <= rankThreshold[i]) {
                        below++;
                    }
                    double lowerTail = cdf[i][below];
                    double upperTail = 1.0 - (below == 0 ? 0.0 : cdf[i][below - 1]);
                    least = Math.min(least, 2 * Math.min(lowerTail, upperTail));
                }
                smallest[s] = least;
            }
            Arrays.sort(smallest);
            double gamma = smallest[(int) Math.floor(alpha * simulations)];
            int[] lowerCount = new int[points];
            int[] upperCount = new int[points];
            for (int i = 0; i < points; i++) {
                lowerCount[i] = firstReaching(cdf[i], gamma / 2);
                upperCount[i] = firstReaching(cdf[i], 1 - gamma / 2);
            }
            return new Band(lowerCount, upperCount, gamma);
        }

        /** The smallest count whose CDF reaches {@code probability}: the distribution's quantile. */
        private static int firstReaching(double[] cdf, double probability) {
            for (int count = 0; count < cdf.length; count++) {
                if (cdf[count] >= probability - 1e-12) {
                    return count;
                }
            }
            return cdf.length - 1;
        }

        /** {@code ranks.length} distinct ranks from 1..total, uniformly (Floyd's algorithm). */
        private static void drawRanks(int total, int[] ranks, Random random) {
            Set<Integer> chosen = new HashSet<>();
            int k = 0;
            for (int j = total - ranks.length + 1; j <= total; j++) {
                int candidate = 1 + random.nextInt(j);
                int pick = chosen.add(candidate) ? candidate : j;
                if (pick == j) {
                    chosen.add(j);
                }
                ranks[k++] = pick;
            }
        }
    }
}
