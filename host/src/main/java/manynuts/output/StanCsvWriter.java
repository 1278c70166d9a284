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
import manynuts.adapt.DualAveraging;
import manynuts.adapt.WindowSchedule;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;

/**
 * Writes one Stan CSV file per chain ({@code chain-<n>.csv}, n with leading zeros to the width of the chain count, so
 * that a glob lists the chains in order, as nested R-hat's consecutive superchains need) laid out as CmdStan's
 * {@code sample} method writes it, so that cmdstanpy, ArviZ's {@code from_cmdstan} and cmdstanr's
 * {@code read_cmdstan_csv} read it: the configuration as {@code # key = value} comments (stan_version first), the
 * header row (sampler statistics, then the outputs with CmdStan's {@code theta.1} names), the adaptation block, one
 * row per draw, and the chain's elapsed times.
 */
public final class StanCsvWriter {

    /**
     * The CmdStan release whose file layout these files follow (numbers 0 and 1 for flags, as before 2.33 wrote
     * them); readers record it, and cmdstanr requires it to agree across the files of one run.
     */
    static final int[] STAN_VERSION = {2, 32, 2};

    /** The file the built-in eight schools data are written to, next to the chains, for the data file line. */
    public static final String BUILT_IN_DATA = "eight_schools.json";

    private StanCsvWriter() {
    }

    /** Writes every chain of {@code draws} into {@code directory}, creating it. */
    public static void write(Path directory, Model model, Path data, SamplerSettings settings, SamplingResult result,
            RunDraws draws) throws IOException {
        Files.createDirectories(directory);
        String dataFile = dataFile(directory, model, data);
        String header = headerRow(draws.outputs());
        String name = "chain-%0" + String.valueOf(draws.chains()).length() + "d.csv";
        for (int chain = 0; chain < draws.chains(); chain++) {
            String fileName = String.format(java.util.Locale.ROOT, name, chain + 1);
            Path file = directory.resolve(fileName);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(configuration(model, dataFile, fileName, settings, chain));
                out.write(header);
                out.write(adaptation(result, chain));
                writeRows(out, draws, chain);
                out.write(elapsed(result.chainTimes().warmupSeconds()[chain],
                        result.chainTimes().samplingSeconds()[chain]));
            } catch (IOException e) {
                throw FileErrors.cannot("write", file, e);
            }
        }
    }

    /**
     * The data file line's path: the file given, made absolute so that a reader elsewhere finds it; for the built-in
     * eight schools data, a copy written next to the chains; empty (as CmdStan writes it) for a model without data.
     */
    private static String dataFile(Path directory, Model model, Path data) throws IOException {
        if (data != null) {
            return data.toAbsolutePath().normalize().toString();
        }
        if (!BuiltInData.readBy(model)) {
            return "";
        }
        Path copy = directory.resolve(BUILT_IN_DATA);
        try (java.io.InputStream in = HierarchicalNormalData.class.getResourceAsStream(
                HierarchicalNormalData.EIGHT_SCHOOLS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + HierarchicalNormalData.EIGHT_SCHOOLS_RESOURCE);
            }
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw FileErrors.cannot("write", copy, e);
        }
        return copy.toAbsolutePath().normalize().toString();
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

    // The argument tree CmdStan prints, "(Default)" where the value is Stan's default. Readers take "key = value"
    // lines: cmdstanpy needs method, num_samples, num_warmup, save_warmup, thin, max_depth and metric; cmdstanr
    // needs method and id, and compares stan_version, the adaptation constants, algorithm, engine and metric across
    // the files of a run; ArviZ keeps stan_version apart.
    private static String configuration(Model model, String dataFile, String fileName, SamplerSettings settings,
            int chain) {
        StringBuilder config = new StringBuilder();
        line(config, 0, "stan_version_major = " + STAN_VERSION[0]);
        line(config, 0, "stan_version_minor = " + STAN_VERSION[1]);
        line(config, 0, "stan_version_patch = " + STAN_VERSION[2]);
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
        line(config, 3, "gamma = " + Numbers.csv(DualAveraging.GAMMA) + " (Default)");
        line(config, 3, "delta = " + Numbers.csv(settings.targetAccept()));
        line(config, 3, "kappa = " + Numbers.csv(DualAveraging.KAPPA) + " (Default)");
        line(config, 3, "t0 = " + Numbers.csv(DualAveraging.T0) + " (Default)");
        line(config, 3, "init_buffer = " + WindowSchedule.STAN_INIT_BUFFER + " (Default)");
        line(config, 3, "term_buffer = " + WindowSchedule.STAN_TERM_BUFFER + " (Default)");
        line(config, 3, "window = " + WindowSchedule.STAN_BASE_WINDOW + " (Default)");
        line(config, 2, "algorithm = hmc (Default)");
        line(config, 3, "hmc");
        line(config, 4, "engine = nuts (Default)");
        line(config, 5, "nuts");
        line(config, 6, "max_depth = " + settings.maxDepth());
        line(config, 4, "metric = diag_e (Default)");
        line(config, 4, "stepsize = " + Numbers.csv(settings.stepSize()));
        line(config, 4, "stepsize_jitter = 0 (Default)");
        line(config, 2, "num_chains = 1");
        line(config, 0, "id = " + (chain + 1));
        line(config, 0, "data");
        line(config, 1, "file = " + dataFile);
        line(config, 0, "init = " + Numbers.csv(settings.initRadius()));
        line(config, 0, "random");
        line(config, 1, "seed = " + settings.seed());
        line(config, 0, "output");
        line(config, 1, "file = " + fileName);
        line(config, 0, "pooled_mass_matrix = " + (settings.pooledMetric() ? 1 : 0));
        line(config, 0, "superchain_size = " + settings.superchainSize());
        String version = StanCsvWriter.class.getPackage().getImplementationVersion();
        line(config, 0, "sampler = manynuts " + (version == null ? "development" : version));
        return config.toString();
    }

    private static void line(StringBuilder out, int depth, String text) {
        out.append('#').append(" ".repeat(1 + 2 * depth)).append(text).append('\n');
    }

    // Written after warm-up or without it, as cmdstanpy expects the block whenever the metric is diag_e: the step
    // size and metric the draws were made with.
    private static String adaptation(SamplingResult result, int chain) {
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

    /**
     * The chain's own elapsed times, laid out as CmdStan writes them. Chains ran side by side, so each chain's time is
     * measured from the run's start and overlaps the others'. A time the run did not see (a chain resumed after its
     * warm-up) is NaN, which both R's as.numeric and Python's float read.
     */
    static String elapsed(double warmupSeconds, double samplingSeconds) {
        return "# \n"
                + "#  Elapsed Time: " + seconds(warmupSeconds) + " seconds (Warm-up)\n"
                + "#                " + seconds(samplingSeconds) + " seconds (Sampling)\n"
                + "#                " + seconds(warmupSeconds + samplingSeconds) + " seconds (Total)\n"
                + "# \n";
    }

    private static String seconds(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(java.util.Locale.ROOT, "%.3f", value);
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
