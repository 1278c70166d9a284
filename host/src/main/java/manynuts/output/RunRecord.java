package manynuts.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import manynuts.models.HierarchicalNormalData;
import manynuts.nuts.SamplerSettings;

/**
 * What run.json says about a run, as far as re-summarising and reporting need it.
 *
 * @param data     the data file, or null for the built-in eight schools data
 * @param seconds  the sampling time, NaN if run.json does not record it
 */
public record RunRecord(String model, Path data, int chains, int warmup, int draws, long seed, int maxDepth,
        double targetAccept, String backend, double seconds) {

    private static final String BUILT_IN = "built-in:";

    /** Reads {@code run.json}; a missing file or field is a {@link RunInputException}. */
    public static RunRecord read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new RunInputException(file + ": no such file; is " + file.getParent() + " a run directory?");
        } catch (IOException e) {
            throw new RunInputException(file + ": not readable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new RunInputException(file + ": expected a JSON object");
        }
        JsonNode settings = required(root, "settings", file);
        String data = required(root, "data", file).asText();
        JsonNode result = root.path("result");
        return new RunRecord(required(root, "model", file).asText(),
                data.startsWith(BUILT_IN) ? null : Path.of(data),
                required(settings, "chains", file).asInt(), settings.path("warmup").asInt(SamplerSettings.DEFAULT_WARMUP),
                required(settings, "draws", file).asInt(), settings.path("seed").asLong(),
                settings.path("max_depth").asInt(SamplerSettings.DEFAULT_MAX_DEPTH),
                settings.path("target_accept").asDouble(SamplerSettings.DEFAULT_TARGET_ACCEPT),
                root.path("backend").asText("cpu"), result.path("seconds").asDouble(Double.NaN));
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RunInputException(file + ": missing field \"" + field + "\"");
        }
        return value;
    }

    /** The run's data: the file it names if it is still there, else the built-in eight schools data. */
    public HierarchicalNormalData loadData() {
        if (data == null) {
            return HierarchicalNormalData.eightSchools();
        }
        if (!Files.isRegularFile(data)) {
            throw new RunInputException("run.json names the data file " + data + ", which no longer exists");
        }
        return HierarchicalNormalData.fromFile(data);
    }
}
