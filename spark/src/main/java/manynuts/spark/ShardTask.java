package manynuts.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;
import manynuts.api.RunInfo;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/**
 * Samples one shard's chains on an executor and writes their draws file: on the task's GPU when Spark gave it one
 * ({@code spark.task.resource.gpu.amount}), else on the backend asked for, on as many threads as the task has cores.
 * The draws go to a file of the task attempt's own and are renamed into place only when the shard is whole, so a
 * failed attempt leaves nothing a reader sees, and a retry writes the same draws again.
 */
final class ShardTask implements Function<Shard, ShardResult> {
    private final ModelSource model;
    private final RunSettings settings;
    private final String run;
    private final String backend;
    private final Map<String, String> hadoop;
    /** A shard whose first attempt fails on purpose after writing its draws, to prove retries; -1 for none. */
    private final int failFirstAttemptOf;
    /** A shard whose first attempt ends its executor's JVM, to prove a lost executor loses nothing; -1 for none. */
    private final int loseExecutorIn;

    /**
     * @param run    the run's folder, as a Hadoop file system URI
     * @param hadoop Hadoop settings for the executors ({@code spark.hadoop.*} without the prefix)
     */
    ShardTask(ModelSource model, RunSettings settings, String run, String backend, Map<String, String> hadoop,
            int failFirstAttemptOf, int loseExecutorIn) {
        this.model = model;
        this.settings = settings;
        this.run = run;
        this.backend = backend;
        this.hadoop = Map.copyOf(hadoop);
        this.failFirstAttemptOf = failFirstAttemptOf;
        this.loseExecutorIn = loseExecutorIn;
    }

    @Override
    public ShardResult call(Shard shard) throws IOException {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        long attemptId = task == null ? 0 : task.taskAttemptId();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        PosteriorModel posterior = model.load();
        NutsSampler sampler = settings.sampler(posterior, threads, backendOf(task));
        Configuration conf = configuration(hadoop);
        Path folder = new Path(run);
        Path target = new Path(folder, shard.file());
        Path partial = new Path(folder, "_temporary/" + target.getName() + ".attempt-" + attemptId);
        List<String> columns = posterior.columns();
        StatisticsCollector statistics = new StatisticsCollector(columns, shard.firstChain(), shard.chains(),
                settings.maxDepth());
        RunInfo info;
        try (DrawsParquet.Writer writer = new DrawsParquet.Writer(partial, conf, columns, settings.draws())) {
            info = sampler.streamChains(shard.firstChain(), shard.chains(), (chain, draw, values) -> {
                statistics.add(chain, values);
                try {
                    writer.row(chain, draw, values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        // The chains' autocovariances need each chain whole: read back one column of the shard at a time.
        List<ColumnAutocovariance> autocovariances = new ArrayList<>();
        double[][] column = new double[shard.chains()][settings.draws()];
        for (String name : columns) {
            DrawsParquet.readColumn(partial, conf, name, shard.firstChain(), column);
            autocovariances.add(ColumnAutocovariance.of(column));
        }
        if (attempt == 0 && shard.index() == failFirstAttemptOf) {
            throw new IllegalStateException("shard " + shard.index() + " fails its first attempt, as asked");
        }
        // Never the driver's JVM: in local mode the tasks run there.
        if (attempt == 0 && shard.index() == loseExecutorIn && !"driver".equals(SparkEnv.get().executorId())) {
            Runtime.getRuntime().halt(3);
        }
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        // A speculative or earlier attempt may have written the same draws already: this attempt's replace them.
        fs.delete(target, false);
        if (!fs.rename(partial, target)) {
            throw new IOException("cannot rename " + partial + " to " + target);
        }
        return new ShardResult(shard.index(), shard.firstChain(), shard.chains(), shard.file(), info.backend(),
                info.seconds(), info.gradientEvaluations(), SparkEnv.get().executorId(), attempt,
                statistics.statistics().withAutocovariances(autocovariances));
    }

    private String backendOf(TaskContext task) {
        return task == null ? backend : backendOf(task.resourcesJMap(), backend);
    }

    /**
     * The task's GPUs ({@code spark.task.resource.gpu.amount}) as a CUDA backend when it was given some, else
     * {@code requested}.
     */
    static String backendOf(Map<String, ResourceInformation> resources, String requested) {
        ResourceInformation gpus = resources.get("gpu");
        if (gpus == null || gpus.addresses().length == 0) {
            return requested;
        }
        return "cuda:" + String.join(",", gpus.addresses());
    }

    static Configuration configuration(Map<String, String> hadoop) {
        Configuration conf = new Configuration();
        hadoop.forEach(conf::set);
        return conf;
    }
}
