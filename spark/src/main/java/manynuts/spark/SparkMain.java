package manynuts.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.output.RunSummary;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark application: {@code spark-submit --class manynuts.spark.SparkMain manynuts-spark.jar sample ...} runs
 * the chains of one run as shards on the cluster's executors; {@code summary URI} reads such a run back.
 */
@Command(name = "manynuts-spark", mixinStandardHelpOptions = true,
        description = "Many NUTS chains of one model, sharded over an Apache Spark cluster.",
        subcommands = {SparkMain.Sample.class, SparkMain.Summary.class, SparkMain.Sbc.class})
public final class SparkMain {

    /** The Spark context a command of this JVM used, to stop when the application ends. */
    private static volatile JavaSparkContext context;

    private SparkMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        // print() does not flush an auto-flushing writer, and System.exit would drop what it holds.
        out.flush();
        err.flush();
        if (context != null) {
            context.stop();
        }
        System.exit(code);
    }

    /**
     * Runs one command; bad input and failures are one line on {@code err} and a non-zero result, never a stack
     * trace. Uses the active Spark context, or starts one from the {@code spark.*} system properties.
     *
     * @return 0 on success, 1 for a failed run, 2 for bad input
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new SparkMain());
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((error, arguments) -> {
            err.println("manynuts-spark: " + error.getMessage());
            return 2;
        });
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            err.println("manynuts-spark: " + oneLine(error));
            return isBadInput(error) ? 2 : 1;
        });
        return line.execute(args);
    }

    static JavaSparkContext spark() {
        SparkConf conf = new SparkConf().setAppName("manynuts");
        context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        return context;
    }

    /** Hadoop settings of the driver: {@code spark.hadoop.*} of the Spark configuration, without the prefix. */
    static Configuration hadoop() {
        return ShardTask.configuration(ShardedRun.hadoopSettings(new SparkConf()));
    }

    /**
     * The message a user reads, as one line: that of the first bad-input exception in the chain (ours say what was
     * wrong with what), else the innermost, since Spark wraps a task's failure in several layers of its own.
     */
    static String oneLine(Throwable error) {
        Throwable cause = error;
        while (!(cause instanceof IllegalArgumentException) && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean isBadInput(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return error instanceof IllegalArgumentException || cause instanceof IllegalArgumentException
                || cause instanceof DiagnosticsInputException || cause instanceof java.io.FileNotFoundException;
    }

    /** The statistics the shards computed, as a table and the sampler's diagnostics under it. */
    static String shardTable(java.util.List<String> columns, StreamedSummary statistics, int maxDepth) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %11s %11s %11s %11s %9s %11s%n",
                "variable", "mean", "sd", "min", "max", "ess_mean", "mcse_mean"));
        for (int c = 0; c < columns.size(); c++) {
            table.append(String.format(Locale.ROOT, "%-16s %11.4g %11.4g %11.4g %11.4g %9.0f %11.3g%n",
                    columns.get(c), statistics.mean()[c], statistics.sd()[c], statistics.min()[c],
                    statistics.max()[c], statistics.essMean()[c], statistics.mcseMean()[c]));
        }
        table.append(String.format(Locale.ROOT, "%d of %d draws diverged; %d hit the maximum tree depth %d; "
                + "smallest E-BFMI %.3f%n", statistics.divergences(), statistics.draws(),
                statistics.saturatedTreeDepth(), maxDepth, statistics.minEnergyBfmi()));
        if (!statistics.lowEnergyBfmiChains().isEmpty()) {
            java.util.List<Integer> chains = statistics.lowEnergyBfmiChains();
            table.append("warning: E-BFMI below " + SamplerDiagnostics.LOW_ENERGY_BFMI + " in " + chains.size()
                    + " chains, e.g. " + chains.subList(0, Math.min(10, chains.size())) + "\n");
        }
        return table.toString();
    }

    /** The options every command that samples shares. */
    static final class SamplingOptions {
        @Option(names = {"-m", "--model"}, required = true,
                description = "A built-in model's name or a Stan program (FILE.stan).")
        String model;

        @Option(names = "--data", description = "Data in Stan JSON.")
        Path data;

        @Option(names = "--set", description = "A built-in model's option, NAME=VALUE (repeatable).")
        Map<String, String> options = new LinkedHashMap<>();

        @Option(names = "--warmup", defaultValue = "1000", description = "Warm-up iterations per chain.")
        int warmup;

        @Option(names = "--draws", defaultValue = "1000", description = "Draws kept per chain.")
        int draws;

        @Option(names = "--thin", defaultValue = "1", description = "Keep every n-th draw.")
        int thin;

        @Option(names = "--seed", defaultValue = "1", description = "The random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--target-accept", defaultValue = "0.8", description = "Step-size adaptation target.")
        double targetAccept;

        @Option(names = "--max-depth", defaultValue = "10", description = "Maximum tree depth.")
        int maxDepth;

        @Option(names = "--backend", defaultValue = "cpu",
                description = "Where a task runs its chains when Spark gave it no GPU: cpu (default), auto, cuda.")
        String backend;

        ModelSource source() {
            return ModelSource.read(model, data, options);
        }

        RunSettings settings(int chains, int superchainSize) {
            return new RunSettings(chains, warmup, draws, thin, seed, targetAccept, maxDepth, superchainSize);
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Sample a run's chains as shards on Spark executors; write Parquet draws, run.json and "
                    + "summary.csv to a Hadoop file system URI.")
    static final class Sample implements Callable<Integer> {
        @CommandLine.Mixin
        SamplingOptions sampling = new SamplingOptions();

        @Option(names = "--chains", defaultValue = "4", description = "Chains of the whole run.")
        int chains;

        @Option(names = "--shards", description = "Spark tasks the chains are dealt to (default: the cluster's "
                + "default parallelism, at most one per chain).")
        Integer shards;

        @Option(names = "--superchain-size", defaultValue = "1",
                description = "Chains per superchain, started from one point (default 1: none).")
        int superchainSize;

        @Option(names = {"-o", "--output"}, required = true, description = "The run's folder, a Hadoop URI.")
        String output;

        @Option(names = "--summary", defaultValue = "auto", description = "auto (default): distributed where "
                + "ranking one column of every chain exactly (about 48 bytes a draw) would take more than a quarter "
                + "of the driver's free heap, else gathered; gathered: the full table from one "
                + "column of every shard at a time on the driver; distributed: the full table by binned ranks, each "
                + "pass a Spark job over the shards; shards: only what the tasks computed as the draws streamed by. "
                + "All but shards write summary.csv.")
        String summaryMode;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!List.of("auto", "gathered", "distributed", "shards").contains(summaryMode)) {
                throw new IllegalArgumentException("--summary is auto, gathered, distributed or shards, got '"
                        + summaryMode + "'");
            }
            ModelSource model = sampling.source();
            JavaSparkContext spark = spark();
            int count = shards != null ? shards : Math.min(spark.defaultParallelism(), chains / superchainSize);
            RunManifest manifest = ShardedRun.sample(spark, model, sampling.settings(chains, superchainSize), count,
                    output, sampling.backend);
            out.printf(Locale.ROOT, "sampled %d chains of %s in %d shards in %.1f s%n", chains, manifest.model(),
                    manifest.shards().size(), manifest.seconds());
            Configuration conf = spark.hadoopConfiguration();
            if (summaryMode.equals("shards")) {
                out.print(shardTable(manifest.columns(), manifest.streamed(), manifest.settings().maxDepth()));
                out.println("wrote " + output + "/run.json, draws/");
                return 0;
            }
            RunSummary summary = ShardedRun.summary(output, conf, summaryMode, () -> spark);
            ShardedRun.writeSummaryCsv(summary, output, conf);
            out.print(summary.table());
            out.print(summary.warnings());
            out.println("wrote " + output + "/run.json, draws/, summary.csv");
            return 0;
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "The summary of a sharded run's folder, as the sample command prints it.")
    static final class Summary implements Callable<Integer> {
        @Parameters(paramLabel = "URI", description = "The run's folder: what sample's -o was.")
        String run;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from-shards", description = "Print only what the shards' tasks computed as the draws "
                + "streamed by (mean, sd, extremes, divergences, tree depth, E-BFMI), reading no draws: for runs "
                + "whose columns are too large to gather.")
        boolean fromShards;

        @Option(names = "--summary", defaultValue = "auto", description = "auto (default): distributed where "
                + "ranking one column of every chain exactly (about 48 bytes a draw) would take more than a quarter "
                + "of this JVM's free heap, else gathered; gathered: from one column of every "
                + "shard at a time, read here, starting no Spark job; distributed: by binned ranks, each pass a Spark "
                + "job over the shards.")
        String summaryMode;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!List.of("auto", "gathered", "distributed").contains(summaryMode)) {
                throw new IllegalArgumentException("--summary is auto, gathered or distributed, got '" + summaryMode
                        + "'");
            }
            if (fromShards) {
                Configuration conf = hadoop();
                RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(run), conf);
                out.print(shardTable(manifest.columns(), ShardedRun.streamedSummary(manifest, run),
                        manifest.settings().maxDepth()));
                return 0;
            }
            RunSummary summary = ShardedRun.summary(run, hadoop(), summaryMode, SparkMain::spark);
            out.print(summary.table());
            out.print(summary.warnings());
            return 0;
        }
    }

    @Command(name = "sbc", mixinStandardHelpOptions = true,
            description = "Simulation-based calibration: datasets simulated from the prior by a generator program "
                    + "(or a built-in model's own prior simulation), "
                    + "each sampled with the given chains as Spark tasks; writes the true parameters' ranks "
                    + "(ranks.parquet), run.json and report.html with a rank histogram per parameter.")
    static final class Sbc implements Callable<Integer> {
        @CommandLine.Mixin
        SamplingOptions sampling = new SamplingOptions();

        @Option(names = "--generator", description = "A Stan program without parameters whose generated "
                + "quantities draw the true parameters (named as the model's) and the data given them; it reads "
                + "--data too. Default: the built-in model's own prior simulation (eight schools, funnels).")
        Path generator;

        @Option(names = "--datasets", required = true, description = "Datasets to simulate and fit.")
        int datasets;

        @Option(names = "--chains", defaultValue = "4", description = "Chains per dataset.")
        int chains;

        @Option(names = "--shards", description = "Spark tasks the datasets are dealt to (default: the cluster's "
                + "default parallelism, at most one per dataset).")
        Integer shards;

        @Option(names = "--bins", defaultValue = "20", description = "Bins of the rank histograms.")
        int bins;

        @Option(names = {"-o", "--output"}, required = true, description = "The run's folder, a Hadoop URI.")
        String output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (generator != null && !generator.toString().endsWith(".stan")) {
                throw new IllegalArgumentException("--generator takes a Stan program (FILE.stan), got " + generator);
            }
            ModelSource model = sampling.source();
            if (generator == null && model.program() != null) {
                throw new IllegalArgumentException("a Stan program has no prior simulation of its own: give a "
                        + "generator program with --generator FILE.stan");
            }
            ModelSource simulator = generator == null ? model : ModelSource.read(generator.toString(), null, Map.of());
            JavaSparkContext spark = spark();
            int count = shards != null ? shards : Math.max(1, Math.min(spark.defaultParallelism(), datasets));
            SbcRun.Manifest manifest = SbcRun.run(spark, model, simulator, sampling.settings(chains, 1),
                    datasets, count, bins, output, sampling.backend);
            out.printf(Locale.ROOT, "calibrated %s on %d datasets of %d chains in %.1f s; %d divergences%n",
                    manifest.model(), manifest.datasets(), chains, manifest.seconds(), manifest.divergences());
            for (Map.Entry<String, Double> test : manifest.pValues().entrySet()) {
                out.printf(Locale.ROOT, "  %-20s chi-square p = %s%s%n", test.getKey(),
                        RankHistogram.formatP(test.getValue()),
                        test.getValue() < 0.01 ? "  (ranks not uniform: see the report)" : "");
            }
            out.println("wrote " + output + "/run.json, ranks.parquet, report.html");
            return 0;
        }
    }
}
