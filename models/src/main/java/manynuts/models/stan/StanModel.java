package manynuts.models.stan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import manynuts.models.Model;
import manynuts.models.UniformStream;
import manynuts.models.stan.runtime.CompiledProgram;
import manynuts.models.stan.runtime.Rng;
import manynuts.models.stan.runtime.StanReject;
import manynuts.models.stan.runtime.Workspace;

/**
 * A model compiled from a Stan program: the {@link Model} contract over a generated {@link CompiledProgram}. Each
 * thread evaluates in a workspace of its own; a point the program rejects has log density minus infinity (a
 * divergence while sampling, a retry while initialising).
 */
public final class StanModel implements Model {
    private final String name;
    private final String source;
    private final String text;
    private final CompiledProgram program;
    private final int dimension;
    private final List<String> parameterNames;
    private final List<String> outputNames;
    private final ThreadLocal<Scratch> scratch;

    /** One thread's workspace and a chain's coordinates gathered from a dimension-major batch. */
    private static final class Scratch {
        final Workspace workspace;
        final double[] position;
        final double[] gradient;

        Scratch(CompiledProgram program, int dimension) {
            workspace = program.newWorkspace();
            position = new double[dimension];
            gradient = new double[dimension];
        }
    }

    StanModel(String name, String source, String text, CompiledProgram program) {
        this.name = name;
        this.source = source;
        this.text = text;
        this.program = program;
        this.dimension = program.dimension();
        this.parameterNames = unconstrainedNames(program);
        this.outputNames = outputNames(program);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(program, dimension));
    }

    /** Where the program was read from, as the user named it. */
    public String source() {
        return source;
    }

    /** The program's text. */
    public String text() {
        return text;
    }

    /** The compiled program behind the model. */
    public CompiledProgram program() {
        return program;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
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
        Scratch s = scratch.get();
        for (int c = from; c < to; c++) {
            for (int d = 0; d < dimension; d++) {
                s.position[d] = position[d * stride + c];
            }
            logDensity[c] = evaluate(s.position, 0, s.gradient, s.workspace);
            for (int d = 0; d < dimension; d++) {
                gradient[d * stride + c] = s.gradient[d];
            }
        }
    }

    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        return evaluate(position, offset, gradient, scratch.get().workspace);
    }

    private double evaluate(double[] position, int offset, double[] gradient, Workspace workspace) {
        try {
            return program.logDensityGradient(position, offset, gradient, workspace);
        } catch (StanReject | ArithmeticException | IndexOutOfBoundsException e) {
            Arrays.fill(gradient, offset, offset + dimension, 0.0);
            return Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * Why the log density at {@code position} is not computed: the message of the {@code reject} or failed argument
     * check that stopped it; null where it is computed.
     */
    public String rejection(double[] position) {
        try {
            program.logDensityGradient(position, 0, new double[dimension], scratch.get().workspace);
            return null;
        } catch (StanReject | ArithmeticException | IndexOutOfBoundsException e) {
            return e.getMessage();
        }
    }

    /** The outputs; random generated quantities draw from a stream seeded by the point (see {@link Rng}). */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        outputs(unconstrained, out, null);
    }

    /** The outputs, random generated quantities drawing from the draw's stream. */
    @Override
    public void outputs(double[] unconstrained, double[] out, UniformStream random) {
        try {
            program.generate(unconstrained, 0, out, scratch.get().workspace, random);
        } catch (StanReject | ArithmeticException | IndexOutOfBoundsException e) {
            Arrays.fill(out, Double.NaN);
        }
    }

    /** Stan's names of the outputs: {@code theta[1]}, {@code Sigma[2,1]}, the first index fastest. */
    static List<String> outputNames(CompiledProgram program) {
        List<String> names = new ArrayList<>();
        for (CompiledProgram.OutputShape shape : program.outputs()) {
            names.addAll(IndexNames.columnMajor(shape.name(), shape.dims()));
        }
        return List.copyOf(names);
    }

    private static List<String> unconstrainedNames(CompiledProgram program) {
        List<String> names = new ArrayList<>();
        for (CompiledProgram.ParameterShape p : program.parameters()) {
            int size = p.unconstrainedSize();
            int elements = 1;
            for (int d : p.dims()) {
                elements *= d;
            }
            if (size == elements) {
                names.addAll(IndexNames.columnMajor(p.name(), p.dims()));
            } else {
                for (int k = 1; k <= size; k++) {
                    names.add(p.name() + "__free[" + k + "]");
                }
            }
        }
        return List.copyOf(names);
    }
}
