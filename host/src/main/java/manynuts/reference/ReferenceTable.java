package manynuts.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.output.Numbers;

/**
 * Rows of a reference check as an aligned text table for people and as CSV for programs: posterior, result, the worst
 * output and its score in MCSE units, sampling seconds and gradients per second, and for a failure its reason.
 */
public final class ReferenceTable {

    private static final String[] HEADINGS = {"posterior", "result", "worst output", "MCSE", "seconds",
        "gradients/s", "note"};
    private static final String CSV_HEADER =
            "posterior,result,worst_output,worst_mcse,seconds,gradients_per_second,chains,draws,note";
    private static final boolean[] RIGHT_ALIGNED = {false, false, false, true, true, true, false};

    private ReferenceTable() {
    }

    /** The rows as a text table, columns padded to line up, then a line counting the posteriors that passed. */
    public static String text(List<? extends ReferenceRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADINGS);
        for (ReferenceRow row : rows) {
            cells.add(textCells(row));
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] line : cells) {
            for (int column = 0; column < line.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < line.length; column++) {
                if (column > 0) {
                    text.append("  ");
                }
                String padding = " ".repeat(widths[column] - line[column].length());
                text.append(RIGHT_ALIGNED[column] ? padding + line[column] : line[column] + padding);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        long passed = rows.stream().filter(ReferenceRow::passed).count();
        out.append(passed).append(" of ").append(rows.size()).append(" posteriors passed (each output's mean and sd "
                + "within ").append(String.format(Locale.ROOT, "%.0f", OutputComparison.MCSE_LIMIT))
                .append(" MCSE of the reference's, the sd also within ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * OutputComparison.SD_RELATIVE_TOLERANCE))
                .append(" %)\n");
        return out.toString();
    }

    /** The rows as CSV with a header line; numbers as R reads them (NA, Inf), text quoted where it needs it. */
    public static String csv(List<? extends ReferenceRow> rows) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (ReferenceRow row : rows) {
            if (row instanceof ReferenceRow.Compared compared) {
                out.append(quoted(compared.posterior())).append(',')
                        .append(compared.passed() ? "passed" : "failed").append(',')
                        .append(quoted(compared.worstName())).append(',')
                        .append(Numbers.csv(compared.worstScore())).append(',')
                        .append(Numbers.csv(compared.seconds())).append(',')
                        .append(Numbers.csv(compared.gradientsPerSecond())).append(',')
                        .append(compared.chains()).append(',').append(compared.draws()).append(',')
                        .append(quoted(note(compared)));
            } else if (row instanceof ReferenceRow.Failed failed) {
                out.append(quoted(failed.posterior())).append(",error,,NA,NA,NA,NA,NA,")
                        .append(quoted(failed.reason()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String[] textCells(ReferenceRow row) {
        if (row instanceof ReferenceRow.Compared compared) {
            return new String[] {compared.posterior(), compared.passed() ? "passed" : "FAILED", compared.worstName(),
                score(compared.worstScore()), String.format(Locale.ROOT, "%.2f", compared.seconds()),
                String.format(Locale.ROOT, "%.3g", compared.gradientsPerSecond()), note(compared)};
        }
        ReferenceRow.Failed failed = (ReferenceRow.Failed) row;
        return new String[] {failed.posterior(), "error", "-", "-", "-", "-", failed.reason()};
    }

    /** Every failed comparison of a run that failed; nothing for one that passed. */
    private static String note(ReferenceRow.Compared compared) {
        return compared.passed() ? "" : String.join("; ", compared.comparison().failures());
    }

    private static String score(double value) {
        return Double.isInfinite(value) ? "inf" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A CSV field, in quotes (doubled inside) when it holds a comma, a quote or a line break. */
    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
