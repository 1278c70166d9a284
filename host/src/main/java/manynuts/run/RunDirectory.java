package manynuts.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.models.ModelOptions;
import manynuts.models.stan.StanModel;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplingResult;
import manynuts.output.BuiltInData;
import manynuts.output.FileErrors;
import manynuts.output.ManynutsVersion;

/**
 * A run's directory: {@code run.json} (everything needed to reproduce the run), {@code draws.csv},
 * {@code divergences.csv}, {@code summary.csv}. An existing non-empty directory is never overwritten without
 * {@code force}, and never while another run writes it: the run that writes it holds its lock ({@link RunLock})
 * until it closes it.
 */
public final class RunDirectory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String STATUS_RUNNING = "running";
    public static final String STATUS_COMPLETE = "complete";
    public static final String STATUS_INTERRUPTED = "interrupted";
    private final Path directory;
    private final RunLock lock;
    private ObjectNode record;

    private RunDirectory(Path directory, RunLock lock) {
        this.directory = directory;
        this.lock = lock;
    }

    /**
     * Creates the directory, or takes over an empty one (any one with {@code force}), and takes its lock; refuses,
     * having written nothing, a directory that another run is writing or that holds a run when not {@code force}.
     */
    public static RunDirectory create(Path directory, boolean force) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("output " + directory + " exists and is not a directory");
        }
        if (Files.isDirectory(directory)) {
            RunLock.refuseIfHeld(directory);
            if (!force && holdsFiles(directory)) {
                throw new IllegalArgumentException("output directory " + directory
                        + " already holds a run; pass --force to overwrite it or choose another --output");
            }
        }
        Path existing = nearestExisting(directory);
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException("cannot create output directory " + directory + ": " + existing
                    + " is a file, not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw FileErrors.cannot("create output directory", directory, e);
        }
        try {
            return new RunDirectory(directory, RunLock.take(directory));
        } catch (FileSystemException e) {
            throw FileErrors.cannot("write in output directory", directory, e);
        }
    }

    /** {@code directory}, or the nearest of its ancestors that exists: where it will be created. */
    static Path nearestExisting(Path directory) {
        Path at = directory.toAbsolutePath().normalize();
        while (at.getParent() != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at;
    }

    /** Whether {@code directory} holds anything besides a lock file. */
    private static boolean holdsFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(RunLock.FILE_NAME));
        }
    }

    /** Releases the directory's lock, if this holds it: another run may write it from now on. */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }

    public Path directory() {
        return directory;
    }

    public Path draws() {
        return directory.resolve("draws.csv");
    }

    public Path divergences() {
        return directory.resolve("divergences.csv");
    }

    public Path summary() {
        return directory.resolve("summary.csv");
    }

    /** The chains' states at their last recorded iterations, from which {@code sample --resume} goes on. */
    public Path checkpoint() {
        return directory.resolve("checkpoint.bin");
    }

    /**
     * An existing run directory, to read: its run.json is read so that later writes keep every field. Nothing may
     * write it through this; {@link #reopenToWrite} takes its lock first.
     *
     * @throws RunInputException if the directory holds no readable run.json
     */
    public static RunDirectory reopen(Path directory) {
        return read(directory, null);
    }

    /**
     * An existing run directory, to go on with: its lock is taken, then its run.json read as {@link #reopen} reads it.
     *
     * @throws IllegalArgumentException naming the process, when another run is writing it
     */
    public static RunDirectory reopenToWrite(Path directory) throws IOException {
        // A directory without run.json is refused by read before anything, a lock file included, is written there.
        RunLock lock = Files.isRegularFile(directory.resolve("run.json")) ? RunLock.take(directory) : null;
        try {
            return read(directory, lock);
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    private static RunDirectory read(Path directory, RunLock lock) {
        Path file = directory.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new RunInputException(directory + " is not a run directory: it has no run.json");
        }
        RunDirectory run = new RunDirectory(directory, lock);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!(root instanceof ObjectNode object)) {
                throw new RunInputException(file + ": expected a JSON object");
            }
            run.record = object;
        } catch (IOException e) {
            throw new RunInputException(file + ": not readable JSON: " + RunRecord.jsonProblem(e));
        }
        return run;
    }

    /** run.json's status: "running", "complete", "interrupted", or "complete" for runs that predate the field. */
    public String status() {
        return record.path("status").asText(STATUS_COMPLETE);
    }

    /**
     * The sampler settings run.json records, on {@code threads} threads (a setting that does not change the draws).
     *
     * @throws RunInputException if a setting is missing or out of range, naming it
     */
    public SamplerSettings samplerSettings(int threads) {
        JsonNode values = record.path("settings");
        try {
            return new SamplerSettings(integer(values, "chains"), integer(values, "warmup"), integer(values, "draws"),
                    integer(values, "thin"), number(values, "seed").longValue(),
                    number(values, "target_accept").doubleValue(), integer(values, "max_depth"), threads,
                    values.path("pooled_metric").asBoolean(false), number(values, "init_radius").doubleValue(),
                    number(values, "initial_step_size").doubleValue(), values.path("superchain_size").asInt(1));
        } catch (IllegalArgumentException e) {
            throw new RunInputException(directory.resolve("run.json") + ": settings: " + e.getMessage());
        }
    }

    /** Whether the run writes one Stan CSV file per chain. */
    public boolean writesStanCsv() {
        return record.path("settings").path("stan_csv").asBoolean(false);
    }

    private Number number(JsonNode values, String field) {
        JsonNode value = values.get(field);
        if (value == null || !value.isNumber()) {
            throw new RunInputException(directory.resolve("run.json") + ": settings." + field
                    + " must be a number, got " + value);
        }
        return value.numberValue();
    }

    private int integer(JsonNode values, String field) {
        Number value = number(values, field);
        if (!(values.get(field).canConvertToInt() && values.get(field).isIntegralNumber())) {
            throw new RunInputException(directory.resolve("run.json") + ": settings." + field
                    + " must be a whole number, got " + value);
        }
        return value.intValue();
    }

    /**
     * Writes run.json with the model, its options, the data file (copied into the run directory as data.json) and its
     * SHA-256, every setting, the backend, how it multiplies the design matrix ({@code matrixProducts}, null for
     * models without one) and versions.
     */
    public void writeSettings(Model model, Path data, ModelOptions options, SamplerSettings settings, String backend,
            String matrixProducts, SummaryOptions summary, boolean stanCsv)
            throws IOException {
        record = JSON.createObjectNode();
        record.put("status", STATUS_RUNNING);
        record.put("model", model.name());
        if (model instanceof StanModel program) {
            // The program itself, so that summary and report rebuild the model from the run alone.
            ObjectNode stan = record.putObject("stan_program");
            stan.put("file", program.source());
            stan.put("sha256", sha256(program.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            stan.put("text", program.text());
        }
        if (data != null) {
            // The run keeps its own copy, so that it is rebuilt from the data it ran on wherever it is read from,
            // and whatever becomes of the original; the hash is of the bytes copied.
            byte[] bytes = Files.readAllBytes(data);
            Files.write(directory.resolve(RunData.COPY), bytes);
            record.put("data", data.toString());
            record.put("data_source", data.toAbsolutePath().normalize().toString());
            record.put("data_copy", RunData.COPY);
            record.put("data_sha256", sha256(bytes));
        } else if (BuiltInData.readBy(model)) {
            record.put("data", RunRecord.BUILT_IN + HierarchicalNormalData.EIGHT_SCHOOLS_RESOURCE);
            record.put("data_sha256", builtInDataSha256());
        } else {
            record.put("data", RunRecord.NO_DATA);
        }
        ObjectNode optionValues = record.putObject("model_options");
        options.asText().forEach((key, value) -> optionValues.set(key, JSON.getNodeFactory().numberNode(
                new java.math.BigDecimal(value))));
        ObjectNode values = record.putObject("settings");
        values.put("chains", settings.chains());
        values.put("warmup", settings.warmup());
        values.put("draws", settings.draws());
        values.put("thin", settings.thin());
        values.put("seed", settings.seed());
        values.put("target_accept", settings.targetAccept());
        values.put("max_depth", settings.maxDepth());
        values.put("threads", settings.threads());
        values.put("pooled_metric", settings.pooledMetric());
        values.put("init_radius", settings.initRadius());
        values.put("initial_step_size", settings.stepSize());
        values.put("superchain_size", settings.superchainSize());
        values.put("stan_csv", stanCsv);
        record.putObject("summary").put("hdi_prob", summary.hdiProbability());
        record.put("backend", backend);
        if (matrixProducts != null) {
            record.put("matrix_products", matrixProducts);
        }
        record.put("manynuts_version", ManynutsVersion.current());
        record.put("java_version", System.getProperty("java.version"));
        record.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        record.put("cores", Runtime.getRuntime().availableProcessors());
        save();
    }

    /** Marks the run as complete and adds what it cost to run.json. */
    public void writeResult(SamplingResult result) throws IOException {
        record.put("status", STATUS_COMPLETE);
        record.remove("interrupted");
        ObjectNode cost = record.putObject("result");
        cost.put("seconds", result.seconds());
        cost.put("gradient_evaluations", result.gradientEvaluations());
        cost.put("lane_utilisation", result.laneUtilisation());
        save();
    }

    /**
     * Marks the run as interrupted: why, and how many whole draws of each chain draws.csv holds (the checkpoint
     * from which {@code sample --resume} goes on is at those draws).
     */
    public void writeInterrupted(String reason, int[] drawsPerChain) throws IOException {
        record.put("status", STATUS_INTERRUPTED);
        ObjectNode interrupted = record.putObject("interrupted");
        interrupted.put("reason", reason);
        com.fasterxml.jackson.databind.node.ArrayNode counts = interrupted.putArray("draws_per_chain");
        for (int count : drawsPerChain) {
            counts.add(count);
        }
        save();
    }

    /** Marks the run as running again, on {@code backend}, and counts the resumption. */
    public void writeResumed(String backend) throws IOException {
        record.put("status", STATUS_RUNNING);
        record.put("resumed", record.path("resumed").asInt(0) + 1);
        record.put("backend", backend);
        save();
    }

    /**
     * Writes run.json through a temporary file renamed over it, so that it is always whole; on a disk too full for
     * the temporary file, over the old one in place (its blocks are free again once it is emptied).
     */
    private void save() throws IOException {
        Path file = directory.resolve("run.json");
        Path temporary = directory.resolve("run.json.tmp");
        try {
            JSON.writeValue(temporary.toFile(), record);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException full) {
            Files.deleteIfExists(temporary);
            try {
                JSON.writeValue(file.toFile(), record);
            } catch (IOException e) {
                throw FileErrors.cannot("write", file, e);
            }
        }
    }

    /** The SHA-256 of the built-in eight schools data. */
    static String builtInDataSha256() {
        try (InputStream in = HierarchicalNormalData.class.getResourceAsStream(HierarchicalNormalData.EIGHT_SCHOOLS_RESOURCE)) {
            return sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
