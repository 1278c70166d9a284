package manynuts.models.stan.runtime;

/**
 * The random number generator of a program's {@code _rng} calls: xoshiro256** (Blackman and Vigna 2018), seeded by
 * SplitMix64. Generated quantities reseed it from the draw's unconstrained coordinates and the program's seed, so a
 * draw's random numbers do not depend on which thread computes them or in what order.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public Rng(long seed) {
        reseed(seed);
    }

    /** Restarts the stream from {@code seed}. */
    public void reseed(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    /** Restarts the stream from a seed and the coordinates {@code u[offset .. offset + n - 1]}. */
    public void reseed(long seed, double[] u, int offset, int n) {
        long h = mix(seed ^ 0x632BE59BD9B4E019L);
        for (int i = 0; i < n; i++) {
            h = mix(h ^ Double.doubleToLongBits(u[offset + i]));
        }
        reseed(h);
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on the open interval (0, 1): never 0 or 1, so its logarithm is finite. */
    public double nextOpen() {
        return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }
}
