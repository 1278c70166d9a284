package manynuts.nuts;

import java.nio.file.Path;
import java.util.SplittableRandom;
import manynuts.models.Model;
import manynuts.models.ModelException;

/**
 * Whether a model has a finite log density and gradient at some point of the box its chains start in: checked
 * before a run, so that data no point can fit is told from a sampler failure before anything is written.
 */
public final class FiniteStart {

    private FiniteStart() {
    }

    /**
     * Refuses a model with no finite start where its chains would look for one (the settings' radius, seed and
     * {@link SamplerSettings#INIT_ATTEMPTS}): the input's fault, said in one line that points at the data.
     *
     * @param data the data file the model was built from, or null for none
     * @throws ModelException naming the model and the data file
     */
    public static void require(Model model, Path data, SamplerSettings settings) {
        if (exists(model, settings.initRadius(), SamplerSettings.INIT_ATTEMPTS, settings.seed())) {
            return;
        }
        String problem = "model " + model.name() + ": the log density is not finite at any of "
                + SamplerSettings.INIT_ATTEMPTS + " initial points in (-" + settings.initRadius() + ", "
                + settings.initRadius() + ")";
        throw new ModelException(data == null ? problem
                : problem + ": check the data file " + data + " (values too large or too small?)");
    }

    /**
     * Draws up to {@code attempts} points uniform in (-radius, radius)^dimension, as chains draw their initial
     * points, and says whether one has a finite log density and gradient. One chain's evaluations only: cheap next
     * to a run.
     */
    public static boolean exists(Model model, double radius, int attempts, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int dimension = model.dimension();
        double[] point = new double[dimension];
        double[] gradient = new double[dimension];
        double[] logDensityAt = new double[1];
        for (int attempt = 0; attempt < attempts; attempt++) {
            for (int d = 0; d < dimension; d++) {
                point[d] = radius * (2.0 * random.nextDouble() - 1.0);
            }
            double logDensity = model.logDensityGradientAt(point, 0, gradient, logDensityAt);
            if (Double.isFinite(logDensity) && allFinite(gradient)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
