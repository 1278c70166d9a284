package manynuts.diagnostics.order;

import manynuts.diagnostics.draws.DrawsShape;

/**
 * All draws of one parameter in ascending order, each with the chain and draw it came from. A 64-bit key packs the
 * leading bits of the value's order-preserving bit pattern above the draw's (chain, draw) position; a radix sort
 * ({@link KeySort}, most significant digits first, finished in the cache) orders the leading bits only, being stable
 * on positions, and the rare runs whose leading bits tie are ordered by their full values while in the cache.
 * That costs a few linear passes where a comparison sort of millions of (value, position) pairs costs tens of
 * cache-missing passes.
 * Holds its buffers between calls; not thread-safe.
 */
public final class PooledOrder {

    /** Draws beyond which keys are binned by {@link KeySort#FINE_BITS} leading bits, not {@link KeySort#TOP_BITS}. */
    private static final int FINE_BINS_FROM = 1 << 16;

    private final KeySort keySort = new KeySort();
    /** Keys per leading-bits bin ({@link KeySort#FINE_BITS} bits), then the slot each bin's keys go to. */
    private int[] binCounts = new int[0];
    private int[] binSlots = new int[0];
    private final KeySort.Slots slots = new KeySort.Slots();
    private long[] keys = new long[0];
    private long[] buffer = new long[0];
    private double[] sorted = new double[0];
    private int drawBits;
    private int positionBits;
    private int count;

    /**
     * Sorts the pooled draws; afterwards {@link #sorted()}, {@link #chainAt} and {@link #drawAt} describe them.
     *
     * @param draws [chain][draw], rectangular and not empty; not modified
     * @return false, with nothing sorted, if a draw is NaN
     */
    public boolean sort(double[][] draws, DrawsShape shape) {
        int chains = shape.chains();
        int length = shape.drawsPerChain();
        count = shape.totalDraws();
        drawBits = bitsFor(length);
        positionBits = drawBits + bitsFor(chains);
        ensureCapacity(count);
        // Fine bins pay for clearing and laying out their tables only once some groups overflow the cache.
        int binBits = count > FINE_BINS_FROM ? KeySort.FINE_BITS : KeySort.TOP_BITS;
        int binShift = 64 - binBits;
        if (binCounts.length < 1 << binBits) {
            binCounts = new int[1 << binBits];
            binSlots = new int[1 << binBits];
        }
        java.util.Arrays.fill(binCounts, 0, 1 << binBits, 0);
        // One pass counts the keys in each bin of their leading bits, a second writes each key straight into its
        // slot.
        for (double[] values : draws) {
            for (int t = 0; t < length; t++) {
                double value = values[t];
                if (value != value) {
                    return false;
                }
                binCounts[(int) (orderedBits(value) >>> binShift)]++;
            }
        }
        int[] next = slots.layOut(binCounts, binSlots, binBits);
        long positionMask = (1L << positionBits) - 1;
        for (int chain = 0; chain < chains; chain++) {
            double[] values = draws[chain];
            long chainBits = (long) chain << drawBits;
            for (int t = 0; t < length; t++) {
                long ordered = orderedBits(values[t]);
                int at = next[binSlots[(int) (ordered >>> binShift)]]++;
                buffer[at] = (ordered & ~positionMask) | chainBits | t;
                sorted[at] = values[t];
            }
        }
        keySort.sortSlots(buffer, keys, sorted, slots, positionBits);
        return true;
    }

    /** The value's bits, flipped so that they order as unsigned integers the way the values do. */
    private static long orderedBits(double value) {
        // + 0.0 turns -0.0 into 0.0, which ranks as a tie, as in R.
        long bits = Double.doubleToRawLongBits(value + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
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

    /** Whether it holds buffers sized by the draws: its own, or the sort's for large slots. */
    public boolean holdsBuffers() {
        return keys.length > 0 || keySort.holdsBuffers();
    }

    /** Lets the draw-sized buffers go, for the collector to take; the next sort makes new ones. */
    public void releaseBuffers() {
        keys = new long[0];
        buffer = new long[0];
        sorted = new double[0];
        keySort.releaseBuffers();
    }

    /** The draws in ascending order, positions [0, count). */
    public double[] sorted() {
        return sorted;
    }

    int count() {
        return count;
    }


    /**
     * Whether the k-th smallest draw equals the one before it; reads the values only when the keys' leading bits,
     * which equal values share, say they may.
     */
    boolean equalsPrevious(int k) {
        return (keys[k - 1] ^ keys[k]) >>> positionBits == 0 && sorted[k - 1] == sorted[k];
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
    public long[] releaseKeys() {
        return keys;
    }

    /**
     * The sort's scratch buffer, free once {@link #sort} has returned and until it is called again: at least
     * {@link #count()} values, for callers to borrow. Modified by the next sort.
     */
    public long[] scratch() {
        return buffer;
    }
}
