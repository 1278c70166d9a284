package manynuts.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import manynuts.models.Model;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;

/**
 * Writes one Stan CSV file per chain ({@code chain-<n>.csv}, n with leading zeros to the width of the chain count, so
 * that a glob lists the chains in order, as nested R-hat's consecutive superchains need) laid out as CmdStan's
 * {@code sample} method writes
 * it, so that cmdstanpy, ArviZ's {@code from_cmdstan} and posterior's {@code read_cmdstan_csv} read it: the
 * configuration as {@code # key = value} comments, the header row (sampler statistics, then the outputs with
 * CmdStan's {@code theta.1} names), the adaptation block, then one row per draw.
 */
public final class StanCsvWriter {

    private StanCsvWriter() {
    }

    /** Writes every chain of {@code draws} into {@code directory}, creating it. */
    public static void write(Path directory, Model model, Path data, SamplerSettings settings, SamplingResult result,
            RunDraws draws) throws IOException {
        Files.createDirectories(directory);
        String header = headerRow(draws.outputs());
        String name = "chain-%0" + String.valueOf(draws.chains()).length() + "d.csv";
        for (int chain = 0; chain < draws.chains(); chain++) {
            Path file = directory.resolve(String.format(java.util.Locale.ROOT, name, chain + 1));
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(configuration(model, data, settings, chain));
                out.write(header);
                out.write(adaptation(result, chain, settings.warmup() > 0));
                writeRows(out, draws, chain);
                out.write(elapsed(result.seconds()));
            } catch (IOException e) {
                throw FileErrors.cannot("write", file, e);
            }
        }
    }

    /** CmdStan names a container element {@code theta.1} where posterior and this project write theta[1]. */
    static String stanName(String name) {
        return name.replace('[', '.').replace("]", "").replace(',', '.');
    }

    private static String headerRow(List<String> outputs) {
        StringBuilder header = new StringBuilder(String.join(",", SamplerStats.NAMES));
        for (String name : outputs) {
            header.append(',').append(stanName(name));
        }
        return header.append('\n').toString();
    }

    // The argument tree CmdStan prints; readers take "key = value" lines, and cmdstanpy needs metric and max_depth.
    private static String configuration(Model model, Path data, SamplerSettings settings, int chain) {
        StringBuilder config = new StringBuilder();
        line(config, 0, "model = " + model.name());
        line(config, 0, "start_datetime = "
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " UTC");
        line(config, 0, "method = sample (Default)");
        line(config, 1, "sample");
        line(config, 2, "num_samples = " + settings.draws());
        line(config, 2, "num_warmup = " + settings.warmup());
        line(config, 2, "save_warmup = 0");
        line(config, 2, "thin = " + settings.thin());
        line(config, 2, "adapt");
        line(config, 3, "engaged = " + (settings.warmup() > 0 ? 1 : 0));
        line(config, 3, "delta = " + settings.targetAccept());
        line(config, 2, "algorithm = hmc (Default)");
        line(config, 3, "hmc");
        line(config, 4, "engine = nuts (Default)");
        line(config, 5, "nuts");
        line(config, 6, "max_depth = " + settings.maxDepth());
        line(config, 4, "metric = diag_e (Default)");
        line(config, 4, "stepsize = " + Numbers.csv(settings.stepSize()));
        line(config, 2, "num_chains = 1");
        line(config, 0, "id = " + (chain + 1));
        line(config, 0, "data");
        line(config, 1, "file = " + (data != null ? data.toString()
                : RunDirectory.readsBuiltInData(model) ? "built-in eight schools" : ""));
        line(config, 0, "init = " + Numbers.csv(settings.initRadius()));
        line(config, 0, "random");
        line(config, 1, "seed = " + settings.seed());
        line(config, 0, "pooled_metric = " + (settings.pooledMetric() ? 1 : 0));
        line(config, 0, "superchain_size = " + settings.superchainSize());
        String version = RunDirectory.class.getPackage().getImplementationVersion();
        line(config, 0, "sampler = manynuts " + (version == null ? "development" : version));
        return config.toString();
    }

    private static void line(StringBuilder out, int depth, String text) {
        out.append('#').append(" ".repeat(1 + 2 * depth)).append(text).append('\n');
    }

    private static String adaptation(SamplingResult result, int chain, boolean adapted) {
        if (!adapted) {
            return "";
        }
        StringBuilder block = new StringBuilder("# Adaptation terminated\n");
        block.append("# Step size = ").append(number(result.stepSizes()[chain])).append('\n');
        if (chain < result.inverseMetrics().length) {
            block.append("# Diagonal elements of inverse mass matrix:\n# ");
            double[] metric = result.inverseMetrics()[chain];
            for (int d = 0; d < metric.length; d++) {
                block.append(d == 0 ? "" : ", ").append(number(metric[d]));
            }
            block.append('\n');
        }
        return block.toString();
    }

    // All chains ran at once, so no chain has a time of its own, nor a split into warm-up and sampling: those are
    // NaN (which R and Python read as numbers), and the total is the whole run's wall-clock time.
    private static String elapsed(double seconds) {
        return "# \n"
                + "#  Elapsed Time: NaN seconds (Warm-up)\n"
                + "#                NaN seconds (Sampling)\n"
                + "#                " + Numbers.csv(seconds) + " seconds (Total)\n"
                + "# \n"
                + "# Every chain ran together in one process: Total is that run's time, not this chain's.\n";
    }

    private static void writeRows(BufferedWriter out, RunDraws draws, int chain) throws IOException {
        List<double[][]> columns = new java.util.ArrayList<>();
        for (String name : SamplerStats.NAMES) {
            columns.add(draws.column(name));
        }
        for (String name : draws.outputs()) {
            columns.add(draws.column(name));
        }
        StringBuilder row = new StringBuilder();
        for (int draw = 0; draw < draws.draws(); draw++) {
            row.setLength(0);
            for (int column = 0; column < columns.size(); column++) {
                row.append(column == 0 ? "" : ",").append(number(columns.get(column)[chain][draw]));
            }
            out.write(row.append('\n').toString());
        }
    }

    // Stan writes nan, inf and -inf; integers without a decimal point (cmdstanpy parses divergent__ with int()).
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Numbers.csv(value);
    }
}
