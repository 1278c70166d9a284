package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills sampling subprocesses at chosen moments (mid-warm-up, mid-sampling, and again while resuming) and checks
 * that every file left is whole and readable, and that {@code sample --resume} then ends with exactly the draws,
 * divergences and summary of the same run uninterrupted.
 */
class InterruptedRunTest {
    private static final String[] RUN = {"sample", "-m", "eight_schools_centered", "--chains", "4", "--warmup",
            "12000", "--draws", "3000", "--thin", "2", "--seed", "3", "--progress", "never"};

    @TempDir
    static Path directory;
    private static Path uninterrupted;

    @BeforeAll
    static void runUninterrupted() {
        uninterrupted = directory.resolve("uninterrupted");
        CommandLine.Outcome outcome = CommandLine.run(with(RUN, "--threads", "1", "-o", uninterrupted.toString()));
        assertEquals(0, outcome.exitCode(), outcome.err());
    }

    @Test
    void killedDuringWarmUpThenDuringResumeEndsWithTheUninterruptedDraws() throws Exception {
        Path run = directory.resolve("killed-in-warm-up");
        // Checkpoints every 20 ms: an unloaded machine warms these chains up in a few tenths of a second.
        Subprocess first = Subprocess.start(with(RUN, "--checkpoint-every", "0.02", "-o", run.toString()));
        // A checkpoint exists and draws.csv holds only its header: the chains are warming up.
        first.killWhen(() -> Files.exists(run.resolve("checkpoint.bin")) && lines(run.resolve("draws.csv")) == 1,
                true);
        assertWhole(run);
        assertEquals("running", runJson(run).path("status").asText(), "a killed run cannot say more");

        Subprocess second = Subprocess.start("sample", "--resume", run.toString(), "--checkpoint-every", "0.2",
                "--progress", "never");
        second.killWhen(() -> lines(run.resolve("draws.csv")) > 2000, true);
        assertWhole(run);

        CommandLine.Outcome last = CommandLine.run("sample", "--resume", run.toString(), "--progress", "never");
        assertEquals(0, last.exitCode(), last.err());
        assertSameRun(uninterrupted, run);
    }

    @Test
    void sigtermFlushesRecordsAndExits143ThenResumes() throws Exception {
        Path run = directory.resolve("terminated");
        Subprocess first = Subprocess.start(with(RUN, "--checkpoint-every", "1", "-o", run.toString()));
        first.killWhen(() -> lines(run.resolve("draws.csv")) > 500, false);
        assertEquals(143, first.exitCode(), first.stderr());
        List<String> errorLines = first.stderr().lines().filter(line -> !line.startsWith("backend:")).toList();
        assertEquals(1, errorLines.size(), first.stderr());
        assertTrue(errorLines.get(0).startsWith("interrupted (SIGTERM): "), errorLines.get(0));
        assertTrue(errorLines.get(0).contains("manynuts sample --resume " + run), errorLines.get(0));
        assertWhole(run);

        JsonNode record = runJson(run);
        assertEquals("interrupted", record.path("status").asText());
        assertEquals("SIGTERM", record.path("interrupted").path("reason").asText());
        int[] perChain = new int[4];
        for (String row : rows(run.resolve("draws.csv"))) {
            perChain[Integer.parseInt(row.substring(0, row.indexOf(','))) - 1]++;
        }
        for (int c = 0; c < perChain.length; c++) {
            assertEquals(perChain[c], record.path("interrupted").path("draws_per_chain").get(c).asInt(),
                    "chain " + (c + 1) + "'s draws in draws.csv");
        }

        CommandLine.Outcome resumed = CommandLine.run("sample", "--resume", run.toString(), "--threads", "1",
                "--progress", "never");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals("complete", runJson(run).path("status").asText());
        assertSameRun(uninterrupted, run);
    }

    /** SIGINT (Ctrl-C) on a Stan program whose generated quantities draw random numbers, with a pooled metric. */
    @Test
    void sigintOnAStanProgramWithRandomGeneratedQuantitiesResumesExactly() throws Exception {
        Path program = directory.resolve("normal.stan");
        Files.writeString(program, """
                data { int N; vector[N] y; }
                parameters { real mu; real<lower=0> sigma; }
                model { mu ~ normal(0, 10); sigma ~ lognormal(0, 1); y ~ normal(mu, sigma); }
                generated quantities { real y_new = normal_rng(mu, sigma); int k = poisson_rng(sigma); }
                """);
        Path data = directory.resolve("normal.json");
        Files.writeString(data, "{\"N\": 5, \"y\": [1.2, 0.4, 2.2, -0.3, 1.1]}");
        String[] stan = {"sample", "-m", program.toString(), "--data", data.toString(), "--chains", "4",
                "--warmup", "2000", "--draws", "40000", "--pooled-metric", "--seed", "8", "--progress", "never"};
        Path whole = directory.resolve("stan-uninterrupted");
        CommandLine.Outcome reference = CommandLine.run(with(stan, "-o", whole.toString()));
        assertEquals(0, reference.exitCode(), reference.err());

        Path run = directory.resolve("stan-interrupted");
        Subprocess first = Subprocess.start(with(stan, "--checkpoint-every", "0.3", "-o", run.toString()));
        first.killWhen(() -> lines(run.resolve("draws.csv")) > 1000, "INT");
        assertEquals(130, first.exitCode(), first.stderr());
        assertEquals("SIGINT", runJson(run).path("interrupted").path("reason").asText());
        CommandLine.Outcome resumed = CommandLine.run("sample", "--resume", run.toString(), "--progress", "never");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameRun(whole, run);
    }

    /**
     * A disk that fills mid-run, stood in for by a file-size limit (ulimit -f, which any user can set): one line
     * naming the file, every file whole, run.json interrupted, and the run resumes to the uninterrupted draws.
     */
    @Test
    void aFullDiskStopsTheRunInWholeRowsAndItResumes() throws Exception {
        Path run = directory.resolve("disk-full");
        Subprocess limited = Subprocess.start(256, with(RUN, "--checkpoint-every", "0.2", "-o", run.toString()));
        assertTrue(limited.process().waitFor(2, TimeUnit.MINUTES), "the run did not stop");
        assertEquals(2, limited.exitCode(), limited.stderr());
        List<String> errorLines = limited.stderr().lines().filter(line -> !line.startsWith("backend:")).toList();
        assertEquals(1, errorLines.size(), limited.stderr());
        assertTrue(errorLines.get(0).startsWith("error: cannot write " + run.resolve("draws.csv") + ": "),
                errorLines.get(0));
        assertTrue(Files.size(run.resolve("draws.csv")) <= 256 * 1024);
        assertWhole(run);
        assertEquals("interrupted", runJson(run).path("status").asText());

        CommandLine.Outcome resumed = CommandLine.run("sample", "--resume", run.toString(), "--progress", "never");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameRun(uninterrupted, run);
    }

    /**
     * A disk too small for the run: a 300 KiB tmpfs, where the test may mount one (root with CAP_SYS_ADMIN). The run's
     * estimate finds it before anything is written; a disk that fills mid-run is the file-size limit's test above.
     */
    @Test
    void aSmallFileSystemIsRefusedBeforeTheRunStarts() throws Exception {
        Path mountPoint = Files.createDirectories(directory.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "no file system can be mounted here; the file-size limit test "
                + "stands in for it");
        try {
            Path run = mountPoint.resolve("run");
            CommandLine.Outcome outcome = CommandLine.run(with(RUN, "-o", run.toString()));
            assertEquals(2, outcome.exitCode(), outcome.err());
            String line = outcome.err().lines().filter(text -> !text.startsWith("backend:")).findFirst().orElse("");
            assertTrue(line.startsWith("error: 4 chains x 3000 draws of eight_schools_centered need about ")
                    && line.contains(" of disk (draws.csv ") && line.contains(" but " + mountPoint + " has "), line);
            assertTrue(Files.notExists(run), "nothing is written");
        } finally {
            new ProcessBuilder("umount", mountPoint.toString()).start().waitFor();
        }
    }

    @Test
    void resumeRefusesSettingsThatWouldChangeTheDraws() {
        CommandLine.Outcome outcome = CommandLine.run("sample", "--resume", uninterrupted.toString(), "--seed", "4");
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().strip().startsWith("error: --resume takes the run's settings from"), outcome.err());
        CommandLine.Outcome complete = CommandLine.run("sample", "--resume", uninterrupted.toString());
        assertEquals(2, complete.exitCode());
        assertTrue(complete.err().contains("holds a complete run"), complete.err());
    }

    /** Same draws, divergences and summary, whatever order the rows of different chains were written in. */
    private static void assertSameRun(Path expected, Path actual) throws IOException {
        assertEquals(sorted(expected.resolve("draws.csv")), sorted(actual.resolve("draws.csv")));
        assertEquals(Files.readString(expected.resolve("divergences.csv")),
                Files.readString(actual.resolve("divergences.csv")));
        assertEquals(Files.readString(expected.resolve("summary.csv")),
                Files.readString(actual.resolve("summary.csv")));
    }

    /** Every file ends with a whole row, and every row has the header's number of fields. */
    private static void assertWhole(Path run) throws IOException {
        for (String name : new String[] {"draws.csv", "divergences.csv"}) {
            Path file = run.resolve(name);
            String text = Files.readString(file);
            assertTrue(text.endsWith("\n"), name + " ends inside a row");
            String[] lines = text.split("\n");
            int width = lines[0].split(",", -1).length;
            for (int i = 1; i < lines.length; i++) {
                assertEquals(width, lines[i].split(",", -1).length, name + " line " + (i + 1));
            }
        }
        runJson(run);
    }

    private static List<String> sorted(Path file) throws IOException {
        List<String> rows = new ArrayList<>(rows(file));
        rows.sort(Comparator.comparingInt((String row) -> field(row, 0)).thenComparingInt(row -> field(row, 1)));
        rows.add(0, Files.readAllLines(file).get(0));
        return rows;
    }

    private static int field(String row, int index) {
        return Integer.parseInt(row.split(",", index + 2)[index]);
    }

    private static List<String> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size());
    }

    private static long lines(Path file) {
        try (var stream = Files.lines(file)) {
            return stream.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static JsonNode runJson(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The command line run in a JVM of its own, which a test can kill. */
    private record Subprocess(Process process, Path stderrFile) {

        static Subprocess start(String... args) throws IOException {
            return start(0, args);
        }

        /** With files limited to {@code kib} KiB (no limit for 0). */
        static Subprocess start(long kib, String... args) throws IOException {
            Path stderr = Files.createTempFile(directory, "stderr", ".txt");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:-DontCompileHugeMethods", "-cp", System.getProperty("java.class.path"),
                    "manynuts.cli.Main"));
            command.addAll(List.of(args));
            if (kib > 0) {
                command.addAll(0, List.of("bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "limited"));
            }
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).start();
            return new Subprocess(process, stderr);
        }

        /** Waits (up to two minutes) until {@code moment} holds, then kills the process: -9, or SIGTERM. */
        void killWhen(java.util.function.BooleanSupplier moment, boolean hard) throws Exception {
            killWhen(moment, hard ? "KILL" : "TERM");
        }

        /** Waits (up to two minutes) until {@code moment} holds, then sends the process {@code signal}. */
        void killWhen(java.util.function.BooleanSupplier moment, String signal) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!moment.getAsBoolean()) {
                assertTrue(process.isAlive(), "the run ended before the moment to kill it: " + stderr());
                assertTrue(System.nanoTime() < deadline, "the moment to kill the run never came");
                Thread.sleep(5);
            }
            int sent = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
            assertEquals(0, sent, "kill -" + signal);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the run did not stop");
        }

        int exitCode() {
            return process.exitValue();
        }

        String stderr() {
            try {
                return Files.readString(stderrFile);
            } catch (IOException e) {
                return "(stderr unreadable: " + e + ")";
            }
        }
    }
}
