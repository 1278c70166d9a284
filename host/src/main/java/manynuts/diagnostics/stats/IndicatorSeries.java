package manynuts.diagnostics.stats;

import manynuts.diagnostics.order.OrderStatistics;

/**
 * The indicator series I(x <= threshold) of every split chain, one bit per draw, with its chain moments and its
 * lagged product sums counted exactly instead of multiplied out. For a 0/1 series of n draws with K ones, n^3 times
 * the centred product sum at lag l, {@code sum_t (x[t] - K/n)(x[t + l] - K/n)}, is the integer
 * {@code n^2 C - n K (A + B) + (n - l) K^2}, where C counts the pairs of ones l apart and A and B the ones among the
 * first and the last n - l draws; C is a popcount of the bits ANDed with themselves shifted by l, 64 draws per
 * instruction, where the series of doubles costs a multiply-add per draw and lag. Holds its bits between calls.
 */
public final class IndicatorSeries {

    /** Longest split chain whose integer sums cannot overflow: 2 n^3 stays below 2^63. */
    private static final int EXACT_LENGTH = 1 << 20;

    private long[] bits = new long[0];
    private int[] ones = new int[0];
    private int words;
    private int length;
    /** Scratch for {@link #addLagSums}: where the rarer digit sits, and its pairs per lag. */
    private int[] positions = new int[0];
    private long[] minorityPairs = new long[0];

    /** posterior's threshold for I(x <= q): at probability 1 it uses (S - 0.5) / S so the indicator can vary. */
    public static double threshold(double[] sorted, int total, double probability) {
        return OrderStatistics.quantile(sorted, total, thresholdProbability(total, probability));
    }

    /** The probability whose quantile is the threshold for {@code probability}. */
    public static double thresholdProbability(int total, double probability) {
        return probability == 1.0 ? (total - 0.5) / total : probability;
    }

    /**
     * Makes room for {@code chains} split chains of {@code length} draws each; the bits of earlier chains are
     * forgotten.
     */
    public void reset(int chains, int length) {
        this.length = length;
        this.words = (length + 63) >>> 6;
        long needed = (long) chains * words;
        if (bits.length < needed) {
            bits = new long[Math.toIntExact(needed)];
        }
        if (ones.length < chains) {
            ones = new int[chains];
        }
    }

    /**
     * Records split chain {@code chain}: draw t is {@code source[offset + t]} for t in [0, length), and its bit is
     * set when that draw is at most {@code threshold}. Different chains may be filled from different threads.
     *
     * @param source not modified
     * @return the number of draws at or below the threshold
     */
    public int fill(int chain, double[] source, int offset, double threshold) {
        int base = chain * words;
        int count = 0;
        for (int word = 0; word < words; word++) {
            int start = word << 6;
            int end = Math.min(length, start + 64);
            long packed = 0L;
            for (int t = start; t < end; t++) {
                packed |= (source[offset + t] <= threshold ? 1L : 0L) << (t - start);
            }
            bits[base + word] = packed;
            count += Long.bitCount(packed);
        }
        ones[chain] = count;
        return count;
    }

    /** Draws per split chain. */
    public int length() {
        return length;
    }

    /** How many draws of split chain {@code chain} are at or below the threshold. */
    public int ones(int chain) {
        return ones[chain];
    }

    /** The chain's mean, K / n. */
    public double chainMean(int chain) {
        return (double) ones[chain] / length;
    }

    /** The chain's sample variance, K (n - K) / n / (n - 1). */
    public double chainVariance(int chain) {
        long count = ones[chain];
        return (double) (count * (length - count)) / length / (length - 1);
    }

    /**
     * Adds {@code sum_t c[t] c[t + lag] / length}, c the chain's centred indicator, to {@code sums[lag]} for every
     * lag in [from, to) and every split chain in [firstChain, endChain). Constant chains add exact zeros.
     *
     * @param sums modified at [from, to)
     */
    public void addLagSums(int firstChain, int endChain, int from, int to, double[] sums) {
        long n = length;
        double cube = (double) n * n * n;
        if (positions.length < length) {
            positions = new int[length];
        }
        if (minorityPairs.length < to) {
            minorityPairs = new long[to];
        }
        for (int chain = firstChain; chain < endChain; chain++) {
            long count = ones[chain];
            if (count == 0 || count == n) {
                continue;
            }
            int base = chain * words;
            // A tail indicator has few ones, or few zeros: then listing every pair of the rarer digit costs less
            // than a popcount per word and lag, and gives all lags at once.
            boolean rareZeros = count > n - count;
            long rare = rareZeros ? n - count : count;
            boolean byPairs = rare * rare / 2 < (long) words * (to - from);
            if (byPairs) {
                countRarePairs(base, rareZeros, from, to, positions, minorityPairs);
            }
            // Ones among the first n - lag draws and among the last n - lag, updated one draw per lag.
            long head = countBelow(base, length - from);
            long tail = count - countBelow(base, from);
            for (int lag = from; lag < to; lag++) {
                long pairs;
                if (!byPairs) {
                    pairs = pairsAtLag(base, lag);
                } else if (rareZeros) {
                    // Pairs of ones from pairs of zeros: sum (1 - y)(1 - y') = (n - l) - (n - l - head) - (n - l - tail)
                    // + zero pairs.
                    pairs = head + tail - (n - lag) + minorityPairs[lag];
                } else {
                    pairs = minorityPairs[lag];
                }
                if (length <= EXACT_LENGTH) {
                    long numerator = n * n * pairs - n * count * (head + tail) + (n - lag) * count * count;
                    sums[lag] += numerator / cube;
                } else {
                    double mean = (double) count / n;
                    sums[lag] += (pairs - mean * (head + tail) + (n - lag) * mean * mean) / n;
                }
                head -= bit(base, length - lag - 1);
                tail -= bit(base, lag);
            }
        }
    }

    /**
     * Counts, for each lag in [from, to), the pairs of draws that lag apart which both hold the rarer digit (zeros
     * if {@code rareZeros}, else ones), into {@code pairs[lag]}; {@code positions} is scratch of length draws.
     */
    private void countRarePairs(int base, boolean rareZeros, int from, int to, int[] positions, long[] pairs) {
        int rare = 0;
        for (int word = 0; word < words; word++) {
            long packed = bits[base + word];
            if (rareZeros) {
                int valid = Math.min(64, length - (word << 6));
                packed = ~packed & (valid == 64 ? -1L : (1L << valid) - 1);
            }
            while (packed != 0) {
                positions[rare++] = (word << 6) + Long.numberOfTrailingZeros(packed);
                packed &= packed - 1;
            }
        }
        java.util.Arrays.fill(pairs, from, to, 0L);
        if (from == 0) {
            pairs[0] = rare;
        }
        for (int i = 0; i < rare; i++) {
            for (int j = i + 1; j < rare; j++) {
                int lag = positions[j] - positions[i];
                if (lag >= to) {
                    break;
                }
                if (lag >= from) {
                    pairs[lag]++;
                }
            }
        }
    }

    /** Draw {@code draw} of the chain at {@code base}, 0 or 1. */
    private long bit(int base, int draw) {
        return draw < 0 ? 0L : bits[base + (draw >>> 6)] >>> (draw & 63) & 1L;
    }

    /** Pairs of ones {@code lag} draws apart: popcount of the bits ANDed with the bits moved down by lag. */
    private long pairsAtLag(int base, int lag) {
        int wordShift = lag >>> 6;
        int bitShift = lag & 63;
        long pairs = 0;
        for (int word = 0; word + wordShift < words; word++) {
            long shifted = bits[base + word + wordShift] >>> bitShift;
            if (bitShift != 0 && word + wordShift + 1 < words) {
                shifted |= bits[base + word + wordShift + 1] << (64 - bitShift);
            }
            pairs += Long.bitCount(bits[base + word] & shifted);
        }
        return pairs;
    }

    /** Ones among the chain's draws [0, end). */
    private long countBelow(int base, int end) {
        int full = end >>> 6;
        long count = 0;
        for (int word = 0; word < full; word++) {
            count += Long.bitCount(bits[base + word]);
        }
        int rest = end & 63;
        if (rest != 0) {
            count += Long.bitCount(bits[base + full] & ((1L << rest) - 1));
        }
        return count;
    }
}
