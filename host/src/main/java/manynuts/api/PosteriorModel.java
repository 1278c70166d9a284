package manynuts.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import manynuts.models.ConfiguredModel;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.SamplerStats;
import manynuts.models.WithExactPosterior;

/**
 * A posterior to sample: one of the built-in models (the names {@code manynuts models} lists), with its options and
 * data, or a Stan program with its data. Immutable; building one reads and checks the data, and compiles a Stan
 * program.
 */
public final class PosteriorModel {

    private final ConfiguredModel configured;

    private PosteriorModel(ConfiguredModel configured) {
        this.configured = configured;
    }

    /**
     * A built-in model with its default options (eight schools: the built-in data).
     *
     * @param name a model's name, as {@link #builtInNames()} lists them
     * @throws IllegalArgumentException for an unknown name, with the known ones
     */
    public static PosteriorModel builtIn(String name) {
        return builtIn(name, null, Map.of());
    }

    /**
     * A built-in model with data from a Stan JSON file and option values, as the command line's {@code --data} and
     * {@code --set} give them.
     *
     * @param data    a Stan JSON data file, or null for the model's defaults
     * @param options option name to value (e.g. {@code dimension} to {@code "100"}); may be empty
     * @throws IllegalArgumentException for an unknown name or option, a bad value or unusable data
     */
    public static PosteriorModel builtIn(String name, Path data, Map<String, String> options) {
        try {
            return new PosteriorModel(ModelRegistry.configure(name, data, options, "option"));
        } catch (ModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A Stan program with its data, compiled to this sampler's kernels.
     *
     * @param program a {@code .stan} file
     * @param data    its data in Stan JSON, or null if it declares none
     * @throws IllegalArgumentException if the program or its data cannot be used, saying why
     */
    public static PosteriorModel stanProgram(Path program, Path data) {
        if (!program.getFileName().toString().endsWith(".stan")) {
            throw new IllegalArgumentException("a Stan program's file name ends in .stan, got " + program);
        }
        try {
            return new PosteriorModel(ModelRegistry.configure(program.toString(), data, Map.of()));
        } catch (ModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The names {@link #builtIn(String)} knows. */
    public static List<String> builtInNames() {
        return ModelRegistry.knownNames();
    }

    /** The model's name. */
    public String name() {
        return configured.model().name();
    }

    /** The number of unconstrained coordinates the chains move in. */
    public int dimension() {
        return configured.model().dimension();
    }

    /**
     * The names of the model's outputs, in the order of a draw's values: constrained parameters, then generated
     * quantities (eight schools: {@code mu, tau, theta[1], ..., theta[8], tau_log}).
     */
    public List<String> outputNames() {
        return configured.model().outputNames();
    }

    /**
     * Every column of a draw, in order: {@link #outputNames()}, then Stan's sampler statistics {@code lp__,
     * accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__}.
     */
    public List<String> columns() {
        List<String> columns = new java.util.ArrayList<>(outputNames());
        columns.addAll(SamplerStats.NAMES);
        return List.copyOf(columns);
    }

    /**
     * The exact posterior mean of an output, where the model knows it (eight schools, by quadrature over tau; the
     * Gaussian models, in closed form): the value to check draws against.
     *
     * @return empty where the model has no exact answer for that output
     */
    public OptionalDouble exactMean(String output) {
        return WithExactPosterior.of(configured.model()).flatMap(exact -> exact.find(output))
                .map(moments -> OptionalDouble.of(moments.mean())).orElse(OptionalDouble.empty());
    }

    /** The exact posterior standard deviation of an output, where the model knows it; see {@link #exactMean}. */
    public OptionalDouble exactSd(String output) {
        return WithExactPosterior.of(configured.model()).flatMap(exact -> exact.find(output))
                .map(moments -> OptionalDouble.of(moments.sd())).orElse(OptionalDouble.empty());
    }

    Model model() {
        return configured.model();
    }

    Path data() {
        return configured.data();
    }

    @Override
    public String toString() {
        return name();
    }
}
