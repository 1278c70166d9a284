package manynuts.models;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A multivariate normal with equal correlations: x ~ N(mu, Sigma), mu[i] = i - 1, unit variances and
 * Sigma = (1 - rho) I + rho 11' (positive definite for -1/(dimension-1) < rho < 1). The benchmark model whose
 * dimension is a knob: its log density and gradient cost O(dimension) per chain through the closed-form inverse.
 *
 * <p>Sigma^-1 = [I - c 11'] / (1 - rho) with c = rho / (1 + (dimension - 1) rho), so with r = x - mu,
 * S = sum r[i] and Q = sum r[i]^2: log p = -(Q - c S^2) / (2 (1 - rho)) and d log p / dx[i] = (c S - r[i]) / (1 - rho).
 * With rho = 0.9 and dimension 100 the eigenvalues are 0.1 (99 times) and 90.1: a diagonal mass matrix cannot
 * undo the correlation, so trees are deep along the long axis.
 */
public final class CorrelatedNormal extends ChainBlockedModel implements WithKernels, WithExactPosterior {

    /** The registered name. */
    public static final String NAME = "mvn";

    static final ModelOption DIMENSION = ModelOption.integer("dimension", "number of coordinates", 100, 1, 100_000);

    static final ModelOption RHO = ModelOption.realOpen("rho",
            "correlation of every pair of coordinates; above -1/(dimension-1)", 0.9, -1, 1);

    /** The family: options {@code dimension} and {@code rho}. */
    public static final ModelFamily FAMILY = ModelFamily.ofOptions(NAME,
            "Correlated normal: mean i-1, unit variances, every correlation rho.", List.of(DIMENSION, RHO),
            (options, data) -> new CorrelatedNormal(options.integer(DIMENSION.key()), options.real(RHO.key())))
            .withAliases("correlated_normal");

    private final int dimension;
    private final double rho;
    private final double inverseOneMinusRho;
    private final double correlationWeight;
    private final double[] mean;

    /** @throws ModelException if rho does not give a positive definite Sigma for this dimension */
    public CorrelatedNormal(int dimension, double rho) {
        super(NAME, IndexedNames.of("x", dimension), IndexedNames.of("x", dimension));
        double lowest = dimension > 1 ? -1.0 / (dimension - 1) : -1.0;
        if (dimension < 1 || !(rho > lowest && rho < 1)) {
            String bound = new BigDecimal(lowest).round(new MathContext(6)).stripTrailingZeros().toPlainString();
            throw new ModelException("rho=" + ModelOption.format(rho) + ": rho must be in (" + bound + ", 1) when "
                    + "dimension=" + dimension + " (the correlation matrix must be positive definite)");
        }
        this.dimension = dimension;
        this.rho = rho;
        this.inverseOneMinusRho = 1.0 / (1.0 - rho);
        this.correlationWeight = rho / (1.0 + (dimension - 1) * rho);
        this.mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = i;
        }
    }

    /** The correlation of every pair. */
    public double rho() {
        return rho;
    }

    @Override
    void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                 double[] gradient) {
        // First pass: Q in logDensity, S in the last gradient row; second pass: c S there, then every gradient row
        // (the last one read before it is overwritten).
        final int scratchRow = (dimension - 1) * stride;
        for (int c = from; c < to; c++) {
            logDensity[c] = 0;
            gradient[scratchRow + c] = 0;
        }
        for (int i = 0; i < dimension; i++) {
            final int row = i * stride;
            final double mu = mean[i];
            for (int c = from; c < to; c++) {
                double r = position[row + c] - mu;
                gradient[scratchRow + c] += r;
                logDensity[c] += r * r;
            }
        }
        for (int c = from; c < to; c++) {
            double sum = gradient[scratchRow + c];
            logDensity[c] = -0.5 * inverseOneMinusRho * (logDensity[c] - correlationWeight * sum * sum);
            gradient[scratchRow + c] = correlationWeight * sum;
        }
        for (int i = 0; i < dimension; i++) {
            final int row = i * stride;
            final double mu = mean[i];
            for (int c = from; c < to; c++) {
                double r = position[row + c] - mu;
                gradient[row + c] = (gradient[scratchRow + c] - r) * inverseOneMinusRho;
            }
        }
    }

    /** The same sums as the batched form, in the same order, for one chain. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < dimension; i++) {
            double r = position[offset + i] - mean[i];
            sum += r;
            squares += r * r;
        }
        double logDensity = -0.5 * inverseOneMinusRho * (squares - correlationWeight * sum * sum);
        double scaledSum = correlationWeight * sum;
        for (int i = 0; i < dimension; i++) {
            double r = position[offset + i] - mean[i];
            gradient[offset + i] = (scaledSum - r) * inverseOneMinusRho;
        }
        return logDensity;
    }

    /**
     * The kernels of kernels/src/main/cuda/correlated_normal.cu; their data are the dimension, 1 / (1 - rho) and
     * rho / (1 + (dimension - 1) rho) as computed here, so both backends use the same doubles.
     */
    @Override
    public KernelBinding kernelBinding() {
        return new KernelBinding("correlated_normal", new int[] {dimension},
                new double[] {inverseOneMinusRho, correlationWeight});
    }

    @Override
    public void outputs(double[] unconstrained, double[] out) {
        System.arraycopy(unconstrained, 0, out, 0, dimension);
    }

    /** Closed form: x[i] ~ N(i - 1, 1). */
    @Override
    public ExactPosterior exact() {
        List<PosteriorMoments> moments = new ArrayList<>(dimension);
        Map<String, DoubleUnaryOperator> densities = new HashMap<>();
        for (int i = 0; i < dimension; i++) {
            double mu = mean[i];
            moments.add(new PosteriorMoments(parameterNames().get(i), mu, 1.0));
            densities.put(parameterNames().get(i), x -> NormalDensity.of(x, mu, 1.0));
        }
        return new ExactPosterior(moments, "closed form", densities);
    }
}
