package manynuts.models;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Exact posterior means and standard deviations of a model's outputs, how they were obtained, and the normalised
 * marginal densities of those outputs that have one at hand.
 *
 * @param moments   one entry per quantity, e.g. mu, tau, tau_log, theta[1..J], nu[1..J]
 * @param method    one line on how they were computed, e.g. {@code closed form} or the quadrature grid
 * @param densities normalised marginal posterior densities by output name (may be empty)
 */
public record ExactPosterior(List<PosteriorMoments> moments, String method, Map<String, DoubleUnaryOperator> densities) {

    public ExactPosterior {
        moments = List.copyOf(moments);
        densities = Map.copyOf(densities);
    }

    /** Moments only, with no densities. */
    public ExactPosterior(List<PosteriorMoments> moments, String method) {
        this(moments, method, Map.of());
    }

    /**
     * The moments of one quantity by name.
     *
     * @throws IllegalArgumentException if there is no such quantity
     */
    public PosteriorMoments moments(String name) {
        return find(name).orElseThrow(
                () -> new IllegalArgumentException("no quantity named " + name + " in the exact posterior"));
    }

    /** The moments of one quantity, if the exact posterior has them. */
    public Optional<PosteriorMoments> find(String name) {
        for (PosteriorMoments m : moments) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Mean of a quantity by name. */
    public double mean(String name) {
        return moments(name).mean();
    }

    /** Standard deviation of a quantity by name. */
    public double sd(String name) {
        return moments(name).sd();
    }

    /** The normalised marginal density of an output, if known. */
    public Optional<DoubleUnaryOperator> density(String name) {
        return Optional.ofNullable(densities.get(name));
    }

    /**
     * A plain-text table: a comment line naming the method, a header, then one row per quantity with the name,
     * mean and sd separated by spaces; lines end with '\n' on every platform.
     */
    public String toTable() {
        int width = "quantity".length();
        for (PosteriorMoments m : moments) {
            width = Math.max(width, m.name().length());
        }
        StringBuilder table = new StringBuilder();
        table.append("# exact posterior: ").append(method).append('\n');
        String row = "%-" + width + "s %16s %16s\n";
        table.append(String.format(Locale.ROOT, row, "quantity", "mean", "sd"));
        for (PosteriorMoments m : moments) {
            table.append(String.format(Locale.ROOT, row, m.name(), number(m.mean()), number(m.sd())));
        }
        return table.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.10g", value) : Double.toString(value);
    }
}
