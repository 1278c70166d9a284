package manynuts.diagnostics;

/**
 * Puts normal scores listed in sorted-draw order back in draw order. Each entry packs a score, in fixed point, above
 * its draw's dense position; an LSD radix sort on the position bits, in two or more passes of at most
 * {@value #MAX_DIGIT_BITS} bits, streams through memory where writing each score straight to its position would miss
 * the cache and the TLB on nearly every write. The scores keep 60 - positionBits fraction bits (2^-36 for 16 million
 * draws), far below what any summary can resolve.
 */
final class PositionOrder {

    private static final int MAX_DIGIT_BITS = 12;
    /** |score| < 2^3: Blom's scores stay below 6.3 for up to 2^31 draws. */
    private static final int INTEGER_BITS = 3;

    private int[] histogram = new int[0];

    /** The fixed-point entry for a score at a position, for {@link #restore}. */
    static long entry(double score, long position, int positionBits) {
        return (Math.round(Math.scalb(score, fractionBits(positionBits))) << positionBits) | position;
    }

    private static int fractionBits(int positionBits) {
        return 63 - positionBits - INTEGER_BITS;
    }

    /**
     * Turns {@code entries[0, count)}, made by {@link #entry} for each position 0..count-1 once, into the raw bits
     * of the scores at their positions.
     *
     * @param entries modified; holds the result
     * @param buffer at least {@code count} long; modified
     */
    void restore(long[] entries, long[] buffer, int count, int positionBits) {
        int passes = Math.max(2, (positionBits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS);
        // An even number of passes leaves the result where it started.
        passes += passes % 2;
        int digitBits = (positionBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        if (histogram.length < buckets) {
            histogram = new int[buckets];
        }
        int fractionBits = fractionBits(positionBits);
        long positionMask = (1L << positionBits) - 1;
        long[] source = entries;
        long[] target = buffer;
        for (int pass = 0; pass < passes; pass++) {
            int shift = pass * digitBits;
            int mask = buckets - 1;
            java.util.Arrays.fill(histogram, 0, buckets, 0);
            for (int k = 0; k < count; k++) {
                histogram[(int) ((source[k] & positionMask) >>> shift) & mask]++;
            }
            int offset = 0;
            for (int bucket = 0; bucket < buckets; bucket++) {
                int size = histogram[bucket];
                histogram[bucket] = offset;
                offset += size;
            }
            boolean last = pass == passes - 1;
            for (int k = 0; k < count; k++) {
                long entry = source[k];
                int slot = histogram[(int) ((entry & positionMask) >>> shift) & mask]++;
                target[slot] = last
                        ? Double.doubleToRawLongBits(Math.scalb((double) (entry >> positionBits), -fractionBits))
                        : entry;
            }
            long[] swap = source;
            source = target;
            target = swap;
        }
    }
}
