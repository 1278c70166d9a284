package manynuts.models;

import java.util.ArrayList;
import java.util.List;

/**
 * What the two parameterisations of the hierarchical normal model share: the data (with 1/sigma^2 computed once),
 * the unconstrained coordinates (mu, tau_log, then one per group), the outputs, the exact posterior by quadrature and
 * the funnel of tau_log and theta[1], and datasets simulated from the prior.
 */
abstract class HierarchicalNormalModel extends ChainBlockedModel
        implements WithKernels, WithExactPosterior, WithFunnel, WithPriorSimulation {

    private final HierarchicalNormalData data;
    protected final int J;
    protected final double[] y;
    protected final double[] precision;
    private volatile ExactPosterior exact;

    /**
     * @param groupParameter the name of the per-group coordinate: theta (centered) or nu (non-centered)
     * @param outputGroups   the per-group outputs, in order, between tau and tau_log
     */
    HierarchicalNormalModel(String name, HierarchicalNormalData data, String groupParameter, List<String> outputGroups) {
        super(name, parameterNames(data.J(), groupParameter), outputNames(data.J(), outputGroups));
        this.data = data;
        this.J = data.J();
        this.y = data.y();
        double[] sigma = data.sigma();
        this.precision = new double[J];
        for (int j = 0; j < J; j++) {
            precision[j] = 1.0 / (sigma[j] * sigma[j]);
        }
    }

    private static List<String> parameterNames(int J, String groupParameter) {
        List<String> parameters = new ArrayList<>(List.of("mu", "tau_log"));
        parameters.addAll(IndexedNames.of(groupParameter, J));
        return parameters;
    }

    private static List<String> outputNames(int J, List<String> outputGroups) {
        List<String> outputs = new ArrayList<>(List.of("mu", "tau"));
        for (String group : outputGroups) {
            outputs.addAll(IndexedNames.of(group, J));
        }
        outputs.add("tau_log");
        return outputs;
    }

    /** The data the model was built with. */
    public HierarchicalNormalData data() {
        return data;
    }

    /** The prefix of the parameterisation's kernels, whatever name the model is registered under. */
    abstract String kernelPrefix();

    /** The kernels' data are J, then y and sigma. */
    @Override
    public KernelBinding kernelBinding() {
        double[] reals = new double[2 * J];
        System.arraycopy(y, 0, reals, 0, J);
        System.arraycopy(data.sigma(), 0, reals, J, J);
        return new KernelBinding(kernelPrefix(), new int[] {J}, reals);
    }

    /**
     * The quadrature posterior of the model's data, restricted to its outputs (the centered form has no nu),
     * computed on first use (about a second at J = 10,000).
     */
    @Override
    public ExactPosterior exact() {
        ExactPosterior computed = exact;
        if (computed == null) {
            ExactPosterior all = new HierarchicalNormalExact(data).posterior();
            computed = new ExactPosterior(all.moments().stream().filter(m -> outputNames().contains(m.name())).toList(),
                    all.method(), all.densities());
            exact = computed;
        }
        return computed;
    }

    /** theta[1] against tau_log: the funnel of the centered form, which the non-centered one removes. */
    @Override
    public FunnelPair funnel() {
        return new FunnelPair("tau_log", "log tau", "theta[1]");
    }

    /** The group coordinate of this parameterisation for a group of effect {@code theta} = mu + tau {@code nu}. */
    abstract double groupCoordinate(double theta, double nu);

    /** Every output, then the dataset's fields J, y[1..J] and sigma[1..J] (sigma as the model's data has it). */
    @Override
    public List<String> simulationNames() {
        List<String> names = new ArrayList<>(outputNames());
        names.add("J");
        names.addAll(IndexedNames.of("y", J));
        names.addAll(IndexedNames.of("sigma", J));
        return names;
    }

    /**
     * mu ~ N(0, 5), tau ~ Half-Cauchy(0, 5), nu[j] ~ N(0, 1), theta[j] = mu + tau nu[j], y[j] ~ N(theta[j],
     * sigma[j]): the model's outputs at that point, then the dataset.
     */
    @Override
    public void simulate(UniformStream random, double[] out) {
        double mu = HierarchicalNormalPriors.MU_PRIOR_SD * WithPriorSimulation.standardNormal(random);
        double tau = WithPriorSimulation.halfCauchy(random, HierarchicalNormalPriors.TAU_PRIOR_SCALE);
        double[] point = new double[dimension()];
        double[] theta = new double[J];
        point[0] = mu;
        point[1] = Math.log(tau);
        for (int j = 0; j < J; j++) {
            double nu = WithPriorSimulation.standardNormal(random);
            theta[j] = mu + tau * nu;
            point[j + 2] = groupCoordinate(theta[j], nu);
        }
        outputs(point, out);
        double[] sigma = data.sigma();
        int field = outputNames().size();
        out[field++] = J;
        for (int j = 0; j < J; j++) {
            out[field++] = theta[j] + sigma[j] * WithPriorSimulation.standardNormal(random);
        }
        System.arraycopy(sigma, 0, out, field, J);
    }
}
