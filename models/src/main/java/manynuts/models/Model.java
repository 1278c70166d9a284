package manynuts.models;

import java.util.List;
import java.util.Optional;

/**
 * A differentiable log density on R^dimension, evaluated for a batch of chains at once, and the outputs reported
 * for each draw. What only some models have is a separate interface a model also implements:
 * {@link WithExactPosterior}, {@link WithFunnel}, {@link WithKernels}.
 *
 * <p>Batches use a dimension-major structure-of-arrays layout: coordinate {@code d} of chain {@code c} is
 * stored at {@code [d * stride + c]}, so that a loop over chains reads consecutive memory (and a GPU thread
 * per chain reads coalesced). Implementations allocate nothing per call and are safe to call from several
 * threads on disjoint chain ranges.
 */
public interface Model {

    /** The registered name, e.g. {@code eight_schools_noncentered}. */
    String name();

    /** Number of unconstrained coordinates. */
    int dimension();

    /** Names of the unconstrained coordinates, in order, e.g. {@code mu, tau_log, theta[1]}. */
    List<String> parameterNames();

    /**
     * Log density, up to an additive constant and including the log-Jacobian of every constraining
     * transform, and its gradient, for chains {@code from <= c < to}.
     *
     * @param position   not modified; {@code [dimension x stride]} dimension-major
     * @param stride     distance between consecutive coordinates of one chain
     * @param logDensity modified: {@code logDensity[c]} for every chain in range
     * @param gradient   modified: {@code gradient[d * stride + c]} for every chain in range
     */
    void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity, double[] gradient);

    /**
     * One chain's log density and gradient, its coordinates contiguous from {@code offset}: the entry point of
     * backends that keep each chain's vectors together. The default calls the batched method with stride 1
     * (which writes the log density to {@code logDensityAt[offset]}); models override it with a scalar form
     * that keeps its sums in registers. It must agree with the batched method to the last bit.
     *
     * @param position     not modified; coordinates at {@code offset .. offset + dimension - 1}
     * @param gradient     modified: the gradient at the same offsets
     * @param logDensityAt scratch of length above {@code offset}, for the default; may be modified
     * @return the log density
     */
    default double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        logDensityGradient(position, 1, offset, offset + 1, logDensityAt, gradient);
        return logDensityAt[offset];
    }

    /**
     * Names of the reported outputs: the constrained parameters, then generated quantities, then the
     * unconstrained coordinates that differ from a constrained one (e.g. {@code tau_log}).
     */
    List<String> outputNames();

    /**
     * Maps one chain's unconstrained point to its outputs.
     *
     * @param unconstrained not modified; length {@link #dimension()}
     * @param out           modified; length {@code outputNames().size()}
     */
    void outputs(double[] unconstrained, double[] out);

    /**
     * Maps one chain's unconstrained point to its outputs, drawing any random numbers its generated quantities need
     * from {@code random}. Models without random generated quantities ignore it (the default).
     *
     * @param unconstrained not modified; length {@link #dimension()}
     * @param out           modified; length {@code outputNames().size()}
     * @param random        this draw's stream
     */
    default void outputs(double[] unconstrained, double[] out, UniformStream random) {
        outputs(unconstrained, out);
    }

    /**
     * Whether one batched call over many chains is much cheaper than as many single-chain calls, as for a density
     * that is a matrix product: the CPU backend then gathers its moving chains into one batch.
     */
    default boolean evaluatesInBatches() {
        return false;
    }

    /**
     * The predictor matrix whose product with the coefficients drives the density, or empty when the density is
     * not a matrix product. Models that have one evaluate on a CUDA device as matrix products (one GEMM for every
     * chain's linear predictors, one for their gradients) between a per-chain likelihood kernel's launches.
     */
    default Optional<DesignMatrix> designMatrix() {
        return Optional.empty();
    }
}
