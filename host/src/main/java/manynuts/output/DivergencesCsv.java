package manynuts.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import manynuts.nuts.Divergence;

/**
 * divergences.csv: chain, draw, the unconstrained position where the integrator failed, energy error. Streamed in
 * whole rows as divergences happen (so an interrupted run keeps them), and rewritten in chain and draw order when
 * the run ends.
 */
public final class DivergencesCsv implements AutoCloseable {
    private final RowFile file;

    private DivergencesCsv(RowFile file) {
        this.file = file;
    }

    /** A new divergences.csv holding its header. */
    public static DivergencesCsv create(Path file, List<String> parameterNames) throws IOException {
        return new DivergencesCsv(RowFile.create(file, header(parameterNames)));
    }

    /** An existing divergences.csv of whole rows, continued. */
    public static DivergencesCsv append(Path file) throws IOException {
        return new DivergencesCsv(RowFile.append(file));
    }

    public void add(Divergence divergence) {
        file.add(line(divergence));
    }

    /** The file, for flushing it. */
    public RowFile file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** Writes {@code divergences}, in their order, to {@code file} through a temporary file renamed over it. */
    public static void write(Path file, List<String> parameterNames, List<Divergence> divergences) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (RowFile rows = RowFile.create(temporary, header(parameterNames))) {
            for (Divergence divergence : divergences) {
                rows.add(line(divergence));
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String header(List<String> parameterNames) {
        StringBuilder header = new StringBuilder("chain,draw");
        for (String name : parameterNames) {
            header.append(',').append(name);
        }
        return header.append(",energy_error\n").toString();
    }

    private static StringBuilder line(Divergence divergence) {
        StringBuilder line = new StringBuilder();
        line.append(divergence.chain() + 1).append(',').append(divergence.draw() + 1);
        for (double x : divergence.position()) {
            line.append(',');
            Numbers.appendCsv(line, x);
        }
        line.append(',');
        Numbers.appendCsv(line, divergence.energyError());
        return line.append('\n');
    }
}
