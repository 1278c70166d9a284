package manynuts.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.DrawsShape;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * One column of a sharded run as the parts of its chains, one per shard: a pass runs as a Spark job with a task per
 * shard, which holds only its shard's column, and the driver gets back only what the pass computes. Each task reads
 * its shard's column from Parquet once; the executors keep it (in memory, else on their disks) for the column's
 * further passes until {@link #close}. The pass itself goes to the executors as a broadcast: its tables (bin edges,
 * gathered draws, normal scores, per-chain means) are sent once per executor, not once per task.
 */
final class ShardColumnParts implements ChainParts, AutoCloseable {

    /** A shard's chains of one column, as [chain][draw], and the number of its first chain in the run. */
    private record ShardColumn(int firstChain, double[][] draws) implements Serializable {
    }

    private final JavaSparkContext spark;
    private final DrawsShape shape;
    private final JavaRDD<ShardColumn> columns;

    /**
     * @param run the run's folder
     * @param hadoop Hadoop settings for the executors' file systems
     */
    ShardColumnParts(JavaSparkContext spark, String run, RunManifest manifest, Map<String, String> hadoop,
            String column) {
        this.spark = spark;
        int draws = manifest.settings().draws();
        this.shape = new DrawsShape(manifest.settings().chains(), draws);
        List<ShardResult> shards = manifest.shards();
        this.columns = spark.parallelize(shards, shards.size()).map(shard -> {
            double[][] values = new double[shard.chains()][draws];
            try {
                DrawsParquet.readColumn(new Path(run, shard.file()), ShardTask.configuration(hadoop), column,
                        shard.firstChain(), values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ShardColumn(shard.firstChain(), values);
        }).persist(StorageLevel.MEMORY_AND_DISK());
    }

    @Override
    public DrawsShape shape() {
        return shape;
    }

    /** One Spark job: the results come back in the shards' order, which is the chains' order. */
    @Override
    public <P> List<P> run(Pass<P> pass) {
        return job(pass, JavaRDD::collect);
    }

    /** One Spark job whose results are merged on the executors, in a tree, so the driver gets only a few. */
    @Override
    public <P> P reduce(Pass<P> pass, Merge<P> merge) {
        return job(pass, results -> results.treeReduce(merge::apply));
    }

    /** Broadcasts {@code pass}, runs {@code finish} on its results per shard, then drops the broadcast. */
    private <P, R> R job(Pass<P> pass, Function<JavaRDD<P>, R> finish) {
        Broadcast<Pass<P>> shipped = spark.broadcast(pass);
        try {
            return finish.apply(columns.map(shard -> shipped.value().over(shard.draws(), shard.firstChain())));
        } finally {
            shipped.destroy();
        }
    }

    /** Lets the executors drop the column. */
    @Override
    public void close() {
        columns.unpersist(false);
    }
}
