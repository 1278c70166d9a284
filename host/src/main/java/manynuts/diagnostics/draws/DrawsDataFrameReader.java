package manynuts.diagnostics.draws;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
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
 * optionally {@code .draw}, then one column per variable; rows may come in any order. A file that ends inside its
 * last row (a run stopped while writing it) is read without that row. As posterior's {@code as_draws_df} does, a
 * file without {@code .chain} is one chain and one without {@code .iteration} is in file order; the reserved columns
 * are never variables.
 */
public final class DrawsDataFrameReader {

    static final String CHAIN = ".chain";
    static final String ITERATION = ".iteration";
    static final String DRAW = ".draw";

    private DrawsDataFrameReader() {
    }

    /**
     * Reads {@code file} whose chains all have the same length; every problem is a {@link DiagnosticsInputException}
     * naming the file and line.
     */
    public static PosteriorDraws read(Path file) {
        ChainDraws chains = readChains(file);
        if (chains.shortest() != chains.longest()) {
            int[] lengths = chains.lengths();
            int other = 1;
            while (lengths[other] == lengths[0]) {
                other++;
            }
            throw new DiagnosticsInputException(file + ": chain " + chains.chainNumbers()[other] + " has "
                    + lengths[other] + " draws but chain " + chains.chainNumbers()[0] + " has " + lengths[0]
                    + "; chains must have equal length");
        }
        return chains.firstDraws(chains.shortest());
    }

    /** Reads {@code file} whose chains may differ in length, as a run stopped part way leaves them. */
    public static ChainDraws readChains(Path file) {
        return readChains(file, new ArrayList<>());
    }

    /**
     * Reads {@code file} as {@link #readChains(Path)} does.
     *
     * @param notes modified: one line added saying what was assumed for a missing {@code .chain} or
     *              {@code .iteration} column
     */
    public static ChainDraws readChains(Path file, List<String> notes) {
        try (LastCharacter tail = new LastCharacter(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                BufferedReader reader = new BufferedReader(tail)) {
            return read(reader, tail, file.toString(), notes);
        } catch (IOException e) {
            throw new DiagnosticsInputException(file + ": cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DiagnosticsInputException(file + ": cannot read: " + e.getCause().getMessage());
        }
    }

    /** One row's position in its chain, and the source line for messages. */
    private record Row(int iteration, long line, double[] values) {
    }

    /** Remembers the last character read, so that the reader can tell whether the file ends with a line break. */
    private static final class LastCharacter extends FilterReader {
        private int last = -1;

        LastCharacter(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                last = buffer[offset + count - 1];
            }
            return count;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                last = c;
            }
            return c;
        }

        boolean endsWithLineBreak() {
            return last == '\n' || last == '\r';
        }
    }

    private static ChainDraws read(BufferedReader reader, LastCharacter tail, String source, List<String> notes)
            throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw DiagnosticsInputException.at(source, 1, "empty file, expected a header row");
        }
        List<String> header = VariableNames.bracketed(CsvFields.split(headerLine, source, 1));
        CsvFields.requireDistinct(header, source, 1);
        int chainColumn = header.indexOf(CHAIN);
        int iterationColumn = header.indexOf(ITERATION);
        String assumed = assumption(chainColumn >= 0, iterationColumn >= 0);
        if (assumed != null) {
            notes.add(source + assumed);
        }
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
        long cutRowLine = 0;
        String line = reader.readLine();
        while (line != null) {
            lineNumber++;
            String next = reader.readLine();
            if (next == null && !tail.endsWithLineBreak() && !line.isBlank()) {
                // Rows are written whole, each with its line break: a file ending without one ends inside a row.
                cutRowLine = lineNumber;
                break;
            }
            if (!line.isBlank()) {
                List<String> fields = CsvFields.split(line, source, lineNumber);
                if (fields.size() != header.size()) {
                    throw DiagnosticsInputException.at(source, lineNumber,
                            "expected " + header.size() + " fields as in the header, found " + fields.size());
                }
                int chain = chainColumn < 0 ? 1
                        : CsvFields.parseIndex(fields.get(chainColumn), source, lineNumber, CHAIN);
                int iteration = iterationColumn < 0 ? chains.getOrDefault(chain, List.of()).size() + 1
                        : CsvFields.parseIndex(fields.get(iterationColumn), source, lineNumber, ITERATION);
                double[] values = new double[variables.size()];
                for (int v = 0; v < values.length; v++) {
                    values[v] = CsvFields.parseNumber(fields.get(variableColumns.get(v)), source, lineNumber,
                            variables.get(v));
                }
                chains.computeIfAbsent(chain, c -> new ArrayList<>()).add(new Row(iteration, lineNumber, values));
            }
            line = next;
        }
        if (chains.isEmpty()) {
            throw DiagnosticsInputException.at(source, lineNumber, "no draws after the header"
                    + (cutRowLine > 0 ? " (the only row is cut short)" : ""));
        }
        return assemble(chains, variables, source, cutRowLine, chainColumn >= 0);
    }

    /** What is assumed for missing index columns, as a clause after the file's name; null when nothing is. */
    private static String assumption(boolean hasChain, boolean hasIteration) {
        if (!hasChain && !hasIteration) {
            return " has no " + CHAIN + " or " + ITERATION + " column: read as one chain, its draws in file order";
        }
        if (!hasChain) {
            return " has no " + CHAIN + " column: read as one chain";
        }
        return hasIteration ? null : " has no " + ITERATION + " column: each chain's draws read in file order";
    }

    private static ChainDraws assemble(Map<Integer, List<Row>> chains, List<String> variables, String source,
            long cutRowLine, boolean hasChain) {
        double[][][] values = new double[variables.size()][chains.size()][];
        int[] chainNumbers = new int[chains.size()];
        int chainIndex = 0;
        for (Map.Entry<Integer, List<Row>> entry : chains.entrySet()) {
            List<Row> rows = entry.getValue();
            rows.sort((a, b) -> Integer.compare(a.iteration(), b.iteration()));
            Map<Integer, Long> seen = new HashMap<>();
            for (Row row : rows) {
                Long earlier = seen.put(row.iteration(), row.line());
                if (earlier != null && !hasChain) {
                    throw DiagnosticsInputException.at(source, row.line(), ITERATION + " " + row.iteration()
                            + " appears twice (also at line " + earlier + ") and there is no " + CHAIN
                            + " column: are several chains stacked without it?");
                }
                if (earlier != null) {
                    throw DiagnosticsInputException.at(source, row.line(), "chain " + entry.getKey() + " iteration "
                            + row.iteration() + " appears twice (also at line " + earlier + ")");
                }
            }
            for (int v = 0; v < variables.size(); v++) {
                double[] chain = new double[rows.size()];
                for (int t = 0; t < chain.length; t++) {
                    chain[t] = rows.get(t).values()[v];
                }
                values[v][chainIndex] = chain;
            }
            chainNumbers[chainIndex] = entry.getKey();
            chainIndex++;
        }
        return new ChainDraws(source, variables, List.of(values), chainNumbers, cutRowLine);
    }
}
