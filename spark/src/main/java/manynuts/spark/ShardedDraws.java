package manynuts.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import manynuts.output.DrawColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A sharded run's draws by column, read from its shards' Parquet files one column at a time: a column of every
 * chain is in memory while the summary works on it, never the whole run.
 */
final class ShardedDraws implements DrawColumns {
    private final Path run;
    private final RunManifest manifest;
    private final Configuration conf;

    ShardedDraws(Path run, RunManifest manifest, Configuration conf) {
        this.run = run;
        this.manifest = manifest;
        this.conf = conf;
    }

    @Override
    public List<String> columns() {
        return manifest.columns();
    }

    @Override
    public int outputCount() {
        return manifest.outputCount();
    }

    @Override
    public int chains() {
        return manifest.settings().chains();
    }

    @Override
    public int draws() {
        return manifest.settings().draws();
    }

    /**
     * One column as {@code [chain][draw]}, from every shard's file.
     *
     * @throws UncheckedIOException if a file cannot be read or lacks draws
     */
    @Override
    public double[][] column(int index) {
        String name = columns().get(index);
        double[][] values = new double[chains()][draws()];
        try {
            for (ShardResult shard : manifest.shards()) {
                double[][] part = Arrays.copyOfRange(values, shard.firstChain(), shard.firstChain() + shard.chains());
                DrawsParquet.readColumn(new Path(run, shard.file()), conf, name, shard.firstChain(), part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
