package manynuts.diagnostics;

/**
 * Finishes a most-significant-digit radix sort of 64-bit keys already grouped by their top {@link #TOP_BITS} bits:
 * a group small enough for the cache is sorted there by least-significant-digit passes; a larger one is first
 * split once more by the next {@link #TOP_BITS} bits, then each part is sorted the same way. So most keys cross
 * main memory once or twice, where sorting every digit from the least significant up streams all keys through
 * memory once per digit. Every pass is stable, so keys equal in the sorted bits keep their order. Holds its small
 * buffers between calls; not thread-safe.
 */
final class KeySort {

    /** Bits of each most-significant digit. */
    static final int TOP_BITS = 12;
    /** Keys per group sorted inside the cache: the group and its buffer take 256 KiB. */
    private static final int CACHE_KEYS = 1 << 14;
    private static final int INSERTION_SORT_LIMIT = 24;
    private static final int DIGIT_BITS = 8;

    private final long[] cacheBuffer = new long[CACHE_KEYS];
    private final int[] digitCounts = new int[1 << DIGIT_BITS];
    private final int[] partStarts = new int[(1 << TOP_BITS) + 1];
    private final int[] partNext = new int[1 << TOP_BITS];

    /**
     * Sorts each group {@code grouped[groupStarts[g], groupStarts[g + 1])} by the key bits [lowBit, 64 - TOP_BITS),
     * the group's keys sharing the bits above, and writes the result to the same positions of {@code sorted}.
     *
     * @param grouped keys grouped by their top bits, each group in the order its keys should keep on ties;
     *     modified (used as a buffer)
     * @param sorted the sorted keys; modified
     * @param groupStarts {@code groups + 1} ascending offsets; not modified
     */
    void sortGroups(long[] grouped, long[] sorted, int[] groupStarts, int groups, int lowBit) {
        int groupLowBit = 64 - TOP_BITS;
        int partLowBit = Math.max(lowBit, groupLowBit - TOP_BITS);
        for (int group = 0; group < groups; group++) {
            int from = groupStarts[group];
            int size = groupStarts[group + 1] - from;
            if (size <= CACHE_KEYS) {
                System.arraycopy(grouped, from, sorted, from, size);
                sortRange(sorted, from, size, lowBit, groupLowBit, grouped);
                continue;
            }
            splitGroup(grouped, sorted, from, size, partLowBit, groupLowBit);
            for (int part = 0; part < (1 << (groupLowBit - partLowBit)); part++) {
                int partFrom = partStarts[part];
                sortRange(sorted, partFrom, partStarts[part + 1] - partFrom, lowBit, partLowBit, grouped);
            }
        }
    }

    /** Stable scatter of {@code grouped[from, from + size)} into {@code sorted} by the key bits [lowBit, highBit). */
    private void splitGroup(long[] grouped, long[] sorted, int from, int size, int lowBit, int highBit) {
        int parts = 1 << (highBit - lowBit);
        int mask = parts - 1;
        java.util.Arrays.fill(partStarts, 0, parts + 1, 0);
        for (int k = from; k < from + size; k++) {
            partStarts[((int) (grouped[k] >>> lowBit) & mask) + 1]++;
        }
        partStarts[0] = from;
        for (int part = 0; part < parts; part++) {
            partStarts[part + 1] += partStarts[part];
        }
        System.arraycopy(partStarts, 0, partNext, 0, parts);
        for (int k = from; k < from + size; k++) {
            long key = grouped[k];
            sorted[partNext[(int) (key >>> lowBit) & mask]++] = key;
        }
    }

    /**
     * Sorts {@code keys[from, from + size)} stably by the bits [lowBit, highBit), in the cache buffer when the range
     * fits, otherwise through {@code spare} at the same positions.
     */
    private void sortRange(long[] keys, int from, int size, int lowBit, int highBit, long[] spare) {
        if (size <= 1 || lowBit >= highBit) {
            return;
        }
        if (size <= INSERTION_SORT_LIMIT) {
            insertionSort(keys, from, size, lowBit);
            return;
        }
        long all = -1L;
        long any = 0L;
        for (int k = from; k < from + size; k++) {
            all &= keys[k];
            any |= keys[k];
        }
        long varying = all ^ any;
        boolean small = size <= CACHE_KEYS;
        long[] buffer = small ? cacheBuffer : spare;
        int bufferFrom = small ? 0 : from;
        boolean inBuffer = false;
        for (int shift = lowBit; shift < highBit; shift += DIGIT_BITS) {
            int bits = Math.min(DIGIT_BITS, highBit - shift);
            int mask = (1 << bits) - 1;
            if ((varying >>> shift & mask) == 0) {
                continue;
            }
            long[] source = inBuffer ? buffer : keys;
            int sourceFrom = inBuffer ? bufferFrom : from;
            long[] target = inBuffer ? keys : buffer;
            int targetFrom = inBuffer ? from : bufferFrom;
            java.util.Arrays.fill(digitCounts, 0, mask + 1, 0);
            for (int k = sourceFrom; k < sourceFrom + size; k++) {
                digitCounts[(int) (source[k] >>> shift) & mask]++;
            }
            int offset = targetFrom;
            for (int digit = 0; digit <= mask; digit++) {
                int count = digitCounts[digit];
                digitCounts[digit] = offset;
                offset += count;
            }
            for (int k = sourceFrom; k < sourceFrom + size; k++) {
                long key = source[k];
                target[digitCounts[(int) (key >>> shift) & mask]++] = key;
            }
            inBuffer = !inBuffer;
        }
        if (inBuffer) {
            System.arraycopy(buffer, bufferFrom, keys, from, size);
        }
    }

    /** Stable insertion sort by the key bits from lowBit up (the bits above are shared within a range). */
    private static void insertionSort(long[] keys, int from, int size, int lowBit) {
        for (int i = from + 1; i < from + size; i++) {
            long key = keys[i];
            long rank = key >>> lowBit;
            int j = i - 1;
            while (j >= from && keys[j] >>> lowBit > rank) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = key;
        }
    }
}
