package manynuts.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a grouped logistic regression: n observations, each with a group in 1..G, a 0/1 outcome and p
 * predictors, the predictors kept row-major ({@code x[i * p + k]}) as the left factor of the linear predictor's
 * matrix product.
 *
 * <p>The CSV form has a header {@code group,y,x1,...,xp} (any names after the first two) and one row per
 * observation; the number of groups is the largest group index.
 */
public record LogisticRegressionData(int n, int p, int groups, int[] group, int[] y, double[] x) {

    public LogisticRegressionData {
        if (n < 1 || p < 1 || groups < 1) {
            throw new ModelException("a logistic regression needs at least one observation, predictor and group");
        }
        if (group.length != n || y.length != n || x.length != (long) n * p) {
            throw new ModelException("logistic regression data: array lengths do not match n=" + n + ", p=" + p);
        }
        for (int i = 0; i < n; i++) {
            boolean finite = true;
            for (int k = 0; k < p; k++) {
                finite &= Double.isFinite(x[i * p + k]);
            }
            if (group[i] < 0 || group[i] >= groups || (y[i] != 0 && y[i] != 1) || !finite) {
                throw new ModelException("logistic regression data: observation " + (i + 1) + " is out of range");
            }
        }
        group = group.clone();
        y = y.clone();
        x = x.clone();
    }

    @Override
    public int[] group() {
        return group.clone();
    }

    @Override
    public int[] y() {
        return y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    /**
     * Reads a CSV file.
     *
     * @throws ModelException with one line naming the file, the line and what is wrong
     */
    public static LogisticRegressionData fromCsv(Path file) {
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    /** Parses CSV lines; {@code source} names them in messages. */
    static LogisticRegressionData parse(String source, List<String> lines) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new ModelException(source + ": empty; expected a header group,y,x1,...,xp and one row per observation");
        }
        String[] header = lines.get(first).split(",", -1);
        if (header.length < 3 || !header[0].strip().equals("group") || !header[1].strip().equals("y")) {
            throw new ModelException(source + " line " + (first + 1) + ": the header must be group,y,x1,...,xp");
        }
        int p = header.length - 2;
        List<int[]> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int groups = 0;
        for (int lineIndex = first + 1; lineIndex < lines.size(); lineIndex++) {
            String line = lines.get(lineIndex);
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + (lineIndex + 1) + ": ";
            String[] fields = line.split(",", -1);
            if (fields.length != p + 2) {
                throw new ModelException(where + "expected " + (p + 2) + " columns (group, y and " + p
                        + " predictors) but found " + fields.length);
            }
            int group = integer(fields[0], where + "the group must be a positive integer");
            if (group < 1) {
                throw new ModelException(where + "the group must be a positive integer, not " + fields[0].strip());
            }
            int y = integer(fields[1], where + "y must be 0 or 1");
            if (y != 0 && y != 1) {
                throw new ModelException(where + "y must be 0 or 1, not " + fields[1].strip());
            }
            double[] row = new double[p];
            for (int k = 0; k < p; k++) {
                String field = fields[k + 2].strip();
                try {
                    row[k] = Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    row[k] = Double.NaN;
                }
                if (!Double.isFinite(row[k])) {
                    throw new ModelException(where + header[k + 2].strip() + " must be a finite number, not \""
                            + field + "\"");
                }
            }
            groups = Math.max(groups, group);
            labels.add(new int[] {group - 1, y});
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new ModelException(source + ": no observations after the header");
        }
        int n = rows.size();
        int[] group = new int[n];
        int[] y = new int[n];
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            group[i] = labels.get(i)[0];
            y[i] = labels.get(i)[1];
            System.arraycopy(rows.get(i), 0, x, i * p, p);
        }
        return new LogisticRegressionData(n, p, groups, group, y, x);
    }

    private static int integer(String field, String message) {
        String text = field.strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ModelException(message + ", not \"" + text + "\"");
        }
    }
}
