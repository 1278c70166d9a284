package manynuts.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the two parameterisations of the hierarchical normal model share: the data (with 1/sigma^2 computed once),
 * the unconstrained coordinates (mu, tau_log, then one per group), and the batched evaluation in cache-sized blocks
 * of chains.
 */
abstract class HierarchicalNormalModel implements Model {

    // Chains per block: the seven rows a pass over one group touches, 256 doubles each (14 KiB), fit in L1.
    private static final int CHAIN_BLOCK = 256;

    private final String name;
    private final HierarchicalNormalData data;
    protected final int J;
    protected final double[] y;
    protected final double[] precision;
    private final List<String> parameterNames;
    private final List<String> outputNames;

    /**
     * @param groupParameter the name of the per-group coordinate: theta (centered) or nu (non-centered)
     * @param outputGroups   the per-group outputs, in order, between tau and tau_log
     */
    HierarchicalNormalModel(String name, HierarchicalNormalData data, String groupParameter, List<String> outputGroups) {
        this.name = name;
        this.data = data;
        this.J = data.J();
        this.y = data.y();
        double[] sigma = data.sigma();
        this.precision = new double[J];
        for (int j = 0; j < J; j++) {
            precision[j] = 1.0 / (sigma[j] * sigma[j]);
        }
        List<String> parameters = new ArrayList<>(List.of("mu", "tau_log"));
        parameters.addAll(IndexedNames.of(groupParameter, J));
        this.parameterNames = List.copyOf(parameters);
        List<String> outputs = new ArrayList<>(List.of("mu", "tau"));
        for (String group : outputGroups) {
            outputs.addAll(IndexedNames.of(group, J));
        }
        outputs.add("tau_log");
        this.outputNames = List.copyOf(outputs);
    }

    /** The data the model was built with. */
    public HierarchicalNormalData data() {
        return data;
    }

    /** The prefix of the parameterisation's kernels, whatever name the model is registered under. */
    abstract String kernelPrefix();

    /** The kernels' data are J, then y and sigma. */
    @Override
    public Optional<KernelBinding> kernelBinding() {
        double[] reals = new double[2 * J];
        System.arraycopy(y, 0, reals, 0, J);
        System.arraycopy(data.sigma(), 0, reals, J, J);
        return Optional.of(new KernelBinding(kernelPrefix(), new int[] {J}, reals));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return J + 2;
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
        // Blocks of chains keep the rows touched by every group's pass in the L1 cache.
        for (int start = from; start < to; start += CHAIN_BLOCK) {
            logDensityGradientBlock(position, stride, start, Math.min(to, start + CHAIN_BLOCK), logDensity, gradient);
        }
    }

    /** The batched evaluation of chains {@code from <= c < to}, at most one block of them. */
    abstract void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                          double[] gradient);
}
