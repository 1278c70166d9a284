package manynuts.glm;

import java.util.List;
import java.util.Optional;
import manynuts.models.DesignMatrix;
import manynuts.models.Model;

/** A model that hides its preference for batches, so the CPU backend calls it chain by chain: the oracle path. */
final class ChainByChain implements Model {
    private final Model model;

    ChainByChain(Model model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<String> parameterNames() {
        return model.parameterNames();
    }

    @Override
    public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                                   double[] gradient) {
        model.logDensityGradient(position, stride, from, to, logDensity, gradient);
    }

    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        return model.logDensityGradientAt(position, offset, gradient, logDensityAt);
    }

    @Override
    public List<String> outputNames() {
        return model.outputNames();
    }

    @Override
    public void outputs(double[] unconstrained, double[] out) {
        model.outputs(unconstrained, out);
    }

    @Override
    public Optional<DesignMatrix> designMatrix() {
        return Optional.empty();
    }
}
