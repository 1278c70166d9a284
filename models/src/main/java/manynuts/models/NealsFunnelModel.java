package manynuts.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * What both forms of Neal's funnel share (Neal 2003, "Slice sampling", section 8): v ~ N(0, 3) and
 * x[i] | v ~ N(0, exp(v/2)) for i = 1..dimension-1; the dimension option, the names and the exact marginals.
 *
 * <p>Exact marginals: v ~ N(0, 3) by construction; x[i] has mean 0 and variance E[exp(v)] = exp(3^2/2) (the
 * normal's moment generating function at 1), so sd exp(9/4) ~ 9.49; z[i] = x[i] exp(-v/2) ~ N(0, 1).
 */
abstract class NealsFunnelModel extends ChainBlockedModel
        implements WithExactPosterior, WithFunnel, WithPriorSimulation {

    /** Prior sd of v. */
    static final double V_SD = 3.0;

    /** 1 / V_SD^2. */
    static final double V_PRECISION = 1.0 / (V_SD * V_SD);

    /** The one option of both forms. */
    static final ModelOption DIMENSION = ModelOption.integer("dimension",
            "number of coordinates: v and x[1..dimension-1]", 10, 2, 100_000);

    protected final int dimension;

    /**
     * @param latent  name of the per-coordinate parameter: x (centered) or z (non-centered)
     * @param outputs the per-coordinate outputs after v, in order
     */
    NealsFunnelModel(String name, int dimension, String latent, List<String> outputs) {
        super(name, names(dimension, List.of(latent)), names(dimension, outputs));
        this.dimension = dimension;
    }

    /** v, then each per-coordinate name for i = 1..dimension-1. */
    private static List<String> names(int dimension, List<String> perCoordinate) {
        if (dimension < 2) {
            throw new ModelException("dimension=" + dimension + ": dimension must be an integer in "
                    + DIMENSION.range());
        }
        List<String> names = new ArrayList<>(List.of("v"));
        for (String base : perCoordinate) {
            names.addAll(IndexedNames.of(base, dimension - 1));
        }
        return names;
    }

    /** Closed form: v ~ N(0, 3), x[i] mean 0 and sd exp(9/4), z[i] ~ N(0, 1). */
    @Override
    public ExactPosterior exact() {
        List<PosteriorMoments> moments = new ArrayList<>();
        double xSd = Math.exp(V_SD * V_SD / 4);
        for (String output : outputNames()) {
            double sd = output.equals("v") ? V_SD : output.startsWith("x[") ? xSd : 1.0;
            moments.add(new PosteriorMoments(output, 0.0, sd));
        }
        Map<String, DoubleUnaryOperator> densities = new java.util.HashMap<>();
        densities.put("v", x -> NormalDensity.of(x, 0, V_SD));
        for (String output : outputNames()) {
            if (output.startsWith("z[")) {
                densities.put(output, x -> NormalDensity.of(x, 0, 1));
            }
        }
        return new ExactPosterior(moments, "closed form", densities);
    }

    /** x[1] against v: the funnel itself. */
    @Override
    public FunnelPair funnel() {
        return new FunnelPair("v", "v", "x[1]");
    }

    /** The coordinate of this form for a member {@code x} = exp(v/2) {@code z}. */
    abstract double latentCoordinate(double x, double z);

    /** The outputs: the funnel has no data, so its posterior is its prior. */
    @Override
    public List<String> simulationNames() {
        return outputNames();
    }

    /** v ~ N(0, 3), z[i] ~ N(0, 1), x[i] = exp(v/2) z[i]: the outputs at that point. */
    @Override
    public void simulate(UniformStream random, double[] out) {
        double[] point = new double[dimension];
        point[0] = V_SD * WithPriorSimulation.standardNormal(random);
        double scale = Math.exp(0.5 * point[0]);
        for (int i = 1; i < dimension; i++) {
            double z = WithPriorSimulation.standardNormal(random);
            point[i] = latentCoordinate(scale * z, z);
        }
        outputs(point, out);
    }
}
