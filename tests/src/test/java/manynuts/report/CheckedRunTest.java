package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run is self-contained and checked: it keeps a copy of its data file, from which summary builds the model again
 * wherever it is run from and whatever becomes of the original; summary and report check the data's hash, the model,
 * its options and the chains and draws of draws.csv against run.json, and any mismatch is one line and exit code 2.
 */
class CheckedRunTest {

    @TempDir
    static Path temporary;
    static Path data;
    static Path run;

    @BeforeAll
    static void sampleOneRunWithADataFile() throws IOException {
        data = Files.createDirectories(temporary.resolve("data")).resolve("schools.json");
        try (InputStream schools = CheckedRunTest.class.getResourceAsStream("/manynuts/data/eight_schools.json")) {
            Files.write(data, schools.readAllBytes());
        }
        run = temporary.resolve("run");
        RunOnDisk.execute("sample", "-m", "centered", "--data", data.toString(), "--chains", "4", "--warmup", "100",
                "--draws", "100", "--seed", "5", "--progress", "never", "-o", run.toString()).succeeded();
    }

    @Test
    void theRunKeepsACopyOfItsDataAndBuildsTheModelFromIt() throws IOException {
        JsonNode record = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertEquals(data.toString(), record.get("data").asText());
        assertEquals(data.toAbsolutePath().normalize().toString(), record.get("data_source").asText());
        assertEquals("data.json", record.get("data_copy").asText());
        assertEquals(sha256(Files.readAllBytes(data)), record.get("data_sha256").asText());
        assertEquals(Files.readString(data), Files.readString(run.resolve("data.json")));
        String before = RunOnDisk.execute("summary", run.toString()).succeeded().out();
        assertTrue(before.contains("exact posterior (quadrature"), before);
        // The original moved away, then replaced by other data: the summary is the same, from the run's copy.
        Path moved = data.resolveSibling("moved.json");
        Files.move(data, moved);
        try {
            assertEquals(before, RunOnDisk.execute("summary", run.toString()).succeeded().out());
            Files.writeString(data, Files.readString(moved).replace("28", "280"));
            assertEquals(before, RunOnDisk.execute("summary", run.toString()).succeeded().out());
        } finally {
            Files.move(moved, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void summaryRunFromAnotherDirectoryKeepsTheExactComparison() throws Exception {
        // A data file named relative to where sample ran, as a user types it; summary runs elsewhere.
        Path sampledIn = Files.createDirectories(temporary.resolve("sampled-in"));
        Files.copy(data, sampledIn.resolve("schools.json"));
        Path elsewhere = Files.createDirectories(temporary.resolve("elsewhere"));
        Launched sampled = launch(sampledIn, "sample", "-m", "centered", "--data", "schools.json", "--chains", "2",
                "--warmup", "50", "--draws", "50", "--seed", "3", "--progress", "never", "-o", "relative");
        assertEquals(0, sampled.exitCode(), sampled.err());
        Path relativeRun = sampledIn.resolve("relative");
        assertEquals("schools.json", new ObjectMapper().readTree(relativeRun.resolve("run.json").toFile())
                .get("data").asText());
        Launched here = launch(sampledIn, "summary", "relative");
        Launched there = launch(elsewhere, "summary", relativeRun.toString());
        assertEquals(0, there.exitCode(), there.err());
        assertTrue(there.out().contains("exact posterior (quadrature"), there.out());
        assertEquals(here.out().lines().skip(1).toList(), there.out().lines().skip(1).toList());
    }

    /** One edit to a copy of the run, and what the one line it is refused with must name. */
    static Stream<Arguments> tamperedRuns() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("data-copy-edited", (Edit) run -> Files.writeString(run.resolve("data.json"),
                Files.readString(run.resolve("data.json")).replace("28", "29")), "data.json: its SHA-256 differs"));
        cases.add(Arguments.of("data-hash-edited", record(r -> r.put("data_sha256", "0".repeat(64))),
                "differs from data_sha256"));
        cases.add(Arguments.of("data-copy-missing", (Edit) run -> Files.delete(run.resolve("data.json")),
                "data.json: no such file"));
        cases.add(Arguments.of("model-swapped", record(r -> r.put("model", "eight_schools_noncentered")),
                "draws.csv: column theta[1] stands where"));
        cases.add(Arguments.of("model-unknown", record(r -> r.put("model", "no_such_model")),
                "unknown model \"no_such_model\""));
        cases.add(Arguments.of("option-unknown", record(r -> r.putObject("model_options").put("dimension", 3)),
                "model_options dimension"));
        cases.add(Arguments.of("fewer-chains", record(r -> ((ObjectNode) r.get("settings")).put("chains", 3)),
                "draws.csv: holds draws of chain 4 but"));
        cases.add(Arguments.of("more-chains-complete", record(r -> {
            ((ObjectNode) r.get("settings")).put("chains", 5);
            r.put("status", "complete");
        }), "holds no draws of chain 5, but"));
        cases.add(Arguments.of("fewer-draws", record(r -> ((ObjectNode) r.get("settings")).put("draws", 90)),
                "chain 1 holds 100 draws, more than settings.draws 90"));
        cases.add(Arguments.of("complete-but-short", record(r -> {
            ((ObjectNode) r.get("settings")).put("draws", 120);
            r.put("status", "complete");
        }), "says the run is complete with settings.draws 120"));
        cases.add(Arguments.of("status-unknown", record(r -> r.put("status", "paused")), "status must be"));
        cases.add(Arguments.of("draws-lost", (Edit) run -> EditedRuns.interrupted(run, "SIGTERM", 100, 100, 100, 101),
                "fewer than the 101 of interrupted.draws_per_chain"));
        return cases.stream();
    }

    /** An edit of a run directory's files. */
    interface Edit {
        void apply(Path run) throws IOException;
    }

    static Edit record(Consumer<ObjectNode> edit) {
        return run -> EditedRuns.editRecord(run, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedRuns")
    void aRunThatDisagreesWithItselfIsRefusedInOneLine(String name, Edit edit, String mustMention)
            throws IOException {
        Path tampered = EditedRuns.copy(run, temporary.resolve(name));
        edit.apply(tampered);
        for (String command : List.of("summary", "report")) {
            RunOnDisk refused = RunOnDisk.execute(command, tampered.toString());
            assertEquals(2, refused.exitCode(), command + ": " + refused.out() + refused.err());
            List<String> lines = refused.err().lines().toList();
            assertEquals(1, lines.size(), refused.err());
            assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(mustMention), lines.get(0));
            assertFalse(refused.err().contains("Exception"), refused.err());
            assertEquals("", refused.out(), "nothing compared or summarised");
        }
        assertFalse(Files.exists(tampered.resolve("report.html")));
    }

    @Test
    void anOlderRunWithoutACopyUsesItsDataFileAndChecksItsHash() throws IOException {
        Path older = EditedRuns.copy(run, temporary.resolve("older"));
        Files.delete(older.resolve("data.json"));
        Path olderData = Files.copy(data, temporary.resolve("older-data.json"));
        EditedRuns.editRecord(older, record -> {
            record.remove(List.of("data_copy", "data_source", "status"));
            record.put("data", olderData.toString());
        });
        String summary = RunOnDisk.execute("summary", older.toString()).succeeded().out();
        assertEquals(RunOnDisk.execute("summary", run.toString()).succeeded().out().lines().skip(1).toList(),
                summary.lines().skip(1).toList(), "the same summary as from the copy");
        Files.writeString(olderData, Files.readString(data).replace("28", "29"));
        RunOnDisk edited = RunOnDisk.execute("summary", older.toString());
        assertEquals(2, edited.exitCode(), edited.err());
        assertEquals("error: " + olderData + ": its SHA-256 differs from data_sha256 in " + older.resolve("run.json")
                + "; the data file was edited after the run", edited.err().strip());
        // Not found from here (moved, or named relative to another directory): summarised without the exact
        // comparison, and said so.
        Files.delete(olderData);
        RunOnDisk lost = RunOnDisk.execute("summary", older.toString()).succeeded();
        assertTrue(lost.out().contains("note: " + older.resolve("run.json") + " names the data file " + olderData
                + ", which is not found from here"), lost.out());
        assertFalse(lost.out().contains("exact posterior (quadrature"), lost.out());
    }

    /** A command line run in its own JVM from {@code directory}, as a user runs it from a shell there. */
    record Launched(int exitCode, String out, String err) {
    }

    static Launched launch(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "manynuts.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temporary, "out", ".txt");
        Path err = Files.createTempFile(temporary, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("manynuts " + String.join(" ", args) + " did not finish");
        }
        return new Launched(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
