package manynuts.nuts;

/**
 * Receives draws as chains make them. Called from the sampler's threads, concurrently for different chains
 * and in order within a chain; {@code position} is a buffer the caller reuses after the call returns.
 */
public interface DrawSink {

    /** Draw number {@code draw} (0-based, after warm-up and thinning) of chain {@code chain}. */
    void draw(int chain, int draw, double[] position, SamplerStats stats);

    /** A divergent transition after warm-up; its draw arrives through {@link #draw} as usual. */
    default void divergence(Divergence divergence) {
    }
}
