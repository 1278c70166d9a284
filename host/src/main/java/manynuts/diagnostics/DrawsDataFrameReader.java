package manynuts.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads draws from a CSV file in posterior's draws_df layout: columns {@code .chain}, {@code .iteration},
 * optionally {@code .draw}, then one column per variable; rows may come in any order.
 */
public final class DrawsDataFrameReader {

    static final String CHAIN = ".chain";
    static final String ITERATION = ".iteration";
    static final String DRAW = ".draw";

    private DrawsDataFrameReader() {
    }

    /** Reads {@code file}; every problem is a {@link DiagnosticsInputException} naming the file and line. */
    public static PosteriorDraws read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new DiagnosticsInputException(file + ": cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DiagnosticsInputException(file + ": cannot read: " + e.getCause().getMessage());
        }
    }

    /** One row's position in its chain, and the source line for messages. */
    private record Row(int iteration, long line, double[] values) {
    }

    static PosteriorDraws read(BufferedReader reader, String source) throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw DiagnosticsInputException.at(source, 1, "empty file, expected a header row");
        }
        List<String> header = CsvFields.split(headerLine, source, 1);
        int chainColumn = requiredColumn(header, CHAIN, source);
        int iterationColumn = requiredColumn(header, ITERATION, source);
        List<String> variables = new ArrayList<>();
        List<Integer> variableColumns = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column);
            if (!name.equals(CHAIN) && !name.equals(ITERATION) && !name.equals(DRAW)) {
                variables.add(name);
                variableColumns.add(column);
            }
        }
        if (variables.isEmpty()) {
            throw DiagnosticsInputException.at(source, 1, "no variable columns besides .chain, .iteration, .draw");
        }
        Map<Integer, List<Row>> chains = new TreeMap<>();
        long lineNumber = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = CsvFields.split(line, source, lineNumber);
            if (fields.size() != header.size()) {
                throw DiagnosticsInputException.at(source, lineNumber,
                        "expected " + header.size() + " fields as in the header, found " + fields.size());
            }
            int chain = CsvFields.parseIndex(fields.get(chainColumn), source, lineNumber, CHAIN);
            int iteration = CsvFields.parseIndex(fields.get(iterationColumn), source, lineNumber, ITERATION);
            double[] values = new double[variables.size()];
            for (int v = 0; v < values.length; v++) {
                values[v] = CsvFields.parseNumber(fields.get(variableColumns.get(v)), source, lineNumber,
                        variables.get(v));
            }
            chains.computeIfAbsent(chain, c -> new ArrayList<>()).add(new Row(iteration, lineNumber, values));
        }
        if (chains.isEmpty()) {
            throw DiagnosticsInputException.at(source, lineNumber, "no draws after the header");
        }
        return assemble(chains, variables, source);
    }

    private static int requiredColumn(List<String> header, String name, String source) {
        int column = header.indexOf(name);
        if (column < 0) {
            throw DiagnosticsInputException.at(source, 1, "missing column " + name);
        }
        return column;
    }

    private static PosteriorDraws assemble(Map<Integer, List<Row>> chains, List<String> variables, String source) {
        int chainCount = chains.size();
        int length = -1;
        int firstChain = -1;
        double[][][] values = new double[variables.size()][chainCount][];
        int chainIndex = 0;
        for (Map.Entry<Integer, List<Row>> entry : chains.entrySet()) {
            List<Row> rows = entry.getValue();
            rows.sort((a, b) -> Integer.compare(a.iteration(), b.iteration()));
            Map<Integer, Long> seen = new HashMap<>();
            for (Row row : rows) {
                Long earlier = seen.put(row.iteration(), row.line());
                if (earlier != null) {
                    throw DiagnosticsInputException.at(source, row.line(), "chain " + entry.getKey() + " iteration "
                            + row.iteration() + " appears twice (also at line " + earlier + ")");
                }
            }
            if (length < 0) {
                length = rows.size();
                firstChain = entry.getKey();
            } else if (rows.size() != length) {
                throw DiagnosticsInputException.at(source, rows.get(0).line(), "chain " + entry.getKey() + " has "
                        + rows.size() + " draws but chain " + firstChain + " has " + length
                        + "; chains must have equal length");
            }
            for (int v = 0; v < variables.size(); v++) {
                double[] chain = new double[length];
                for (int t = 0; t < length; t++) {
                    chain[t] = rows.get(t).values()[v];
                }
                values[v][chainIndex] = chain;
            }
            chainIndex++;
        }
        return new PosteriorDraws(variables, List.of(values));
    }
}
