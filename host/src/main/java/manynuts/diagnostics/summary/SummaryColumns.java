package manynuts.diagnostics.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The columns of every summary, defined once: the terminal table, summary.csv, the HTML report and {@code --json}
 * all show these, in this order, with posterior's names (mean, sd, median, mcse_mean, mcse_sd, the HDI bounds,
 * ess_bulk, ess_tail, rhat, then rhat_nested when superchains were given).
 */
public final class SummaryColumns {

    /** How a column reads in a table; files keep full precision whatever the kind. */
    public enum Kind {
        /** A posterior quantity: three decimals. */
        ESTIMATE,
        /** A Monte Carlo standard error: at least two significant digits, however small. */
        ERROR,
        /** An effective sample size: a whole number. */
        COUNT,
        /** R-hat: three decimals. */
        RHAT
    }

    /** One column: its header, how it reads, and where its value comes from. */
    public record Column(String name, Kind kind, ToDoubleFunction<ParameterSummary> value) {

        public double of(ParameterSummary summary) {
            return value.applyAsDouble(summary);
        }

        /** The value as a table shows it, NA where missing. */
        public String text(ParameterSummary summary) {
            double v = of(summary);
            return switch (kind) {
                case ESTIMATE, RHAT -> fixed(v, 3);
                case ERROR -> smallNumber(v);
                case COUNT -> fixed(v, 0);
            };
        }
    }

    /** Header of the first column, the row's name, as posterior's summarise_draws names it. */
    public static final String NAME = "variable";

    private SummaryColumns() {
    }

    /** The columns for an HDI of {@code hdiProbability}, with nested R-hat when it was computed. */
    public static List<Column> of(double hdiProbability, boolean withNestedRhat) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("mean", Kind.ESTIMATE, ParameterSummary::mean),
                new Column("sd", Kind.ESTIMATE, ParameterSummary::sd),
                new Column("median", Kind.ESTIMATE, ParameterSummary::median),
                new Column("mcse_mean", Kind.ERROR, ParameterSummary::mcseMean),
                new Column("mcse_sd", Kind.ERROR, ParameterSummary::mcseSd),
                new Column(hdiLowerName(hdiProbability), Kind.ESTIMATE, ParameterSummary::hdiLower),
                new Column(hdiUpperName(hdiProbability), Kind.ESTIMATE, ParameterSummary::hdiUpper),
                new Column("ess_bulk", Kind.COUNT, ParameterSummary::essBulk),
                new Column("ess_tail", Kind.COUNT, ParameterSummary::essTail),
                new Column("rhat", Kind.RHAT, ParameterSummary::rhat)));
        if (withNestedRhat) {
            columns.add(new Column("rhat_nested", Kind.RHAT, ParameterSummary::nestedRhat));
        }
        return List.copyOf(columns);
    }

    /** {@code hdi_2.5%} for a 95 % interval. */
    public static String hdiLowerName(double hdiProbability) {
        return "hdi_" + percent((1.0 - hdiProbability) / 2.0) + "%";
    }

    /** {@code hdi_97.5%} for a 95 % interval. */
    public static String hdiUpperName(double hdiProbability) {
        return "hdi_" + percent((1.0 + hdiProbability) / 2.0) + "%";
    }

    /** A number with fixed decimals, or NA. */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "NA";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * A Monte Carlo error with at least two significant digits: with millions of draws it falls below 0.001,
     * and a column of 0.000 would hide it.
     */
    static String smallNumber(double value) {
        if (Double.isNaN(value) || value == 0 || Double.isInfinite(value)) {
            return fixed(value, 3);
        }
        int decimals = Math.max(3, 1 - (int) Math.floor(Math.log10(Math.abs(value))));
        return fixed(value, Math.min(decimals, 12));
    }

    /** 2.5 for 0.025, 97.5 for 0.975, 5 for 0.05: no trailing zeros. */
    static String percent(double share) {
        java.math.BigDecimal value = java.math.BigDecimal.valueOf(100.0 * share)
                .round(new java.math.MathContext(10)).stripTrailingZeros();
        return value.toPlainString();
    }
}
