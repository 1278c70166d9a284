package manynuts.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes summaries as CSV with posterior's column names (variable, mean, median, sd, mad, q5, q95, rhat,
 * ess_bulk, ess_tail, mcse_mean, mcse_sd), then the HDI bounds, then nested R-hat when computed. NA for missing.
 */
public final class SummaryCsvWriter {

    private SummaryCsvWriter() {
    }

    /** The header row, without line end. */
    public static String header(double hdiProbability, boolean withNestedRhat) {
        String header = "variable,mean,median,sd,mad,q5,q95,rhat,ess_bulk,ess_tail,mcse_mean,mcse_sd,"
                + "hdi_" + SummaryTable.percent((1.0 - hdiProbability) / 2.0) + "%,"
                + "hdi_" + SummaryTable.percent((1.0 + hdiProbability) / 2.0) + "%";
        return withNestedRhat ? header + ",rhat_nested" : header;
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
        for (ParameterSummary s : summaries) {
            StringBuilder row = new StringBuilder(quoted(s.name()));
            for (double value : new double[] {s.mean(), s.median(), s.sd(), s.mad(), s.q5(), s.q95(), s.rhat(),
                    s.essBulk(), s.essTail(), s.mcseMean(), s.mcseSd(), s.hdiLower(), s.hdiUpper()}) {
                row.append(',').append(number(value));
            }
            if (withNestedRhat) {
                row.append(',').append(number(s.nestedRhat()));
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
