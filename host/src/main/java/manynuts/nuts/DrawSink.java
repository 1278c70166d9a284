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
     * The draw of warm-up iteration {@code iteration} (0-based) of chain {@code chain}, with the step size its tree
     * used (Stan's save_warmup draws); sinks that keep the sampling draws only ignore it.
     */
    default void warmupDraw(int chain, int iteration, double[] position, SamplerStats stats) {
    }

    /** A divergent transition after warm-up; its draw arrives through {@link #draw} as usual. */
    default void divergence(Divergence divergence) {
    }
}
