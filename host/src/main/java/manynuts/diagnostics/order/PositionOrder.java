package manynuts.diagnostics.order;

/**
 * Puts normal scores met in sorted-draw order back in draw order. Each entry packs a score, in fixed point, above
 * its draw's dense position; entries go straight into buckets of their high position bits as they are made, and a
 * second pass puts each entry home inside its bucket's window, which stays in cache, where writing each score
 * straight to its position would miss the cache and the TLB on nearly every write. The scores keep
 * 60 - positionBits fraction bits (2^-36 for 16 million draws), far below what any summary can resolve.
 */
public final class PositionOrder {

    /**
     * At most 2^6 buckets: the scatter pass then keeps few enough lines in flight for the first-level cache and the
     * TLB, while each bucket's window (a 64th of the draws) still sits in the outer caches for the second pass.
     */
    private static final int MAX_BUCKET_BITS = 6;
    /** |score| < 2^3: Blom's scores stay below 6.3 for up to 2^31 draws. */
    private static final int INTEGER_BITS = 3;

    /** Where the next entry of each bucket goes. */
    private int[] next = new int[0];
    private int count;
    private int positionBits;
    private int windowBits;
    /** 2^fractionBits and its inverse: scaling by them is exact, as Math.scalb would be. */
    private double scale;
    private double inverseScale;

    /** Starts moving {@code count} entries, one for each position 0..count-1, of {@code positionBits} bits. */
    void begin(int count, int positionBits) {
        this.count = count;
        this.positionBits = positionBits;
        this.windowBits = Math.max(0, positionBits - MAX_BUCKET_BITS);
        int fractionBits = 63 - positionBits - INTEGER_BITS;
        this.scale = Math.scalb(1.0, fractionBits);
        this.inverseScale = Math.scalb(1.0, -fractionBits);
        int buckets = (int) (((long) count + (1L << windowBits) - 1) >>> windowBits);
        if (next.length < buckets) {
            next = new int[buckets];
        }
        // The positions are exactly 0..count-1, so every bucket's size is known without a histogram.
        for (int bucket = 0; bucket < buckets; bucket++) {
            next[bucket] = bucket << windowBits;
        }
    }

    /** The score in fixed point, shifted above the position bits; OR in a position to make an entry. */
    long scoreBits(double score) {
        return Math.round(score * scale) << positionBits;
    }

    /**
     * Puts an entry ({@link #scoreBits} OR its position) into its bucket.
     *
     * @param buckets at least {@code count} long; modified
     */
    void put(long entry, long[] buckets) {
        buckets[next[(int) ((entry & ((1L << positionBits) - 1)) >>> windowBits)]++] = entry;
    }

    /**
     * Once every position has had its entry put, writes the raw bits of each score to {@code home[position]}.
     *
     * @param buckets the entries; not modified
     * @param home at least {@code count} long; modified
     */
    void finish(long[] buckets, long[] home) {
        long positionMask = (1L << positionBits) - 1;
        for (int k = 0; k < count; k++) {
            long entry = buckets[k];
            home[(int) (entry & positionMask)] =
                    Double.doubleToRawLongBits((double) (entry >> positionBits) * inverseScale);
        }
    }
}
