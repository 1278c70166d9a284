package manynuts.models;

import java.util.List;

/**
 * Neal's funnel, centered: v ~ N(0, 3), x[i] ~ N(0, exp(v/2)) for i = 1..dimension-1, sampled on (v, x) as
 * written. The neck (v below -5 or so) needs step sizes hundreds of times smaller than the mouth, so NUTS with one
 * step size reports divergences there: a stress test for divergence detection.
 */
public final class NealsFunnel extends NealsFunnelModel implements WithKernels {

    /** The registered name. */
    public static final String NAME = "funnel";

    /** The family: option {@code dimension}. */
    public static final ModelFamily FAMILY = ModelFamily.ofOptions(NAME,
            "Neal's funnel, centered: v ~ N(0, 3), x[i] ~ N(0, exp(v/2)); divergences expected.",
            List.of(DIMENSION), (options, data) -> new NealsFunnel(options.integer(DIMENSION.key())))
            .withAliases("funnel_centered");

    public NealsFunnel(int dimension) {
        super(NAME, dimension, "x", List.of("x"));
    }

    /**
     * log p = -v^2/18 - (n-1) v/2 - exp(-v) sum_i x_i^2 / 2, where (n-1) v/2 is the normalising term of the
     * n-1 normal densities of x, which depends on v and so is kept.
     */
    @Override
    void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                 double[] gradient) {
        // The gradient row of the last x holds exp(-v) per chain until that coordinate's pass overwrites it.
        final int scratchRow = (dimension - 1) * stride;
        final double halfCount = 0.5 * (dimension - 1);
        for (int c = from; c < to; c++) {
            double v = position[c];
            logDensity[c] = -0.5 * V_PRECISION * v * v - halfCount * v;
            gradient[c] = -V_PRECISION * v - halfCount;
            gradient[scratchRow + c] = Math.exp(-v);
        }
        for (int i = 1; i < dimension; i++) {
            final int row = i * stride;
            for (int c = from; c < to; c++) {
                double inverseVariance = gradient[scratchRow + c];
                double x = position[row + c];
                double scaled = inverseVariance * x;
                double halfSquare = 0.5 * scaled * x;
                logDensity[c] -= halfSquare;
                gradient[c] += halfSquare;
                gradient[row + c] = -scaled;
            }
        }
    }

    /** The same sums as the batched form, in the same order, kept in registers for one chain. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double halfCount = 0.5 * (dimension - 1);
        double v = position[offset];
        double logDensity = -0.5 * V_PRECISION * v * v - halfCount * v;
        double gradientV = -V_PRECISION * v - halfCount;
        double inverseVariance = Math.exp(-v);
        for (int i = 1; i < dimension; i++) {
            double x = position[offset + i];
            double scaled = inverseVariance * x;
            double halfSquare = 0.5 * scaled * x;
            logDensity -= halfSquare;
            gradientV += halfSquare;
            gradient[offset + i] = -scaled;
        }
        gradient[offset] = gradientV;
        return logDensity;
    }

    /** The kernels of kernels/src/main/cuda/neals_funnel.cu; their data are the dimension. */
    @Override
    public KernelBinding kernelBinding() {
        return new KernelBinding("neals_funnel", new int[] {dimension}, new double[0]);
    }

    /** The centered form samples the member itself. */
    @Override
    double latentCoordinate(double x, double z) {
        return x;
    }

    /** Outputs v, x[1..n-1]: the parameters as they are. */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        System.arraycopy(unconstrained, 0, out, 0, dimension);
    }
}
