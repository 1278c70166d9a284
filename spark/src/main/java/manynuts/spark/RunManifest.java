package manynuts.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A sharded run's run.json: the model, the settings every shard shared, the draws' columns, and each shard's
 * chains, file and cost. With it the draws files are a run that {@code summary} can read.
 *
 * @param model       the model's name as {@code -m} gave it (a built-in model, or a Stan program's file name)
 * @param options     the built-in model's options
 * @param outputCount the number of leading columns that are the model's outputs; Stan's sampler statistics follow
 * @param seconds     the wall-clock time of the Spark job that sampled
 * @param streamed    what the shards' tasks computed as the draws streamed by, combined
 */
public record RunManifest(String model, Map<String, String> options, RunSettings settings, List<String> columns,
        int outputCount, List<ShardResult> shards, double seconds, StreamedSummary streamed) {

    static final String FILE = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes run.json into the run's folder {@code run}, replacing any there. */
    void write(Path run, Configuration conf) throws IOException {
        Path file = new Path(run, FILE);
        try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
            JSON.writeValue(out, this);
        }
    }

    /**
     * Reads the run.json of the run's folder {@code run}.
     *
     * @throws IllegalArgumentException if there is none, or it is not a sharded run's
     */
    static RunManifest read(Path run, Configuration conf) throws IOException {
        Path file = new Path(run, FILE);
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            throw new IllegalArgumentException(run + " holds no " + FILE + ": not a sharded run's folder");
        }
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, RunManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + " is not a sharded run's record: "
                    + e.getOriginalMessage(), e);
        }
    }
}
