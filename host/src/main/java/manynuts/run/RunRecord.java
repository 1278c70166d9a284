package manynuts.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import manynuts.models.ConfiguredModel;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;
import manynuts.models.stan.StanModels;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.nuts.SamplerSettings;

/**
 * What run.json says about a run, as far as re-summarising and reporting need it.
 *
 * @param data     the data the run was sampled with: the file named, the run's copy of it, their SHA-256
 * @param options  the model's option values as text, key to value (empty for runs made before models had options)
 * @param seconds  the sampling time, NaN if run.json does not record it
 * @param superchainSize chains per superchain sharing an initial point (1 for runs made before superchains)
 * @param hdiProbability the HDI probability of the run's summary (0.95 for runs that do not record it)
 * @param program  the Stan program the model was compiled from, or null for a built-in or registered model
 * @param status   how the run ended: complete, interrupted or still running ({@link RunStatus#UNRECORDED} for runs
 *                 made before run.json said)
 * @param file     the run.json read, for messages
 */
public record RunRecord(String model, RunData data, Map<String, String> options, int chains, int warmup, int draws,
        long seed, int maxDepth, double targetAccept, String backend, double seconds, int superchainSize,
        double hdiProbability, StanProgram program, RunStatus status, Path file) {

    /** A Stan program as run.json keeps it: the file it was read from and its text. */
    public record StanProgram(String file, String text) {
    }

    /** How run.json names built-in data: a prefix before the resource's name. */
    static final String BUILT_IN = "built-in:";

    /** How run.json says a model was built without a data file. */
    static final String NO_DATA = "none";

    public RunRecord {
        options = Map.copyOf(options);
    }

    /** What is wrong with a JSON file that does not parse, in one line. */
    static String jsonProblem(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException syntax
                ? manynuts.models.JsonSyntax.problem(syntax)
                : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /** Reads {@code run.json}; a missing file or field is a {@link RunInputException}. */
    public static RunRecord read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new RunInputException(file + ": no such file; is " + file.getParent() + " a run directory?");
        } catch (IOException e) {
            throw new RunInputException(file + ": not readable JSON: " + jsonProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw new RunInputException(file + ": expected a JSON object");
        }
        JsonNode settings = required(root, "settings", file);
        RunData data = RunData.read(root, file);
        JsonNode result = root.path("result");
        Map<String, String> options = new LinkedHashMap<>();
        root.path("model_options").fields().forEachRemaining(field -> options.put(field.getKey(),
                field.getValue().asText()));
        JsonNode chainCount = required(settings, "chains", file);
        int chains = chainCount.isIntegralNumber() && chainCount.canConvertToInt() ? chainCount.intValue() : 0;
        if (chains < 1) {
            throw new RunInputException(file + ": settings.chains must be a whole number of at least 1, got "
                    + chainCount);
        }
        JsonNode superchains = settings.path("superchain_size");
        int superchainSize = superchains.isMissingNode() ? 1 : superchains.isIntegralNumber() ? superchains.asInt() : 0;
        if (superchainSize < 1 || chains % superchainSize != 0) {
            throw new RunInputException(file + ": settings.superchain_size must be a whole number that divides the "
                    + chains + " chains, got " + superchains);
        }
        JsonNode hdi = root.path("summary").path("hdi_prob");
        double hdiProbability = hdi.isMissingNode() ? SummaryOptions.defaults().hdiProbability()
                : hdi.isNumber() ? hdi.asDouble() : Double.NaN;
        if (!(hdiProbability > 0.0 && hdiProbability <= 1.0)) {
            throw new RunInputException(file + ": summary.hdi_prob must be a number in (0, 1], got " + hdi);
        }
        JsonNode draws = required(settings, "draws", file);
        if (!draws.canConvertToInt() || !draws.isIntegralNumber() || draws.intValue() < 1) {
            throw new RunInputException(file + ": settings.draws must be a whole number of at least 1, got " + draws);
        }
        return new RunRecord(required(root, "model", file).asText(), data, options,
                chains, settings.path("warmup").asInt(SamplerSettings.DEFAULT_WARMUP),
                draws.intValue(), settings.path("seed").asLong(),
                settings.path("max_depth").asInt(SamplerSettings.DEFAULT_MAX_DEPTH),
                settings.path("target_accept").asDouble(SamplerSettings.DEFAULT_TARGET_ACCEPT),
                root.path("backend").asText("cpu"), result.path("seconds").asDouble(Double.NaN),
                superchainSize, hdiProbability, program(root.path("stan_program"), file),
                RunStatus.read(root, chains, file), file);
    }

    private static StanProgram program(JsonNode node, Path file) {
        if (node.isMissingNode()) {
            return null;
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new RunInputException(file + ": stan_program.text must hold the program's text");
        }
        String expected = node.path("sha256").asText("");
        String actual = RunDirectory.sha256(text.textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!expected.equals(actual)) {
            throw new RunInputException(file + ": stan_program.text does not match its sha256; the run record was "
                    + "edited");
        }
        return new StanProgram(node.path("file").asText("program.stan"), text.textValue());
    }

    /**
     * The summary the run was given: its HDI probability, and nested R-hat over its superchains when its chains
     * started in superchains.
     */
    public SummaryOptions summaryOptions() {
        return ModelRun.summaryOf(SummaryOptions.defaults().withHdiProbability(hdiProbability), superchainSize);
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new RunInputException(file + ": missing field \"" + field + "\"");
        }
        return value;
    }

    /**
     * The run's model built again from its name, data and options, as {@code sample} built it: from the run's copy
     * of its data file where it keeps one, after checking the data against their recorded SHA-256.
     *
     * @throws RunInputException if the data are missing or not those of the run, or the model cannot be built from
     *                           what run.json says (an unknown model, an option it does not take): one line
     */
    public ConfiguredModel rebuild() {
        Path dataFile = data.verified();
        try {
            if (program != null) {
                return new ConfiguredModel(StanModels.compile(program.file(), program.text(), dataFile), dataFile,
                        manynuts.models.ModelOptions.NONE);
            }
            return ModelRegistry.configure(model, dataFile, options, "model_options");
        } catch (ModelException e) {
            throw new RunInputException(file + ": model " + model + " cannot be built again: " + e.getMessage());
        }
    }
}
