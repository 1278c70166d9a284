package manynuts.models.stan.runtime;

import java.util.List;
import manynuts.models.UniformStream;

/**
 * A Stan program compiled to Java for one data set: the generated subclass reads its data in its constructor and
 * evaluates the log density with its gradient, and the outputs of a draw, for one chain at a time in that chain's
 * {@link Workspace}.
 */
public abstract class CompiledProgram {
    private volatile long randomSeed;

    /**
     * Sets the seed of the generated quantities' random numbers. Each draw's numbers come from this seed and the
     * draw's unconstrained coordinates, so they do not depend on threads or on the order draws are computed in.
     */
    public void setRandomSeed(long seed) {
        randomSeed = seed;
    }

    /** The seed of the generated quantities' random numbers (0 unless set). */
    public long randomSeed() {
        return randomSeed;
    }

    /** A reported variable: its Stan name and type, and its sizes once the data are known. */
    public record OutputShape(String name, String base, int arrayDims, int[] dims, boolean integer) {
    }

    /** A parameter: its name, its constraint in words, its sizes, and how many unconstrained coordinates it has. */
    public record ParameterShape(String name, String constraint, int[] dims, int unconstrainedSize) {
    }

    /**
     * Checks a size worked out from the data.
     *
     * @throws StanFatal when it is negative
     */
    protected static void checkSize(String variable, int size) {
        if (size < 0) {
            throw new StanFatal(variable + ": size " + size + " is negative");
        }
    }

    /** The number of unconstrained coordinates. */
    public abstract int dimension();

    /** A fresh workspace for one thread's evaluations. */
    public abstract Workspace newWorkspace();

    /**
     * The log density at {@code u[offset .. offset + dimension - 1]} and its gradient, written to the same offsets of
     * {@code gradient}.
     *
     * @throws StanReject when the program rejects the point
     */
    public abstract double logDensityGradient(double[] u, int offset, double[] gradient, Workspace workspace);

    /**
     * Computes the outputs of the point (parameters, transformed parameters, generated quantities) into out; the
     * generated quantities' random numbers come from {@code random} (the sampler's stream of the draw) or, where it
     * is null, from the program's seed and the point.
     */
    public abstract void generate(double[] u, int offset, double[] out, Workspace workspace, UniformStream random);

    /**
     * The data, transformed data and sizes as a device kernel reads them (the ints of the layout that
     * {@code manynuts.models.stan.emit.DataLayout} describes; both tape capacities 0, for the host to set).
     */
    public abstract int[] kernelIntegers();

    /** The real data and transformed data as a device kernel reads them. */
    public abstract double[] kernelReals();

    /** The reported variables, in output order. */
    public abstract List<OutputShape> outputs();

    /** The parameters, in order of their unconstrained coordinates. */
    public abstract List<ParameterShape> parameters();
}
