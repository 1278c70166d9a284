package manynuts.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.nuts.Divergence;

/** Writes divergences.csv: chain, draw, the unconstrained position where the integrator failed, energy error. */
public final class DivergencesCsv {
    private DivergencesCsv() {
    }

    public static void write(Path file, List<String> parameterNames, List<Divergence> divergences) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("chain,draw");
            for (String name : parameterNames) {
                header.append(',').append(name);
            }
            out.write(header.append(",energy_error\n").toString());
            for (Divergence divergence : divergences) {
                StringBuilder line = new StringBuilder();
                line.append(divergence.chain() + 1).append(',').append(divergence.draw() + 1);
                for (double x : divergence.position()) {
                    line.append(',');
                    Numbers.appendCsv(line, x);
                }
                line.append(',');
                Numbers.appendCsv(line, divergence.energyError());
                out.write(line.append('\n').toString());
            }
        }
    }
}
