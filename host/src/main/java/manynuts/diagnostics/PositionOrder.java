package manynuts.diagnostics;

/**
 * Puts normal scores listed in sorted-draw order back in draw order. Each entry packs a score, in fixed point, above
 * its draw's dense position; grouping the entries by their high position bits first, in one streaming pass, keeps
 * the final writes inside a cache-sized window, where writing each score straight to its position would miss the
 * cache and the TLB on nearly every write. The scores keep 60 - positionBits fraction bits (2^-36 for 16 million
 * draws), far below what any summary can resolve.
 */
final class PositionOrder {

    /** At most 2^10 buckets, so the scatter pass writes few enough streams for the TLB and write buffers. */
    private static final int MAX_BUCKET_BITS = 10;
    /** |score| < 2^3: Blom's scores stay below 6.3 for up to 2^31 draws. */
    private static final int INTEGER_BITS = 3;

    /** Where the next entry of each bucket goes. */
    private int[] next = new int[0];

    /** The fixed-point entry for a score at a position, for {@link #restore}. */
    static long entry(double score, long position, int positionBits) {
        return (Math.round(Math.scalb(score, fractionBits(positionBits))) << positionBits) | position;
    }

    private static int fractionBits(int positionBits) {
        return 63 - positionBits - INTEGER_BITS;
    }

    /**
     * Turns {@code entries[0, count)}, made by {@link #entry} for each position 0..count-1 once, into the raw bits
     * of the scores at their positions. Because the positions are exactly 0..count-1, every bucket of high
     * position bits holds a known number of entries: one scatter pass groups the entries by bucket with no
     * histogram, and a second pass puts each entry home inside its bucket's window, which stays in cache.
     *
     * @param entries modified; holds the result
     * @param buffer at least {@code count} long; modified
     */
    void restore(long[] entries, long[] buffer, int count, int positionBits) {
        int windowBits = Math.max(0, positionBits - MAX_BUCKET_BITS);
        int buckets = (int) (((long) count + (1L << windowBits) - 1) >>> windowBits);
        if (next.length < buckets) {
            next = new int[buckets];
        }
        for (int bucket = 0; bucket < buckets; bucket++) {
            next[bucket] = bucket << windowBits;
        }
        long positionMask = (1L << positionBits) - 1;
        for (int k = 0; k < count; k++) {
            long entry = entries[k];
            buffer[next[(int) ((entry & positionMask) >>> windowBits)]++] = entry;
        }
        int fractionBits = fractionBits(positionBits);
        for (int k = 0; k < count; k++) {
            long entry = buffer[k];
            entries[(int) (entry & positionMask)] =
                    Double.doubleToRawLongBits(Math.scalb((double) (entry >> positionBits), -fractionBits));
        }
    }
}
