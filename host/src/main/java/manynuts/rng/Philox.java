package manynuts.rng;

/**
 * Philox-4x32-10, the counter-based generator of Salmon et al. (2011), "Parallel random numbers: as easy as
 * 1, 2, 3": a keyed bijection of a 128-bit counter, so any draw of any chain can be computed directly.
 *
 * <p>The CUDA kernels implement the same function bit for bit; the known-answer vectors of the paper's
 * reference implementation pin both.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() {
    }

    /**
     * Encrypts the counter {@code (x0, x1, x2, x3)} under key {@code (k0, k1)}.
     *
     * @param out modified: the four output words
     */
    public static void block(int x0, int x1, int x2, int x3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            long p0 = M0 * (x0 & 0xFFFFFFFFL);
            long p1 = M1 * (x2 & 0xFFFFFFFFL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            x0 = hi1 ^ x1 ^ k0;
            x1 = lo1;
            x2 = hi0 ^ x3 ^ k1;
            x3 = lo0;
            k0 += W0;
            k1 += W1;
        }
        out[0] = x0;
        out[1] = x1;
        out[2] = x2;
        out[3] = x3;
    }
}
