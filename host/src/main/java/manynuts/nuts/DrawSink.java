package manynuts.nuts;

import manynuts.models.Model;
import manynuts.models.UniformStream;

/**
 * Receives draws as chains make them. Called from the sampler's threads, concurrently for different chains
 * and in order within a chain; {@code position} is a buffer the caller reuses after the call returns.
 */
public interface DrawSink {

    /** Draw number {@code draw} (0-based, after warm-up and thinning) of chain {@code chain}. */
    void draw(int chain, int draw, double[] position, SamplerStats stats);

    /**
     * The same draw with the stream its generated quantities draw from ({@link Model#outputs(double[], double[],
     * UniformStream)}); sinks that compute outputs override this one, others get the draw without it.
     */
    default void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
        draw(chain, draw, position, stats);
    }

    /**
     * A hook for the draw of warm-up iteration {@code iteration} (0-based) of chain {@code chain}, with the step size
     * its tree used, called only where {@link #wantsWarmupDraws()}; the tests hold warm-up draw by draw through it
     * (no output writes warm-up draws).
     */
    default void warmupDraw(int chain, int iteration, double[] position, SamplerStats stats) {
    }

    /** Whether {@link #warmupDraw} is called; where not, warm-up draws cost no statistics and no copy. */
    default boolean wantsWarmupDraws() {
        return false;
    }

    /** A divergent transition after warm-up; its draw arrives through {@link #draw} as usual. */
    default void divergence(Divergence divergence) {
    }
}
