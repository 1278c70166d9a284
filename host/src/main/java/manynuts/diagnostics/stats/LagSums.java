package manynuts.diagnostics.stats;

/**
 * Direct sums of lagged products of one centred series, {@code sum_t x[t] x[t + lag]}, eight lags per sweep held in
 * registers: each value read is multiplied into eight independent accumulators by fused multiply-adds (one
 * instruction and one rounding each), so the sweep runs at the machine's multiply-add rate where an accumulator array
 * would cost a load and a store per product. Also says how far a direct pass should reach before the FFT is cheaper.
 */
public final class LagSums {

    /** Lags summed per sweep over the series. */
    public static final int BLOCK = 8;
    /** How far direct lag sums go before the FFT is cheaper. */
    public static final int MAX_DIRECT_LAGS = 64;

    private LagSums() {
    }

    /**
     * How many lags the next direct pass should reach: the autocorrelation at the last lag known, if it decays
     * geometrically, tells roughly where it falls below the noise; past {@link #MAX_DIRECT_LAGS} the FFT is cheaper
     * and this returns {@link Integer#MAX_VALUE}.
     *
     * @param sums autocovariance sums at lags [0, available); not modified
     * @param draws how many draws the sums come from
     */
    public static int nextDirectTarget(double[] sums, int available, int draws) {
        double last = sums[available - 1] / sums[0];
        if (!(last > 0.0) || available < 2) {
            return available + BLOCK;
        }
        double decayPerLag = Math.pow(Math.min(last, 0.999), 1.0 / (available - 1));
        // Lags until the autocorrelation drops below the noise of its estimate (about 1/sqrt(draws), at most 1e-3),
        // where Geyer's pair sums start to turn negative; rounded up to whole blocks.
        double noise = Math.min(1e-3, 1.0 / Math.sqrt(draws));
        double more = Math.log(noise / last) / Math.log(decayPerLag);
        if (!(more < MAX_DIRECT_LAGS)) {
            return Integer.MAX_VALUE;
        }
        int blocks = Math.max(1, (int) Math.ceil(more / BLOCK));
        return available + blocks * BLOCK;
    }

    /**
     * Adds {@code sum_t centred[t] centred[t + lag] / length} to {@code sums[lag]} for lags [from, to).
     *
     * @param centred the series at [0, length); not modified
     * @param sums modified at [from, to)
     */
    public static void add(double[] centred, int length, int from, int to, double[] sums) {
        for (int block = from; block < to; block += BLOCK) {
            addBlock(centred, length, block, Math.min(to, block + BLOCK), sums);
        }
    }

    private static void addBlock(double[] x, int length, int from, int to, double[] sums) {
        double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
        // Every t below fullEnd has all eight partners inside the series.
        int fullEnd = Math.max(0, length - from - (BLOCK - 1));
        int t = 0;
        for (; t < fullEnd; t++) {
            double value = x[t];
            int s = t + from;
            a0 = Math.fma(value, x[s], a0);
            a1 = Math.fma(value, x[s + 1], a1);
            a2 = Math.fma(value, x[s + 2], a2);
            a3 = Math.fma(value, x[s + 3], a3);
            a4 = Math.fma(value, x[s + 4], a4);
            a5 = Math.fma(value, x[s + 5], a5);
            a6 = Math.fma(value, x[s + 6], a6);
            a7 = Math.fma(value, x[s + 7], a7);
        }
        double[] accumulators = {a0, a1, a2, a3, a4, a5, a6, a7};
        for (; t < length - from; t++) {
            double value = x[t];
            for (int j = 0; t + from + j < length; j++) {
                accumulators[j] += value * x[t + from + j];
            }
        }
        for (int lag = from; lag < to; lag++) {
            sums[lag] += accumulators[lag - from] / length;
        }
    }
}
