package manynuts.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders summaries as an aligned terminal table: names left-aligned, numbers right-aligned, NA for missing. */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The table as text, one line per parameter after a header line, each ending in a newline. */
    public static String render(List<ParameterSummary> summaries, double hdiProbability, boolean withNestedRhat) {
        String lowerLabel = "hdi_" + percent((1.0 - hdiProbability) / 2.0) + "%";
        String upperLabel = "hdi_" + percent((1.0 + hdiProbability) / 2.0) + "%";
        List<String> header = new ArrayList<>(List.of("parameter", "mean", "sd", "mcse_mean", lowerLabel, upperLabel,
                "ess_bulk", "ess_tail", "r_hat"));
        if (withNestedRhat) {
            header.add("nested_r_hat");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (ParameterSummary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.name(), number(s.mean(), 3), number(s.sd(), 3),
                    smallNumber(s.mcseMean()), number(s.hdiLower(), 3), number(s.hdiUpper(), 3),
                    number(s.essBulk(), 0), number(s.essTail(), 0), number(s.rhat(), 3)));
            if (withNestedRhat) {
                row.add(number(s.nestedRhat(), 3));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                String padding = " ".repeat(widths[column] - cell.length());
                if (column == 0) {
                    text.append(cell).append(padding);
                } else {
                    text.append("  ").append(padding).append(cell);
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A number with fixed decimals, or NA. */
    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "NA";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * A Monte Carlo error with at least two significant digits: with millions of draws it falls below 0.001,
     * and a column of 0.000 would hide it.
     */
    static String smallNumber(double value) {
        if (Double.isNaN(value) || value == 0 || Double.isInfinite(value)) {
            return number(value, 3);
        }
        int decimals = Math.max(3, 1 - (int) Math.floor(Math.log10(Math.abs(value))));
        return number(value, Math.min(decimals, 12));
    }

    /** 2.5 for 0.025, 97.5 for 0.975, 5 for 0.05: no trailing zeros. */
    static String percent(double share) {
        java.math.BigDecimal value = java.math.BigDecimal.valueOf(100.0 * share)
                .round(new java.math.MathContext(10)).stripTrailingZeros();
        return value.toPlainString();
    }
}
