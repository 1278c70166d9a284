package manynuts.backend.cpu;

import manynuts.models.Model;

/**
 * One batched model evaluation for listed chains of a CPU block: their chain-major rows gathered into a
 * dimension-major batch, the model's batched method called once, the gradients and log densities scattered back.
 * For models whose density is a matrix product, where one call over many chains runs a blocked multiply.
 */
final class BatchGather {
    private final Model model;
    private final int dimension;
    private final int chains;
    private final double[] position;
    private final double[] gradient;
    private final double[] logDensity;
    private final int[] list;

    BatchGather(Model model, int chains) {
        this.model = model;
        this.dimension = model.dimension();
        this.chains = chains;
        this.position = new double[dimension * chains];
        this.gradient = new double[dimension * chains];
        this.logDensity = new double[chains];
        this.list = new int[chains];
    }

    /** Scratch for the caller's list of chains (length: the block's chains). */
    int[] list() {
        return list;
    }

    /**
     * Evaluates the listed chains at their rows of {@code rows} ({@code [c * dimension + d]}).
     *
     * @param rows        not modified
     * @param gradientOut modified: the listed chains' rows
     * @param logDensityOut modified: {@code logDensityOut[chain]} for the listed chains
     */
    void evaluate(int[] chainList, int count, double[] rows, double[] gradientOut, double[] logDensityOut) {
        for (int i = 0; i < count; i++) {
            int base = chainList[i] * dimension;
            for (int d = 0; d < dimension; d++) {
                position[d * chains + i] = rows[base + d];
            }
        }
        model.logDensityGradient(position, chains, 0, count, logDensity, gradient);
        for (int i = 0; i < count; i++) {
            int c = chainList[i];
            int base = c * dimension;
            for (int d = 0; d < dimension; d++) {
                gradientOut[base + d] = gradient[d * chains + i];
            }
            logDensityOut[c] = logDensity[i];
        }
    }
}
