package manynuts.models;

/**
 * A model whose batched evaluation walks its coordinates row by row over a block of chains at a time, so that the
 * rows one pass touches stay in the L1 cache however many chains there are.
 */
abstract class ChainBlockedModel implements Model {

    // Chains per block: the seven rows a pass over one coordinate touches, 256 doubles each (14 KiB), fit in L1.
    private static final int CHAIN_BLOCK = 256;

    @Override
    public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                                   double[] gradient) {
        for (int start = from; start < to; start += CHAIN_BLOCK) {
            logDensityGradientBlock(position, stride, start, Math.min(to, start + CHAIN_BLOCK), logDensity, gradient);
        }
    }

    /** The batched evaluation of chains {@code from <= c < to}, at most one block of them. */
    abstract void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                          double[] gradient);
}
