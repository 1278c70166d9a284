package manynuts.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.nuts.SamplerSettings;

/** The end-of-run summary: mean and sd of every output, and the divergences after warm-up. */
public final class RunSummary {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();
    private final long divergent;
    private final long draws;

    private RunSummary(long divergent, long draws) {
        this.divergent = divergent;
        this.draws = draws;
    }

    public static RunSummary of(DrawTable table, SamplerSettings settings) {
        double[][] divergentColumn = table.column("divergent__");
        long divergent = 0;
        for (double[] chain : divergentColumn) {
            for (double x : chain) {
                divergent += x != 0 ? 1 : 0;
            }
        }
        RunSummary summary = new RunSummary(divergent, (long) table.chains() * table.draws());
        for (int column = 0; column < table.outputCount(); column++) {
            double sum = 0;
            double sumSquares = 0;
            long n = 0;
            for (double[] chain : table.column(column)) {
                for (double x : chain) {
                    sum += x;
                    n++;
                }
            }
            double mean = sum / n;
            for (double[] chain : table.column(column)) {
                for (double x : chain) {
                    sumSquares += (x - mean) * (x - mean);
                }
            }
            summary.names.add(table.columns().get(column));
            summary.rows.add(new double[] {mean, Math.sqrt(sumSquares / (n - 1))});
        }
        return summary;
    }

    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %12s %12s%n", "parameter", "mean", "sd"));
        for (int i = 0; i < names.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-14s %12.4f %12.4f%n", names.get(i), rows.get(i)[0], rows.get(i)[1]));
        }
        return out.toString();
    }

    public String warnings() {
        if (divergent == 0) {
            return "no divergent transitions after warm-up\n";
        }
        return String.format(Locale.ROOT, "%d of %d draws after warm-up diverged (%.1f %%): increase target_accept or reparameterize%n",
                divergent, draws, 100.0 * divergent / draws);
    }

    public void writeCsv(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("variable,mean,sd");
            for (int i = 0; i < names.size(); i++) {
                out.println(names.get(i) + "," + Numbers.csv(rows.get(i)[0]) + "," + Numbers.csv(rows.get(i)[1]));
            }
        }
    }
}
