package manynuts.nuts;

/**
 * The chains one block operation touches in a global step, in the order they were added: the {@code list, count}
 * pair of every {@link manynuts.backend.ChainBlock} method. Refilled each step; it never allocates.
 */
final class ChainList {
    /** The chains, {@code chains[0..count)}; the array is passed to the block as it is. */
    final int[] chains;
    int count;

    ChainList(int capacity) {
        chains = new int[capacity];
    }

    void add(int chain) {
        chains[count++] = chain;
    }

    int get(int i) {
        return chains[i];
    }

    boolean isEmpty() {
        return count == 0;
    }

    void clear() {
        count = 0;
    }
}
