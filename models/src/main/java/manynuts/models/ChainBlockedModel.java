package manynuts.models;

import java.util.List;

/**
 * A built-in model's name and coordinate names, and its batched evaluation walking the coordinates row by row over a
 * block of chains at a time, so that the rows one pass touches stay in the L1 cache however many chains there are.
 */
abstract class ChainBlockedModel implements Model {

    // Chains per block: the seven rows a pass over one coordinate touches, 256 doubles each (14 KiB), fit in L1.
    private static final int CHAIN_BLOCK = 256;

    private final String name;
    private final List<String> parameterNames;
    private final List<String> outputNames;

    ChainBlockedModel(String name, List<String> parameterNames, List<String> outputNames) {
        this.name = name;
        this.parameterNames = List.copyOf(parameterNames);
        this.outputNames = List.copyOf(outputNames);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return parameterNames.size();
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

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
