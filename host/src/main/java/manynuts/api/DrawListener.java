package manynuts.api;

/**
 * Receives draws as the chains make them, for {@link NutsSampler#stream}: after warm-up and thinning, in order
 * within a chain. Chains run on several threads, so calls for different chains may come at the same time: an
 * implementation that shares state between chains synchronises it.
 */
@FunctionalInterface
public interface DrawListener {

    /**
     * One draw.
     *
     * @param chain  the chain, from 0
     * @param draw   the draw within the chain, from 0
     * @param values the draw's values in the order of {@link PosteriorModel#columns()}; the array is reused after
     *               this call returns, so copy what you keep
     */
    void draw(int chain, int draw, double[] values);
}
