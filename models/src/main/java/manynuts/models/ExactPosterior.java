package manynuts.models;

import java.util.List;
import java.util.Locale;

/**
 * Exact posterior means and standard deviations of a hierarchical normal model, with the quadrature grid over
 * tau_log that produced them.
 *
 * @param moments    one entry per quantity: mu, tau, tau_log, theta[1..J], nu[1..J]
 * @param gridPoints number of points of the uniform grid over tau_log
 * @param tauLogLow  lower end of that grid
 * @param tauLogHigh upper end of that grid
 */
public record ExactPosterior(List<PosteriorMoments> moments, int gridPoints, double tauLogLow, double tauLogHigh) {

    public ExactPosterior {
        moments = List.copyOf(moments);
    }

    /**
     * The moments of one quantity by name.
     *
     * @throws IllegalArgumentException if there is no such quantity
     */
    public PosteriorMoments moments(String name) {
        for (PosteriorMoments m : moments) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no quantity named " + name + " in the exact posterior");
    }

    /** Mean of a quantity by name. */
    public double mean(String name) {
        return moments(name).mean();
    }

    /** Standard deviation of a quantity by name. */
    public double sd(String name) {
        return moments(name).sd();
    }

    /**
     * A plain-text table: a comment line describing the quadrature, a header, then one row per quantity with
     * the name, mean and sd separated by spaces; lines end with '\n' on every platform.
     */
    public String toTable() {
        int width = "quantity".length();
        for (PosteriorMoments m : moments) {
            width = Math.max(width, m.name().length());
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT,
                "# exact posterior: quadrature over tau_log, %d points on [%.4f, %.4f]\n",
                gridPoints, tauLogLow, tauLogHigh));
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
