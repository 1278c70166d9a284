package manynuts.models.stan.runtime;

import manynuts.models.UniformStream;

/**
 * The random number generator of a program's {@code _rng} calls. While sampling, generated quantities draw from the
 * sampler's stream for the chain's draw (counter-based Philox, so a run's draws do not depend on threads or
 * backend); elsewhere (transformed data, or outputs asked for without a stream) from xoshiro256** (Blackman and
 * Vigna 2018) seeded by SplitMix64 from a seed and the point.
 */
public final class Rng {
    /** The draw's stream while sampling, or null to use xoshiro256**. */
    private UniformStream stream;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public Rng(long seed) {
        reseed(seed);
    }

    /**
     * Draws from the sampler's stream of one draw when it is given; otherwise restarts xoshiro256** from
     * {@code seed} and the coordinates {@code u[offset .. offset + n - 1]}.
     */
    public void use(UniformStream drawStream, long seed, double[] u, int offset, int n) {
        stream = drawStream;
        if (drawStream == null) {
            reseed(seed, u, offset, n);
        }
    }

    /** Restarts the stream from {@code seed}. */
    public void reseed(long seed) {
        stream = null;
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
        if (stream != null) {
            // Two uniforms' 53 bits each, overlapped into 64.
            long high = (long) (stream.nextUniform() * 0x1.0p53);
            long low = (long) (stream.nextUniform() * 0x1.0p53);
            return (high << 11) ^ low;
        }
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
        if (stream != null) {
            double u = stream.nextUniform();
            return u == 0.0 ? 0x1.0p-54 : u;
        }
        return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }
}
