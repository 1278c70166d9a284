package manynuts.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import manynuts.api.PosteriorModel;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.output.RunSummary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A run whose chains are sharded over Spark tasks: the job that samples the shards and writes the run's folder
 * (draws/shard-NNNNN.parquet, run.json, summary.csv), and the summary read back from such a folder.
 */
public final class ShardedRun {
    /** Test-only Spark setting: the shard whose first task attempt fails on purpose, to prove retries. */
    public static final String FAIL_FIRST_ATTEMPT = "spark.manynuts.test.failFirstAttemptOfShard";
    /** Test-only Spark setting: the shard whose first attempt ends its executor (never the driver) on purpose. */
    public static final String LOSE_EXECUTOR = "spark.manynuts.test.loseExecutorInShard";

    private ShardedRun() {
    }

    /**
     * Samples a run as {@code shards} Spark tasks and writes its folder at {@code output}.
     *
     * @param backend where a task runs its chains when Spark gave it no GPU ({@code cpu}, {@code auto}, ...)
     * @throws IllegalArgumentException for a model, settings or output that cannot be used, before any task runs
     */
    public static RunManifest sample(JavaSparkContext spark, ModelSource model, RunSettings settings, int shards,
            String output, String backend) throws IOException {
        PosteriorModel posterior = model.load();
        // Builds the sampler once on the driver so that a bad setting is refused before any task starts.
        settings.sampler(posterior, 1, backend);
        List<Shard> parts = Shard.split(settings.chains(), shards, settings.superchainSize());
        Map<String, String> hadoop = hadoopSettings(spark.getConf());
        Configuration conf = ShardTask.configuration(hadoop);
        Path folder = new Path(output);
        FileSystem fs = folder.getFileSystem(conf);
        if (fs.exists(folder) && fs.listStatus(folder).length > 0) {
            throw new IllegalArgumentException(output + " exists and is not empty: give a new folder to -o");
        }
        int failing = spark.getConf().getInt(FAIL_FIRST_ATTEMPT, -1);
        int losing = spark.getConf().getInt(LOSE_EXECUTOR, -1);
        ShardTask task = new ShardTask(model, settings, folder.toString(), backend, hadoop, failing, losing);
        long start = System.nanoTime();
        List<ShardResult> results = new ArrayList<>(spark.parallelize(parts, parts.size()).map(task).collect());
        double seconds = (System.nanoTime() - start) / 1e9;
        results.sort(Comparator.comparingInt(ShardResult::index));
        fs.delete(new Path(folder, "_temporary"), true);
        ShardStatistics total = null;
        for (ShardResult result : results) {
            total = total == null ? result.statistics() : total.plus(result.statistics());
        }
        RunManifest manifest = new RunManifest(model.name(), model.options(), settings, posterior.columns(),
                posterior.outputNames().size(), results, seconds, StreamedSummary.of(total));
        manifest.write(folder, conf);
        return manifest;
    }

    /**
     * The summary of a sharded run's folder, as {@code manynuts summary} gives it for a run of one machine, from one
     * column of every chain at a time gathered on this machine.
     *
     * @throws IllegalArgumentException if the folder holds no sharded run
     */
    public static RunSummary summary(String output, Configuration conf) throws IOException {
        return summary(output, conf, "gathered", null);
    }

    /**
     * The summary of a sharded run's folder: {@code gathered} as {@link #summary(String, Configuration)};
     * {@code distributed} by binned ranks over the shards, as Spark jobs ({@link DistributedSummary}); {@code auto}
     * distributed where ranking one column of every chain exactly would take more than a quarter of this JVM's free
     * heap ({@link DistributedSummary#needed}), else gathered.
     *
     * @param spark gives the Spark context a distributed summary runs on; asked only if one is
     * @throws IllegalArgumentException if the folder holds no sharded run, or for another mode
     */
    public static RunSummary summary(String output, Configuration conf, String mode,
            java.util.function.Supplier<JavaSparkContext> spark) throws IOException {
        Path folder = new Path(output);
        RunManifest manifest = RunManifest.read(folder, conf);
        SummaryOptions options = SummaryOptions.defaults();
        int superchain = manifest.settings().superchainSize();
        if (superchain > 1) {
            options = options.withNestedDesign(superchain);
        }
        boolean distributed = switch (mode) {
            case "gathered" -> false;
            case "distributed" -> true;
            case "auto" -> DistributedSummary.needed(manifest);
            default -> throw new IllegalArgumentException("a summary is auto, gathered or distributed, got '" + mode
                    + "'");
        };
        if (distributed) {
            return DistributedSummary.of(spark.get(), output, manifest, conf, options);
        }
        return RunSummary.ofColumns(new ShardedDraws(folder, manifest, conf), manifest.settings().maxDepth(),
                options);
    }

    /**
     * What a sharded run's tasks computed as its draws streamed by, combined when the run ended: no draw is read.
     *
     * @throws IllegalArgumentException if the folder holds no sharded run, or one without these statistics
     */
    public static StreamedSummary streamedSummary(String output, Configuration conf) throws IOException {
        return streamedSummary(RunManifest.read(new Path(output), conf), output);
    }

    /** As {@link #streamedSummary(String, Configuration)}, from the run's record already read. */
    static StreamedSummary streamedSummary(RunManifest manifest, String output) {
        if (manifest.streamed() == null) {
            throw new IllegalArgumentException(output + "/run.json holds no statistics of the shards");
        }
        return manifest.streamed();
    }

    /** Writes summary.csv into the run's folder, through a local temporary file. */
    public static void writeSummaryCsv(RunSummary summary, String output, Configuration conf) throws IOException {
        java.nio.file.Path local = Files.createTempFile("manynuts-summary", ".csv");
        try {
            summary.writeCsv(local);
            Path target = new Path(output, "summary.csv");
            try (OutputStream out = target.getFileSystem(conf).create(target, true)) {
                Files.copy(local, out);
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The {@code spark.hadoop.*} settings without their prefix, which executors apply to their file systems. */
    static Map<String, String> hadoopSettings(SparkConf conf) {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (Tuple2<String, String> entry : conf.getAllWithPrefix("spark.hadoop.")) {
            settings.put(entry._1(), entry._2());
        }
        return settings;
    }
}
