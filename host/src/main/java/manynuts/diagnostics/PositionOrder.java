package manynuts.diagnostics;

import java.util.function.LongUnaryOperator;

/**
 * Puts entries listed in sorted-draw order back in draw order, in place and cache-friendly: entries pack a payload
 * above a dense position, one American-flag pass groups them into blocks of {@value #BLOCK} positions, then each
 * block, small enough for the cache, is scattered within itself. Writing millions of ranks straight to their
 * positions instead misses the cache and the TLB on nearly every write.
 */
final class PositionOrder {

    private static final int BLOCK_BITS = 12;
    private static final int BLOCK = 1 << BLOCK_BITS;

    private int[] next = new int[0];
    private final long[] block = new long[BLOCK];

    /**
     * Rearranges {@code entries[0, count)}, whose low {@code positionBits} bits hold each entry's position, a
     * permutation of 0..count-1, so that {@code entries[position]} becomes {@code convert(entry)}.
     *
     * @param entries modified
     * @param convert maps an entry, position included, to what is stored at its position
     */
    void restore(long[] entries, int count, int positionBits, LongUnaryOperator convert) {
        long positionMask = (1L << positionBits) - 1;
        int blocks = (count + BLOCK - 1) >>> BLOCK_BITS;
        if (next.length < blocks) {
            next = new int[blocks];
        }
        for (int b = 0; b < blocks; b++) {
            next[b] = b << BLOCK_BITS;
        }
        // American flag sort on the block number: each displaced entry moves on to its own block's next free slot.
        for (int b = 0; b < blocks; b++) {
            int end = Math.min((b + 1) << BLOCK_BITS, count);
            while (next[b] < end) {
                long entry = entries[next[b]];
                int target = (int) ((entry & positionMask) >>> BLOCK_BITS);
                while (target != b) {
                    long displaced = entries[next[target]];
                    entries[next[target]++] = entry;
                    entry = displaced;
                    target = (int) ((entry & positionMask) >>> BLOCK_BITS);
                }
                entries[next[b]++] = entry;
            }
        }
        for (int b = 0; b < blocks; b++) {
            int start = b << BLOCK_BITS;
            int size = Math.min(BLOCK, count - start);
            System.arraycopy(entries, start, block, 0, size);
            for (int i = 0; i < size; i++) {
                long entry = block[i];
                entries[(int) (entry & positionMask)] = convert.applyAsLong(entry);
            }
        }
    }
}
