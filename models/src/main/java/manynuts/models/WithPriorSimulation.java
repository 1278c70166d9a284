package manynuts.models;

import java.util.List;
import java.util.Optional;

/**
 * A model that simulates datasets from its prior, for simulation-based calibration (Talts et al. 2018): the true
 * parameters drawn from the prior, then data drawn given them. A simulation is what a generator program's generated
 * quantities would give: the truths named as {@link Model#outputNames()} names them, and the data named as the
 * model's data file names its fields ({@code y[2]} for element 2 of {@code y}), so that a simulated dataset is read
 * back as any data file is.
 */
public interface WithPriorSimulation {

    /** What {@link #simulate} draws, in order: true parameters, then every field of a dataset. */
    List<String> simulationNames();

    /**
     * One simulation from {@code random}: the same uniforms give the same simulation.
     *
     * @param out modified; length {@code simulationNames().size()}
     */
    void simulate(UniformStream random, double[] out);

    /** The simulator of {@code model}, or empty when it has none. */
    static Optional<WithPriorSimulation> of(Model model) {
        return model instanceof WithPriorSimulation simulator ? Optional.of(simulator) : Optional.empty();
    }

    /** A standard normal variate from two uniforms (Box and Muller 1958, one of the pair). */
    static double standardNormal(UniformStream random) {
        return Math.sqrt(-2.0 * Math.log(open(random.nextUniform()))) * Math.cos(2.0 * Math.PI * random.nextUniform());
    }

    /** A half-Cauchy variate of scale {@code scale}: the absolute value of a Cauchy one, by inversion. */
    static double halfCauchy(UniformStream random, double scale) {
        return scale * Math.tan(0.5 * Math.PI * random.nextUniform());
    }

    /** A uniform in [0, 1) moved off 0, so that its logarithm is finite. */
    private static double open(double uniform) {
        return uniform == 0.0 ? 0x1.0p-54 : uniform;
    }
}
