package manynuts.diagnostics.order;

/**
 * Finishes a most-significant-digit radix sort of 64-bit keys, each carrying its draw's value, already scattered
 * into slots ({@link Slots}) by their leading bits: {@link #TOP_BITS} bits where few keys share them, so that the
 * slot fits in the cache, and {@link #FINE_BITS} where many do (for draws of a normal shape, most keys lie in a few
 * binades). A slot small enough for the cache is sorted there by least-significant-digit passes; a larger one is
 * split by the next {@link #SPLIT_BITS} bits, a scatter of few streams whose parts mostly fit in the cache, and so
 * on down. So most keys and values cross main memory once after the first scatter, where sorting every digit from
 * the least significant up streams all keys through memory once per digit, and no value is fetched back from the
 * draws at a random address. Every radix pass is stable, so keys equal in the sorted bits keep their order; keys
 * equal in all their bits are ordered by value, which may leave equal values in any order. Holds its buffers between
 * calls: part buffers for slots of up to {@link #MAX_PART_KEYS} keys, and for a bigger slot a buffer of its values as
 * long as the largest such slot; not thread-safe.
 */
final class KeySort {

    /** Leading bits that group keys when few keys share them: sign and exponent. */
    static final int TOP_BITS = 12;
    /** Leading bits that place keys into slots where a {@link #TOP_BITS} group holds many keys. */
    static final int FINE_BITS = 18;
    /** Bits each split of a slot too big for the cache sorts by. */
    private static final int SPLIT_BITS = 6;
    /** Keys per range sorted inside the cache: keys, values and their buffers take 256 KiB. */
    private static final int CACHE_KEYS = 1 << 13;
    private static final int INSERTION_SORT_LIMIT = 24;
    private static final int DIGIT_BITS = 8;
    /** Largest slot split through the part buffers: 2 MiB of keys and values. */
    private static final int MAX_PART_KEYS = 1 << 17;

    private final long[] cacheKeys = new long[CACHE_KEYS];
    private final long[] cacheValues = new long[CACHE_KEYS];
    private final long[] bufferKeys = new long[CACHE_KEYS];
    private final long[] bufferValues = new long[CACHE_KEYS];
    private final int[] digitCounts = new int[1 << DIGIT_BITS];
    /** Part starts of a split at each depth of {@link #sortLarge}. */
    private final int[][] levelStarts = new int[64 / SPLIT_BITS + 1][(1 << SPLIT_BITS) + 1];
    private final int[] partNext = new int[1 << SPLIT_BITS];
    /** The values of a slot being split, as long as the largest such slot so far beyond the part buffers. */
    private double[] splitValues = new double[0];
    /**
     * Keys and values of a slot as its first split leaves them, for slots of up to {@link #MAX_PART_KEYS} keys: the
     * buffers stay in the outer caches from one slot to the next, where the slot's own positions in the sorted keys
     * would be fetched from memory and written back to it once more.
     */
    private long[] partKeys = new long[0];
    private double[] partValues = new double[0];

    /**
     * Where the first scatter puts keys: a slot per {@link #TOP_BITS} group of at most {@link #CACHE_KEYS} keys, and
     * one per non-empty {@link #FINE_BITS} bin of a larger group (or one per group when the keys are binned by
     * {@link #TOP_BITS} bits only), in key order.
     */
    static final class Slots {
        private int[] starts = new int[0];
        private int[] highBits = new int[0];
        private int[] next = new int[0];
        private int count;

        /**
         * Lays the slots out from the keys per bin of their leading {@code binBits} bits, {@link #TOP_BITS} or
         * {@link #FINE_BITS}; with {@link #TOP_BITS} every group is one slot, however big.
         *
         * @param binCounts keys per bin, at [0, 2^binBits); not modified
         * @param binSlots modified: the slot of each non-empty bin
         * @return where the next key of each slot goes, for the scatter to advance
         */
        int[] layOut(int[] binCounts, int[] binSlots, int binBits) {
            if (next.length < 1 << binBits) {
                starts = new int[(1 << binBits) + 1];
                highBits = new int[1 << binBits];
                next = new int[1 << binBits];
            }
            int binsPerGroup = 1 << (binBits - TOP_BITS);
            int slot = 0;
            int offset = 0;
            for (int first = 0; first < 1 << binBits; first += binsPerGroup) {
                int size = 0;
                for (int bin = first; bin < first + binsPerGroup; bin++) {
                    size += binCounts[bin];
                }
                if (size == 0) {
                    continue;
                }
                if (size <= CACHE_KEYS || binsPerGroup == 1) {
                    java.util.Arrays.fill(binSlots, first, first + binsPerGroup, slot);
                    starts[slot] = offset;
                    highBits[slot++] = 64 - TOP_BITS;
                    offset += size;
                    continue;
                }
                for (int bin = first; bin < first + binsPerGroup; bin++) {
                    if (binCounts[bin] > 0) {
                        binSlots[bin] = slot;
                        starts[slot] = offset;
                        highBits[slot++] = 64 - binBits;
                        offset += binCounts[bin];
                    }
                }
            }
            starts[slot] = offset;
            count = slot;
            System.arraycopy(starts, 0, next, 0, count);
            return next;
        }
    }

    /** Whether it holds buffers sized by the largest slot so far. */
    boolean holdsBuffers() {
        return splitValues.length > 0 || partKeys.length > 0;
    }

    /** Lets the buffers sized by the largest slot so far go. */
    void releaseBuffers() {
        splitValues = new double[0];
        partKeys = new long[0];
        partValues = new double[0];
    }

    /**
     * Sorts each slot by the key bits [lowBit, its high bit), the slot's keys sharing the bits above, and writes
     * the sorted keys and their values to the same positions.
     *
     * @param grouped keys in their slots, each slot in the order its keys keep on ties; modified (used as a buffer)
     * @param sorted the sorted keys; modified
     * @param values on entry the value of each key of {@code grouped}, on return of each key of {@code sorted};
     *     modified
     * @param slots where each slot starts and how many leading bits its keys share; not modified
     */
    void sortSlots(long[] grouped, long[] sorted, double[] values, Slots slots, int lowBit) {
        for (int slot = 0; slot < slots.count; slot++) {
            int from = slots.starts[slot];
            int size = slots.starts[slot + 1] - from;
            int highBit = slots.highBits[slot];
            if (size <= CACHE_KEYS) {
                for (int k = 0; k < size; k++) {
                    cacheKeys[k] = grouped[from + k];
                    cacheValues[k] = Double.doubleToRawLongBits(values[from + k]);
                }
                sortInCache(size, lowBit, highBit, sorted, values, from);
                continue;
            }
            // The splits alternate between (grouped, values) and the part buffers, or (sorted, splitValues) for a
            // slot too big for those; each range they leave is consumed before anything is written over it.
            if (size <= MAX_PART_KEYS) {
                if (partKeys.length < size) {
                    partKeys = new long[size];
                    partValues = new double[size];
                }
                sortLarge(0, grouped, 0, values, 0, partKeys, -from, partValues, -from, sorted, values, from, size,
                        highBit, lowBit);
                continue;
            }
            if (splitValues.length < size) {
                splitValues = new double[size];
            }
            sortLarge(0, grouped, 0, values, 0, sorted, 0, splitValues, -from, sorted, values, from, size, highBit,
                    lowBit);
        }
    }

    /**
     * Sorts the keys at {@code sourceKeys[k + sourceKeyShift]} for k in [from, from + size), values at
     * {@code sourceValues[k + sourceValueShift]}, which share their bits from highBit up, into {@code keys} and
     * {@code values} at positions [from, from + size), splitting through the other pair of buffers.
     */
    private void sortLarge(int depth, long[] sourceKeys, int sourceKeyShift, double[] sourceValues,
            int sourceValueShift, long[] otherKeys, int otherKeyShift, double[] otherValues, int otherValueShift,
            long[] keys, double[] values, int from, int size, int highBit, int lowBit) {
        long all = -1L;
        long any = 0L;
        for (int k = from + sourceKeyShift; k < from + sourceKeyShift + size; k++) {
            all &= sourceKeys[k];
            any |= sourceKeys[k];
        }
        // Skip leading bits every key shares: crowded draws would otherwise split into one part, level after level.
        long varying = (all ^ any) & (highBit >= 64 ? -1L : (1L << highBit) - 1) & (-1L << lowBit);
        if (varying == 0) {
            if (sourceKeys != keys) {
                System.arraycopy(sourceKeys, from + sourceKeyShift, keys, from, size);
            }
            System.arraycopy(sourceValues, from + sourceValueShift, values, from, size);
            IndexedSort.sort(values, keys, from, from + size);
            return;
        }
        int top = 64 - Long.numberOfLeadingZeros(varying);
        int splitLow = Math.max(lowBit, top - SPLIT_BITS);
        int[] starts = levelStarts[depth];
        int parts = split(sourceKeys, sourceKeyShift, sourceValues, sourceValueShift, otherKeys, otherKeyShift,
                otherValues, otherValueShift, from, size, splitLow, top, starts);
        for (int part = 0; part < parts; part++) {
            int partFrom = from + starts[part];
            int partSize = starts[part + 1] - starts[part];
            if (partSize == 0) {
                continue;
            }
            if (partSize <= CACHE_KEYS) {
                System.arraycopy(otherKeys, partFrom + otherKeyShift, cacheKeys, 0, partSize);
                for (int k = 0; k < partSize; k++) {
                    cacheValues[k] = Double.doubleToRawLongBits(otherValues[partFrom + otherValueShift + k]);
                }
                sortInCache(partSize, lowBit, splitLow, keys, values, partFrom);
            } else {
                sortLarge(depth + 1, otherKeys, otherKeyShift, otherValues, otherValueShift, sourceKeys, sourceKeyShift,
                        sourceValues, sourceValueShift, keys, values, partFrom, partSize, splitLow, lowBit);
            }
        }
    }

    /**
     * Stable scatter, by the key bits [lowBit, highBit), of the keys at positions k in [keysFrom, keysFrom + size)
     * to positions at in the same range: each key goes from {@code keysIn[k + keysInShift]} to
     * {@code keysOut[at + keysOutShift]} and its value from {@code valuesIn[k + valuesInShift]} to
     * {@code valuesOut[at + valuesOutShift]}. Leaves each part's start, relative to {@code keysFrom}, in
     * {@code starts} and returns the number of parts.
     */
    private int split(long[] keysIn, int keysInShift, double[] valuesIn, int valuesInShift, long[] keysOut,
            int keysOutShift, double[] valuesOut, int valuesOutShift, int keysFrom, int size, int lowBit,
            int highBit, int[] starts) {
        int parts = 1 << (highBit - lowBit);
        int mask = parts - 1;
        java.util.Arrays.fill(starts, 0, parts + 1, 0);
        int end = keysFrom + size;
        for (int k = keysFrom; k < end; k++) {
            starts[((int) (keysIn[k + keysInShift] >>> lowBit) & mask) + 1]++;
        }
        for (int part = 0; part < parts; part++) {
            starts[part + 1] += starts[part];
        }
        for (int part = 0; part < parts; part++) {
            partNext[part] = keysFrom + starts[part];
        }
        for (int k = keysFrom; k < end; k++) {
            long key = keysIn[k + keysInShift];
            int at = partNext[(int) (key >>> lowBit) & mask]++;
            keysOut[at + keysOutShift] = key;
            valuesOut[at + valuesOutShift] = valuesIn[k + valuesInShift];
        }
        return parts;
    }

    /**
     * Sorts {@code cacheKeys[0, size)} with {@code cacheValues} stably by the key bits [lowBit, highBit) and writes
     * them to {@code keys} and {@code values} from {@code to}.
     */
    private void sortInCache(int size, int lowBit, int highBit, long[] keys, double[] values, int to) {
        long[] sourceKeys = cacheKeys;
        long[] sourceValues = cacheValues;
        if (size <= INSERTION_SORT_LIMIT) {
            insertionSort(size, lowBit);
        } else {
            long all = -1L;
            long any = 0L;
            for (int k = 0; k < size; k++) {
                all &= sourceKeys[k];
                any |= sourceKeys[k];
            }
            long varying = all ^ any;
            long[] targetKeys = bufferKeys;
            long[] targetValues = bufferValues;
            for (int shift = lowBit; shift < highBit; shift += DIGIT_BITS) {
                int mask = (1 << Math.min(DIGIT_BITS, highBit - shift)) - 1;
                if ((varying >>> shift & mask) == 0) {
                    continue;
                }
                java.util.Arrays.fill(digitCounts, 0, mask + 1, 0);
                for (int k = 0; k < size; k++) {
                    digitCounts[(int) (sourceKeys[k] >>> shift) & mask]++;
                }
                int offset = 0;
                for (int digit = 0; digit <= mask; digit++) {
                    int count = digitCounts[digit];
                    digitCounts[digit] = offset;
                    offset += count;
                }
                for (int k = 0; k < size; k++) {
                    long key = sourceKeys[k];
                    int at = digitCounts[(int) (key >>> shift) & mask]++;
                    targetKeys[at] = key;
                    targetValues[at] = sourceValues[k];
                }
                long[] swap = sourceKeys;
                sourceKeys = targetKeys;
                targetKeys = swap;
                swap = sourceValues;
                sourceValues = targetValues;
                targetValues = swap;
            }
        }
        System.arraycopy(sourceKeys, 0, keys, to, size);
        for (int k = 0; k < size; k++) {
            values[to + k] = Double.longBitsToDouble(sourceValues[k]);
        }
        orderTiedRuns(keys, values, to, to + size, lowBit);
    }

    /**
     * Keys equal in all their bits from lowBit up hold values the radix passes could not tell apart; sorts each run
     * of them by value, while it is still in the cache. Equal values may end in any order.
     */
    private static void orderTiedRuns(long[] keys, double[] values, int from, int to, int lowBit) {
        int start = from;
        while (start < to) {
            long prefix = keys[start] >>> lowBit;
            int end = start + 1;
            boolean ascending = true;
            while (end < to && keys[end] >>> lowBit == prefix) {
                ascending &= values[end - 1] <= values[end];
                end++;
            }
            if (!ascending) {
                IndexedSort.sort(values, keys, start, end);
            }
            start = end;
        }
    }

    /** Stable insertion sort of the cached keys and values by the key bits from lowBit up. */
    private void insertionSort(int size, int lowBit) {
        for (int i = 1; i < size; i++) {
            long key = cacheKeys[i];
            long value = cacheValues[i];
            long rank = key >>> lowBit;
            int j = i - 1;
            while (j >= 0 && cacheKeys[j] >>> lowBit > rank) {
                cacheKeys[j + 1] = cacheKeys[j];
                cacheValues[j + 1] = cacheValues[j];
                j--;
            }
            cacheKeys[j + 1] = key;
            cacheValues[j + 1] = value;
        }
    }
}
