package manynuts.models;

import java.util.List;

/**
 * Neal's funnel, non-centered: v ~ N(0, 3), z[i] ~ N(0, 1), x[i] = exp(v/2) z[i] as a generated quantity. The
 * same distribution of (v, x) as {@link NealsFunnel}, sampled on (v, z), where it is an independent normal:
 * no funnel, no divergences.
 */
public final class NealsFunnelNonCentered extends NealsFunnelModel implements WithKernels {

    /** The registered name. */
    public static final String NAME = "funnel_noncentered";

    /** The family: option {@code dimension}. */
    public static final ModelFamily FAMILY = ModelFamily.ofOptions(NAME,
            "Neal's funnel, non-centered: v ~ N(0, 3), z[i] ~ N(0, 1), x[i] = exp(v/2) z[i].",
            List.of(DIMENSION), (options, data) -> new NealsFunnelNonCentered(options.integer(DIMENSION.key())));

    public NealsFunnelNonCentered(int dimension) {
        super(NAME, dimension, "z", List.of("z", "x"));
    }

    /** log p = -v^2/18 - sum_i z_i^2 / 2. */
    @Override
    void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                 double[] gradient) {
        for (int c = from; c < to; c++) {
            double v = position[c];
            logDensity[c] = -0.5 * V_PRECISION * v * v;
            gradient[c] = -V_PRECISION * v;
        }
        for (int i = 1; i < dimension; i++) {
            final int row = i * stride;
            for (int c = from; c < to; c++) {
                double z = position[row + c];
                logDensity[c] -= 0.5 * z * z;
                gradient[row + c] = -z;
            }
        }
    }

    /** The same sums as the batched form, in the same order, kept in registers for one chain. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double v = position[offset];
        double logDensity = -0.5 * V_PRECISION * v * v;
        gradient[offset] = -V_PRECISION * v;
        for (int i = 1; i < dimension; i++) {
            double z = position[offset + i];
            logDensity -= 0.5 * z * z;
            gradient[offset + i] = -z;
        }
        return logDensity;
    }

    /** The kernels of kernels/src/main/cuda/neals_funnel_noncentered.cu; their data are the dimension. */
    @Override
    public KernelBinding kernelBinding() {
        return new KernelBinding("neals_funnel_noncentered", new int[] {dimension}, new double[0]);
    }

    /** The non-centered form samples the standardised member. */
    @Override
    double latentCoordinate(double x, double z) {
        return z;
    }

    /** Outputs v, z[1..n-1], x[1..n-1] = exp(v/2) z. */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        System.arraycopy(unconstrained, 0, out, 0, dimension);
        double scale = Math.exp(0.5 * unconstrained[0]);
        for (int i = 1; i < dimension; i++) {
            out[dimension - 1 + i] = scale * unconstrained[i];
        }
    }
}
