package manynuts.diagnostics;

/**
 * Direct sums of lagged products of one centred series, {@code sum_t x[t] x[t + lag]}, eight lags per sweep held in
 * registers: each value read is multiplied into eight independent accumulators by fused multiply-adds (one
 * instruction and one rounding each), so the sweep runs at the machine's multiply-add rate where an accumulator array
 * would cost a load and a store per product.
 */
final class LagSums {

    /** Lags summed per sweep over the series. */
    static final int BLOCK = 8;

    private LagSums() {
    }

    /**
     * Adds {@code sum_t centred[t] centred[t + lag] / length} to {@code sums[lag]} for lags [from, to).
     *
     * @param centred the series at [0, length); not modified
     * @param sums modified at [from, to)
     */
    static void add(double[] centred, int length, int from, int to, double[] sums) {
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
