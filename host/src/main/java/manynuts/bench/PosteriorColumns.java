package manynuts.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import manynuts.diagnostics.draws.CsvFields;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.summary.ParameterSummary;

/**
 * The statistics of a {@link ParameterSummary} that the posterior R package computes, under posterior's column
 * names, and how close a set of summaries comes to posterior's values for the same draws.
 */
public final class PosteriorColumns {

    /** The version of posterior whose definitions the summary follows. */
    public static final String FOLLOWED_VERSION = "1.4.0";

    /** Agreeing with posterior means a {@link #relativeDifference} of at most this. */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Below this size posterior's values are compared absolutely, to {@code RELATIVE_TOLERANCE} times this. */
    private static final double SMALLEST_SCALE = 1e-6;

    /** posterior's column names, in the order its summary prints them, and the field of ours each one is. */
    public static final Map<String, ToDoubleFunction<ParameterSummary>> FIELDS;

    static {
        Map<String, ToDoubleFunction<ParameterSummary>> fields = new LinkedHashMap<>();
        fields.put("mean", ParameterSummary::mean);
        fields.put("median", ParameterSummary::median);
        fields.put("sd", ParameterSummary::sd);
        fields.put("mad", ParameterSummary::mad);
        fields.put("q5", ParameterSummary::q5);
        fields.put("q95", ParameterSummary::q95);
        fields.put("rhat", ParameterSummary::rhat);
        fields.put("rhat_basic", ParameterSummary::rhatBasic);
        fields.put("ess_bulk", ParameterSummary::essBulk);
        fields.put("ess_tail", ParameterSummary::essTail);
        fields.put("ess_basic", ParameterSummary::essBasic);
        fields.put("ess_mean", ParameterSummary::essMean);
        fields.put("ess_sd", ParameterSummary::essSd);
        fields.put("ess_q5", ParameterSummary::essQ5);
        fields.put("ess_q95", ParameterSummary::essQ95);
        fields.put("mcse_mean", ParameterSummary::mcseMean);
        fields.put("mcse_sd", ParameterSummary::mcseSd);
        fields.put("mcse_q5", ParameterSummary::mcseQ5);
        fields.put("mcse_q95", ParameterSummary::mcseQ95);
        FIELDS = Collections.unmodifiableMap(fields);
    }

    private PosteriorColumns() {
    }

    /**
     * posterior's summary of some parameters: their names, its column names (each a key of {@link #FIELDS}), and a
     * row of values per parameter, NaN for NA.
     */
    public record Table(List<String> variables, List<String> columns, List<double[]> rows) {
    }

    /**
     * Reads posterior's summary from a CSV file: a header of {@code variable} and column names, then a row per
     * parameter of its name and numbers (R's NA, NaN, Inf and -Inf spelled as R writes them).
     *
     * @throws DiagnosticsInputException naming the file and line if the header does not start with
     *     {@code variable}, a field is not a number or a row is short
     */
    public static Table read(Path csv) throws IOException {
        String source = csv.getFileName().toString();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DiagnosticsInputException(source + ": empty, not posterior's summary");
        }
        List<String> header = CsvFields.split(lines.get(0), source, 1);
        if (header.isEmpty() || !header.get(0).equals("variable")) {
            throw DiagnosticsInputException.at(source, 1, "the first column must be variable, not " + header.get(0));
        }
        List<String> columns = List.copyOf(header.subList(1, header.size()));
        List<String> variables = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            List<String> fields = CsvFields.split(lines.get(line), source, line + 1);
            if (fields.size() != header.size()) {
                throw DiagnosticsInputException.at(source, line + 1, fields.size() + " fields under "
                        + header.size() + " columns");
            }
            variables.add(fields.get(0));
            double[] row = new double[columns.size()];
            for (int column = 0; column < row.length; column++) {
                row[column] = CsvFields.parseNumber(fields.get(column + 1), source, line + 1, columns.get(column));
            }
            rows.add(row);
        }
        return new Table(List.copyOf(variables), columns, rows);
    }

    /**
     * How summaries compare with posterior's values.
     *
     * @param maxRelativeDifference the largest {@link #relativeDifference}
     * @param where the statistic and parameter of that largest difference, as {@code "ess_tail of tau"}; empty if
     *     every value is equal
     * @param compared the values compared
     * @param beyondTolerance the values that miss {@link #RELATIVE_TOLERANCE}, an NA on one side only included
     */
    public record Agreement(double maxRelativeDifference, String where, int compared, int beyondTolerance) {
    }

    /**
     * Compares each summary with posterior's row for the same parameter.
     *
     * @param ours one summary per parameter
     * @param posterior posterior's rows, for the same parameters in the same order
     * @throws IllegalArgumentException if a column is not one of {@link #FIELDS}, or the rows are not for the same
     *     parameters
     */
    public static Agreement agreement(List<ParameterSummary> ours, Table posterior) {
        List<String> columns = posterior.columns();
        List<double[]> theirs = posterior.rows();
        if (ours.size() != theirs.size()) {
            throw new IllegalArgumentException("posterior summarised " + theirs.size() + " parameters, not "
                    + ours.size());
        }
        for (String column : columns) {
            if (!FIELDS.containsKey(column)) {
                throw new IllegalArgumentException("posterior's summary has an unknown column: " + column);
            }
        }
        double largest = 0.0;
        String where = "";
        int beyond = 0;
        for (int row = 0; row < ours.size(); row++) {
            if (!ours.get(row).name().equals(posterior.variables().get(row))) {
                throw new IllegalArgumentException("posterior's row " + (row + 1) + " is for "
                        + posterior.variables().get(row) + ", not " + ours.get(row).name());
            }
            double[] values = theirs.get(row);
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("posterior's row for " + ours.get(row).name() + " has "
                        + values.length + " values, not " + columns.size());
            }
            for (int column = 0; column < columns.size(); column++) {
                double mine = FIELDS.get(columns.get(column)).applyAsDouble(ours.get(row));
                double reference = values[column];
                double difference = relativeDifference(mine, reference);
                if (difference > RELATIVE_TOLERANCE) {
                    beyond++;
                }
                if (difference > largest) {
                    largest = difference;
                    where = columns.get(column) + " of " + ours.get(row).name();
                }
            }
        }
        return new Agreement(largest, where, ours.size() * columns.size(), beyond);
    }

    /**
     * {@code |mine - reference|} relative to {@code |reference|}, or to {@value #SMALLEST_SCALE} where
     * {@code |reference|} is smaller (so values near 0 are compared absolutely); 0 for equal values, NA and NA
     * included, and infinite for NA or an infinity against anything else.
     */
    public static double relativeDifference(double mine, double reference) {
        if (Double.compare(mine, reference) == 0 || mine == reference) {
            return 0.0;
        }
        if (Double.isNaN(mine) || Double.isNaN(reference) || Double.isInfinite(mine) || Double.isInfinite(reference)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(mine - reference) / Math.max(Math.abs(reference), SMALLEST_SCALE);
    }

    /** Whether a value agrees with posterior's: a {@link #relativeDifference} of at most the tolerance. */
    public static boolean agrees(double mine, double reference) {
        return relativeDifference(mine, reference) <= RELATIVE_TOLERANCE;
    }
}
