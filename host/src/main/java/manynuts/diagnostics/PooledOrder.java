package manynuts.diagnostics;

/**
 * All draws of one parameter in ascending order, each with the chain and draw it came from. A 64-bit key packs the
 * leading bits of the value's order-preserving bit pattern above the draw's (chain, draw) position; an LSD radix sort
 * orders the leading bits only, being stable on positions, and the rare runs whose leading bits tie are then ordered
 * by their full values. That costs a few linear passes where a comparison sort of millions of (value, position)
 * pairs costs tens of cache-missing passes. Holds its buffers between calls; not thread-safe.
 */
final class PooledOrder {

    private static final int MAX_DIGIT_BITS = 11;

    private long[] keys = new long[0];
    private long[] buffer = new long[0];
    private double[] sorted = new double[0];
    private int[] histograms = new int[0];
    private int drawBits;
    private int positionBits;
    private int count;

    /**
     * Sorts the pooled draws; afterwards {@link #sorted()}, {@link #chainAt} and {@link #drawAt} describe them.
     *
     * @param draws [chain][draw], rectangular and not empty; not modified
     * @return false, with nothing sorted, if a draw is NaN
     */
    boolean sort(double[][] draws, DrawsShape shape) {
        int chains = shape.chains();
        int length = shape.drawsPerChain();
        count = shape.totalDraws();
        drawBits = bitsFor(length);
        positionBits = drawBits + bitsFor(chains);
        ensureCapacity(count);
        int keyBits = 64 - positionBits;
        int passes = (keyBits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
        int digitBits = (keyBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        if (histograms.length < passes * buckets) {
            histograms = new int[passes * buckets];
        }
        java.util.Arrays.fill(histograms, 0, passes * buckets, 0);
        long positionMask = (1L << positionBits) - 1;
        int digitMask = buckets - 1;
        int k = 0;
        for (int chain = 0; chain < chains; chain++) {
            double[] values = draws[chain];
            long chainBits = (long) chain << drawBits;
            for (int t = 0; t < length; t++) {
                double value = values[t];
                if (value != value) {
                    return false;
                }
                // + 0.0 turns -0.0 into 0.0, which ranks as a tie, as in R.
                long bits = Double.doubleToRawLongBits(value + 0.0);
                long ordered = bits ^ ((bits >> 63) | Long.MIN_VALUE);
                long key = (ordered & ~positionMask) | chainBits | t;
                keys[k++] = key;
                long digits = key >>> positionBits;
                for (int pass = 0; pass < passes; pass++) {
                    histograms[pass * buckets + ((int) (digits >>> (pass * digitBits)) & digitMask)]++;
                }
            }
        }
        for (int pass = 0; pass < passes; pass++) {
            radixPass(pass * buckets, buckets, positionBits + pass * digitBits, digitMask);
        }
        gatherValues(draws);
        orderTiedPrefixes();
        return true;
    }

    /** One stable counting-sort pass of keys into buffer on one digit, skipped when every key shares the digit. */
    private void radixPass(int histogramOffset, int buckets, int shift, int digitMask) {
        int offset = 0;
        for (int bucket = 0; bucket < buckets; bucket++) {
            int size = histograms[histogramOffset + bucket];
            if (size == count) {
                return;
            }
            histograms[histogramOffset + bucket] = offset;
            offset += size;
        }
        long[] source = keys;
        long[] target = buffer;
        for (int k = 0; k < count; k++) {
            long key = source[k];
            target[histograms[histogramOffset + ((int) (key >>> shift) & digitMask)]++] = key;
        }
        keys = target;
        buffer = source;
    }

    private void gatherValues(double[][] draws) {
        int drawMask = (1 << drawBits) - 1;
        for (int k = 0; k < count; k++) {
            long key = keys[k];
            sorted[k] = draws[(int) (key >>> drawBits) & chainMask()][(int) key & drawMask];
        }
    }

    /** Keys equal in their leading bits hold values the radix passes could not tell apart; sort those runs. */
    private void orderTiedPrefixes() {
        int start = 0;
        while (start < count) {
            long prefix = keys[start] >>> positionBits;
            int end = start + 1;
            boolean ascending = true;
            while (end < count && keys[end] >>> positionBits == prefix) {
                ascending &= sorted[end - 1] <= sorted[end];
                end++;
            }
            if (!ascending) {
                IndexedSort.sort(sorted, keys, start, end);
            }
            start = end;
        }
    }

    private int chainMask() {
        return (int) ((1L << (positionBits - drawBits)) - 1);
    }

    private static int bitsFor(int size) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(size - 1, 1)));
    }

    private void ensureCapacity(int size) {
        if (keys.length < size) {
            keys = new long[size];
            buffer = new long[size];
            sorted = new double[size];
        }
    }

    /** The draws in ascending order, positions [0, count). */
    double[] sorted() {
        return sorted;
    }

    int count() {
        return count;
    }

    /** The chain of the k-th smallest draw. */
    int chainAt(int k) {
        return (int) (keys[k] >>> drawBits) & chainMask();
    }

    /** The draw index within its chain of the k-th smallest draw. */
    int drawAt(int k) {
        return (int) keys[k] & ((1 << drawBits) - 1);
    }

    /**
     * The keys, for callers to borrow once they are done with {@link #chainAt} and {@link #drawAt}, which are
     * meaningless from then until the next sort: at least {@link #count()} long. Modified by the next sort.
     */
    long[] releaseKeys() {
        return keys;
    }

    /**
     * The sort's scratch buffer, free once {@link #sort} has returned and until it is called again: at least
     * {@link #count()} values, for callers to borrow. Modified by the next sort.
     */
    long[] scratch() {
        return buffer;
    }
}
