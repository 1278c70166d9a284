package manynuts.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import manynuts.diagnostics.draws.CsvFields;
import manynuts.nuts.Divergence;
import manynuts.output.DrawRows;

/**
 * Cuts an interrupted run's draws.csv and divergences.csv back to the draws its checkpoint accounts for, before
 * {@code sample --resume} goes on: rows of later draws (the chains make them again, identically) and a cut last row
 * go; each file is rewritten through a temporary file renamed over it.
 */
final class RunFiles {
    private RunFiles() {
    }

    /**
     * Keeps the first {@code kept[c]} draws of every chain c in draws.csv and hands them to {@code keeper}.
     *
     * @throws RunInputException if the header is not the model's, a row is malformed, or a chain has fewer draws
     *                           than the checkpoint accounts for
     */
    static void keepDraws(Path file, String header, int[] kept, DrawRows keeper) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            // Killed before its header was written: nothing was made.
            Files.writeString(file, header, StandardCharsets.UTF_8);
        }
        int width = header.split(",", -1).length;
        int[] found = new int[kept.length];
        double[] values = new double[width - 3];
        rewrite(file, header, width, (fields, line) -> {
            int chain = index(fields[0], kept.length, file, line, ".chain");
            int draw = Integer.parseInt(fields[1]) - 1;
            if (draw >= kept[chain]) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = parse(fields[3 + i], file, line);
            }
            keeper.row(chain, draw, values);
            found[chain]++;
            return true;
        });
        for (int c = 0; c < kept.length; c++) {
            if (found[c] != kept[c]) {
                throw new RunInputException(file + " holds " + found[c] + " draws of chain " + (c + 1)
                        + " where the checkpoint accounts for " + kept[c] + "; the run cannot be resumed exactly");
            }
        }
    }

    /** Keeps the divergences of the draws kept; returns them. */
    static List<Divergence> keepDivergences(Path file, int dimension, int[] kept) throws IOException {
        List<Divergence> divergences = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return divergences;
        }
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        }
        if (header == null) {
            return divergences;
        }
        rewrite(file, header + "\n", dimension + 3, (fields, line) -> {
            int chain = index(fields[0], kept.length, file, line, "chain");
            int draw = Integer.parseInt(fields[1]) - 1;
            if (draw >= kept[chain]) {
                return false;
            }
            double[] position = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                position[d] = parse(fields[2 + d], file, line);
            }
            divergences.add(new Divergence(chain, draw, position, parse(fields[2 + dimension], file, line)));
            return true;
        });
        return divergences;
    }

    private interface RowFilter {
        /** Whether to keep the row; reads it. */
        boolean keep(String[] fields, long line) throws IOException;
    }

    private static void rewrite(Path file, String header, int width, RowFilter filter) throws IOException {
        boolean lastRowCut = lastByte(file) != '\n';
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !(first + "\n").equals(header)) {
                throw new RunInputException(file + ": its header is not that of the run's model; the run cannot be"
                        + " resumed");
            }
            out.write(header);
            String row = in.readLine();
            long line = 2;
            while (row != null) {
                String next = in.readLine();
                if (next == null && lastRowCut) {
                    break;
                }
                String[] fields = row.split(",", -1);
                if (fields.length != width) {
                    throw new RunInputException(file + ": line " + line + " has " + fields.length + " fields where the"
                            + " header has " + width);
                }
                try {
                    if (filter.keep(fields, line)) {
                        out.write(row);
                        out.write('\n');
                    }
                } catch (NumberFormatException e) {
                    throw new RunInputException(file + ": line " + line + ": not a chain and draw number: "
                            + fields[0] + "," + fields[1]);
                }
                row = next;
                line++;
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int lastByte(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() == 0) {
                return -1;
            }
            in.seek(in.length() - 1);
            return in.read();
        }
    }

    private static int index(String field, int chains, Path file, long line, String column) {
        int chain = Integer.parseInt(field) - 1;
        if (chain < 0 || chain >= chains) {
            throw new RunInputException(file + ": line " + line + ": " + column + " " + field + " is not one of the "
                    + chains + " chains");
        }
        return chain;
    }

    private static double parse(String field, Path file, long line) {
        return CsvFields.parseNumber(field, file.toString(), line, "value");
    }
}
