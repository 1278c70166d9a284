package manynuts.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.SummaryColumns;

/**
 * Writes summaries as CSV with {@link SummaryColumns}' columns, those of the terminal table, at full precision; NA
 * for missing.
 */
public final class SummaryCsvWriter {

    private SummaryCsvWriter() {
    }

    /** The header row, without line end. */
    public static String header(double hdiProbability, boolean withNestedRhat) {
        StringBuilder header = new StringBuilder(SummaryColumns.NAME);
        for (SummaryColumns.Column column : SummaryColumns.of(hdiProbability, withNestedRhat)) {
            header.append(',').append(column.name());
        }
        return header.toString();
    }

    /** Writes header and one row per summary to {@code file}, replacing it. */
    public static void write(Path file, List<ParameterSummary> summaries, double hdiProbability,
            boolean withNestedRhat) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(writer, summaries, hdiProbability, withNestedRhat);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes header and rows to {@code writer}; the writer is not closed. */
    public static void write(Writer writer, List<ParameterSummary> summaries, double hdiProbability,
            boolean withNestedRhat) throws IOException {
        writer.write(header(hdiProbability, withNestedRhat));
        writer.write('\n');
        List<SummaryColumns.Column> columns = SummaryColumns.of(hdiProbability, withNestedRhat);
        for (ParameterSummary s : summaries) {
            StringBuilder row = new StringBuilder(quoted(s.name()));
            for (SummaryColumns.Column column : columns) {
                row.append(',').append(number(column.of(s)));
            }
            writer.write(row.toString());
            writer.write('\n');
        }
    }

    /** Full precision, so the file round-trips; NA for NaN, Inf and -Inf as R writes them. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NA";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    /** Quotes a name that contains a comma or quote, as Stan's {@code theta[1,2]} would need. */
    private static String quoted(String name) {
        if (name.indexOf(',') < 0 && name.indexOf('"') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
