package manynuts.diagnostics;

/**
 * Finishes a most-significant-digit radix sort of 64-bit keys, each carrying its draw's value, already grouped by
 * their top {@link #TOP_BITS} bits: a group small enough for the cache is sorted there by least-significant-digit
 * passes; a larger one is first split once more by the next {@link #TOP_BITS} bits, in two rounds of half as many
 * bits so that each scatter writes few streams, then each part is sorted the same way. So most keys and values cross main memory once or twice, where sorting every digit from the least
 * significant up streams all keys through memory once per digit, and no value is fetched back from the draws at a
 * random address. Every radix pass is stable, so keys equal in the sorted bits keep their order. A part still too
 * big for the cache (draws crowded into a tiny interval) is sorted in place by value instead, which may leave
 * equal values in any order. Holds its buffers between calls, one of them as long as the largest group split;
 * not thread-safe.
 */
final class KeySort {

    /** Bits of each most-significant digit. */
    static final int TOP_BITS = 12;
    /** Keys per range sorted inside the cache: keys, values and their buffers take 256 KiB. */
    private static final int CACHE_KEYS = 1 << 13;
    private static final int INSERTION_SORT_LIMIT = 24;
    private static final int DIGIT_BITS = 8;

    private final long[] cacheKeys = new long[CACHE_KEYS];
    private final long[] cacheValues = new long[CACHE_KEYS];
    private final long[] bufferKeys = new long[CACHE_KEYS];
    private final long[] bufferValues = new long[CACHE_KEYS];
    private final int[] digitCounts = new int[1 << DIGIT_BITS];
    private final int[] outerStarts = new int[(1 << TOP_BITS) + 1];
    private final int[] innerStarts = new int[(1 << TOP_BITS) + 1];
    private final int[] partNext = new int[1 << TOP_BITS];
    /** The values of a group being split, as long as the largest such group so far. */
    private double[] splitValues = new double[0];

    /**
     * Sorts each group {@code [groupStarts[g], groupStarts[g + 1])} by the key bits [lowBit, 64 - TOP_BITS), the
     * group's keys sharing the bits above, and writes the sorted keys and their values to the same positions.
     *
     * @param grouped keys grouped by their top bits, each group in the order its keys keep on ties; modified (used
     *     as a buffer)
     * @param sorted the sorted keys; modified
     * @param values on entry the value of each key of {@code grouped}, on return of each key of {@code sorted};
     *     modified
     * @param groupStarts {@code groups + 1} ascending offsets; not modified
     */
    void sortGroups(long[] grouped, long[] sorted, double[] values, int[] groupStarts, int groups, int lowBit) {
        int groupLowBit = 64 - TOP_BITS;
        int partLowBit = Math.max(lowBit, groupLowBit - TOP_BITS);
        // A big group is split in two rounds of half the bits each, so that each scatter writes few enough streams
        // for the first-level cache and the TLB; the second round works on one outer part, which stays in cache.
        int middleBit = partLowBit + (groupLowBit - partLowBit) / 2;
        for (int group = 0; group < groups; group++) {
            int from = groupStarts[group];
            int size = groupStarts[group + 1] - from;
            if (size <= CACHE_KEYS) {
                for (int k = 0; k < size; k++) {
                    cacheKeys[k] = grouped[from + k];
                    cacheValues[k] = Double.doubleToRawLongBits(values[from + k]);
                }
                sortInCache(size, lowBit, groupLowBit, sorted, values, from);
                continue;
            }
            if (splitValues.length < size) {
                splitValues = new double[size];
            }
            int outerParts = split(grouped, values, 0, sorted, splitValues, -from, from, size, middleBit,
                    groupLowBit, outerStarts);
            for (int outer = 0; outer < outerParts; outer++) {
                int outerFrom = from + outerStarts[outer];
                int outerSize = outerStarts[outer + 1] - outerStarts[outer];
                if (outerSize <= CACHE_KEYS) {
                    System.arraycopy(sorted, outerFrom, cacheKeys, 0, outerSize);
                    for (int k = 0; k < outerSize; k++) {
                        cacheValues[k] = Double.doubleToRawLongBits(splitValues[outerFrom - from + k]);
                    }
                    sortInCache(outerSize, lowBit, middleBit, sorted, values, outerFrom);
                    continue;
                }
                // Back into the group's own slots of grouped and values, which the first round has consumed.
                int innerParts = split(sorted, splitValues, -from, grouped, values, 0, outerFrom, outerSize,
                        partLowBit, middleBit, innerStarts);
                for (int inner = 0; inner < innerParts; inner++) {
                    int partFrom = outerFrom + innerStarts[inner];
                    int partSize = innerStarts[inner + 1] - innerStarts[inner];
                    if (partSize <= CACHE_KEYS) {
                        System.arraycopy(grouped, partFrom, cacheKeys, 0, partSize);
                        for (int k = 0; k < partSize; k++) {
                            cacheValues[k] = Double.doubleToRawLongBits(values[partFrom + k]);
                        }
                        sortInCache(partSize, lowBit, partLowBit, sorted, values, partFrom);
                    } else {
                        System.arraycopy(grouped, partFrom, sorted, partFrom, partSize);
                        IndexedSort.sort(values, sorted, partFrom, partFrom + partSize);
                    }
                }
            }
        }
    }

    /**
     * Stable scatter, by the key bits [lowBit, highBit), of the keys {@code keysIn[keysFrom, keysFrom + size)} into
     * the same range of {@code keysOut}, each key's value going from {@code valuesIn[k + valuesInShift]} to
     * {@code valuesOut[at + valuesOutShift]} as the key goes from k to at. Leaves each part's start, relative to
     * {@code keysFrom}, in {@code starts} and returns the number of parts.
     */
    private int split(long[] keysIn, double[] valuesIn, int valuesInShift, long[] keysOut, double[] valuesOut,
            int valuesOutShift, int keysFrom, int size, int lowBit, int highBit, int[] starts) {
        int parts = 1 << (highBit - lowBit);
        int mask = parts - 1;
        java.util.Arrays.fill(starts, 0, parts + 1, 0);
        int end = keysFrom + size;
        for (int k = keysFrom; k < end; k++) {
            starts[((int) (keysIn[k] >>> lowBit) & mask) + 1]++;
        }
        for (int part = 0; part < parts; part++) {
            starts[part + 1] += starts[part];
        }
        for (int part = 0; part < parts; part++) {
            partNext[part] = keysFrom + starts[part];
        }
        for (int k = keysFrom; k < end; k++) {
            long key = keysIn[k];
            int at = partNext[(int) (key >>> lowBit) & mask]++;
            keysOut[at] = key;
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
