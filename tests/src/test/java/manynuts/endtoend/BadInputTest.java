package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import manynuts.endtoend.CommandLine.Outcome;
import manynuts.run.RunDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gets one clear line naming what is wrong, exit code 2, and no stack trace. */
class BadInputTest {
    @TempDir
    Path directory;

    private static Outcome run(String... args) {
        return CommandLine.run(args);
    }

    private static void assertOneClearLine(Outcome outcome, String mustMention) {
        assertEquals(2, outcome.exitCode(), "exit code; stderr was: " + outcome.err());
        String[] lines = outcome.err().strip().split("\\R");
        assertEquals(1, lines.length, "one line on stderr, got: " + outcome.err());
        assertTrue(lines[0].startsWith("error: "), lines[0]);
        assertTrue(lines[0].contains(mustMention), "the line names " + mustMention + ": " + lines[0]);
        assertFalse(outcome.err().contains("Exception") || outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
        assertFalse(outcome.err().contains("enable `"), "no advice meant for a library's caller: " + outcome.err());
    }

    private Path smallRun(String name, String... extra) {
        Path output = directory.resolve(name);
        List<String> args = new ArrayList<>(List.of("sample", "-m", "centered", "-o", output.toString(), "--chains",
                "4", "--warmup", "20", "--draws", "20", "--seed", "3", "--threads", "1"));
        args.addAll(List.of(extra));
        Outcome outcome = run(args.toArray(String[]::new));
        assertEquals(0, outcome.exitCode(), outcome.err());
        return output;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18|data.json",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}|y",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 0, 11, 10, 18]}|sigma",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, -9, 11, 10, 18]}|sigma",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12]}|sigma",
        "{\"J\": 2, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}|J",
        "{\"J\": 8, \"y\": [1e308, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}"
                + "|y[1] = 1.0E308 is too large: its square overflows",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [1e-300, 10, 16, 11, 9, 11, 10, 18]}"
                + "|sigma[1] = 1.0E-300 is too small: 1/sigma^2 overflows",
        "{\"J\": 8, \"y\": [NaN, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}"
                + "|data.json: malformed JSON at line 1, column 16: NaN is not a JSON number; write \"NaN\" (a string)",
    })
    void malformedData(String json, String mustMention) throws IOException {
        Path data = directory.resolve("data.json");
        Files.writeString(data, json);
        Path output = directory.resolve("run");
        assertOneClearLine(run("sample", "-m", "noncentered", "--data", data.toString(), "-o", output.toString(),
                "--chains", "2", "--warmup", "20", "--draws", "20", "--seed", "1"), mustMention);
        assertOneClearLine(run("exact", data.toString()), mustMention);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-m|no_such_model|unknown model",
        "--chains|0|chains",
        "--chains|-3|chains",
        "--target-accept|1.5|target_accept",
        "--target-accept|0|target_accept",
        "--max-depth|0|max_depth",
        "--draws|0|draws",
        "--chains|many|--chains",
        "--data|/no/such/file.json|/no/such/file.json",
        "--backend|gpu|unknown backend",
        "--superchain-size|3|--superchain-size 3 does not divide 4 chains",
        "--superchain-size|-2|superchain size must not be negative, got -2",
        "--superchain-size|4|--superchain-size 4 leaves fewer than two superchains of the 4 chains",
        "--hdi-prob|1.5|HDI probability must be in (0, 1], got 1.5",
        "--ranks|fast|--ranks must be exact, binned or auto, got 'fast'",
        "--chains|1000000000|1000000000 chains x 1000 draws of eight_schools_noncentered need about 29.1 TiB of heap",
        "--draws|1000000000|4 chains x 1000000000 draws of eight_schools_noncentered need about 119 GiB of heap",
    })
    void badSettings(String option, String value, String mustMention) {
        Path output = directory.resolve("run");
        String model = option.equals("-m") ? value : "noncentered";
        String[] args = option.equals("-m")
                ? new String[] {"sample", "-m", model, "-o", output.toString(), "--seed", "1"}
                : new String[] {"sample", "-m", model, option, value, "-o", output.toString(), "--seed", "1"};
        assertOneClearLine(run(args), mustMention);
        assertFalse(Files.exists(output), "checked before anything is written");
    }

    /** Model options: an unknown key, a value that is not a number, one out of range, one the others rule out. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "funnel|dim=3|dim: unknown option of model funnel; its options: dimension (an integer in [2, 100000])",
        "funnel|dimension=ten|--set dimension=ten: dimension must be an integer in [2, 100000]",
        "funnel|dimension=2.5|--set dimension=2.5: dimension must be an integer in [2, 100000]",
        "funnel_noncentered|dimension=1|--set dimension=1: dimension must be an integer in [2, 100000]",
        "mvn|rho=1.5|--set rho=1.5: rho must be a number in (-1, 1)",
        "mvn|rho=|--set rho=: rho must be a number in (-1, 1)",
        "mvn|rho=-0.5|rho=-0.5: rho must be in (-0.010101, 1) when dimension=100",
        "many_schools_noncentered|groups=20000|--set groups=20000: groups must be an integer in [1, 10000]",
        "many_schools_centered|seed=-1|--set seed=-1: seed must be an integer in [0, 9007199254740991]",
        "centered|J=8|--set J: model eight_schools_centered has no options",
        "funnel|dimension|--set",
        "logistic|n=2000000|--set n=2000000: n must be an integer in [1, 1000000]",
    })
    void badModelOptions(String model, String setting, String mustMention) {
        Path output = directory.resolve("run");
        assertOneClearLine(run("sample", "-m", model, "--set", setting, "-o", output.toString(), "--seed", "1"),
                mustMention);
        assertFalse(Files.exists(output), "nothing is written for a bad option");
        assertOneClearLine(run("exact", "-m", model, "--set", setting), mustMention);
        assertOneClearLine(run("bench", "-m", model, "--set", setting, "--chains", "2", "--draws", "10"),
                mustMention);
    }

    @Test
    void backendAndPrecisionChoicesAreChecked() {
        assertOneClearLine(run("bench", "-m", "mvn", "--compare-stan", "--chains", "2", "--draws", "10"),
                "--compare-stan: the Stan reference script runs eight schools only, not mvn");
        // Asked before any sampling, so a missing R costs no time.
        assertOneClearLine(run("bench", "--compare-posterior", "--rscript", directory.resolve("no-R").toString(),
                "--chains", "2", "--draws", "10"), "cannot run " + directory.resolve("no-R") + " for --compare-posterior");
        assertOneClearLine(run("sample", "-m", "noncentered", "--precision", "half", "-o",
                directory.resolve("half").toString()), "unknown precision 'half': expected float64 or float32");
        assertOneClearLine(run("sample", "-m", "noncentered", "--backend", "cpu", "--precision", "float32", "-o",
                directory.resolve("f32").toString()), "--precision float32 needs a CUDA backend");
        assertOneClearLine(run("sample", "-m", "noncentered", "--backend", "cuda:x", "-o",
                directory.resolve("x").toString()), "--backend cuda:x: expected distinct device numbers");
        assertFalse(Files.exists(directory.resolve("f32")), "nothing is written for a refused backend");
        assertOneClearLine(run("exact", "-m", "logistic", "--set", "n=1000000", "--set", "p=3000"),
                "n x p = 3000000000 predictor values; at most 50000000");
    }

    @Test
    void optionsFromADataFileAreCheckedToo() throws IOException {
        Path data = directory.resolve("funnel.json");
        Files.writeString(data, "{\"dimension\": 0}");
        assertOneClearLine(run("sample", "-m", "funnel", "--data", data.toString(), "-o",
                directory.resolve("run").toString()), data + " dimension=0: dimension must be an integer in [2, 100000]");
        assertOneClearLine(run("exact", "--set", "groups=3"), "--set needs -m MODEL");
        assertOneClearLine(run("exact", "-m", "funnel_centered", "--set", "dimension=x"), "dimension=x");
    }

    /** A key given twice is refused, not resolved to the last value, by every command that takes --set. */
    @Test
    void repeatedSetKeyIsRefused() {
        Path output = directory.resolve("run");
        String twice = "--set dimension is given twice (dimension=3, then dimension=4)";
        assertOneClearLine(run("sample", "-m", "funnel", "--set", "dimension=3", "--set", "dimension=4", "-o",
                output.toString()), twice);
        assertFalse(Files.exists(output), "nothing is written for a repeated option");
        assertOneClearLine(run("exact", "-m", "funnel", "--set", "dimension=3", "--set", "dimension=4"), twice);
        assertOneClearLine(run("bench", "-m", "funnel", "--set", "dimension=3", "--set", "dimension=4", "--chains",
                "2", "--draws", "10"), twice);
        assertOneClearLine(run("exact", "-m", "funnel", "--set", "dimension=3", "--set", " dimension=3"),
                "--set dimension is given twice");
    }

    /** Data that pass every check of their own but leave no starting point a finite log density. */
    @Test
    void dataWithNoFiniteDensityAreNamed() throws IOException {
        Path program = Files.writeString(directory.resolve("normal.stan"),
                "data { real y; real<lower=0> s; }\nparameters { real mu; }\nmodel { y ~ normal(mu, s); }\n");
        Path data = Files.writeString(directory.resolve("normal.json"), "{\"y\": 1e200, \"s\": 1e-200}");
        Path output = directory.resolve("run");
        assertOneClearLine(run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString(),
                "--chains", "2", "--warmup", "20", "--draws", "20", "--seed", "1"),
                "the log density is not finite at any of 100 initial points in (-2.0, 2.0): check the data file "
                        + data + " (values too large or too small?)");
        assertFalse(Files.exists(output), "checked before anything is written");
        Files.writeString(data, "{\"y\": \"NaN\", \"s\": 1}");
        assertOneClearLine(run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString(),
                "--chains", "2", "--seed", "1"), "check the data file " + data);
        Files.writeString(data, "{\"y\": -Infinity, \"s\": 1}");
        assertOneClearLine(run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString()),
                data + ": malformed JSON at line 1, column 7: -Infinity is not a JSON number; "
                        + "write \"-Inf\" (a string)");
    }

    /** 0 and 1 both mean no superchains, in sample, summary and diagnose alike. */
    @Test
    void superchainSizeZeroAndOneMeanNone() throws IOException {
        Path without = smallRun("without");
        for (String size : List.of("0", "1")) {
            Path run = smallRun("size" + size, "--superchain-size", size);
            assertEquals(Files.readString(without.resolve("draws.csv")), Files.readString(run.resolve("draws.csv")),
                    "--superchain-size " + size + " starts every chain from its own point, as without it");
            for (String[] args : List.of(new String[] {"summary", run.toString(), "--superchain-size", size},
                    new String[] {"diagnose", run.resolve("draws.csv").toString(), "--superchain-size", size})) {
                Outcome outcome = run(args);
                assertEquals(0, outcome.exitCode(), outcome.err());
                assertFalse(outcome.out().contains("nested"), String.join(" ", args) + ": " + outcome.out());
            }
        }
        Path nested = smallRun("nested", "--superchain-size", "2");
        assertTrue(run("summary", nested.toString()).out().contains("rhat_nested"), "the run's superchains");
        assertFalse(run("summary", nested.toString(), "--superchain-size", "1").out().contains("rhat_nested"),
                "1 drops them");
        assertOneClearLine(run("diagnose", without.resolve("draws.csv").toString(), "--superchain-size", "-1"),
                "superchain size must not be negative, got -1");
    }

    @Test
    void reportAndDiagnoseCsvKeepWhatExistsWithoutForce() throws IOException {
        Path output = smallRun("run");
        Path page = output.resolve("report.html");
        Files.writeString(page, "keep me");
        assertOneClearLine(run("report", output.toString()), page + " exists; give --force to overwrite it");
        assertEquals("keep me", Files.readString(page));
        assertEquals(0, run("report", output.toString(), "--force").exitCode());
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));

        Path csv = Files.writeString(directory.resolve("summary.csv"), "keep me");
        String draws = output.resolve("draws.csv").toString();
        assertOneClearLine(run("diagnose", draws, "--csv", csv.toString()),
                csv + " exists; give --force to overwrite it");
        assertEquals("keep me", Files.readString(csv));
        assertEquals(0, run("diagnose", draws, "--csv", csv.toString(), "--force").exitCode());
        assertTrue(Files.readString(csv).startsWith("variable,"));
    }

    /** Draws that cannot be told apart: a column named twice, one chain given twice; and a file without .chain. */
    @Test
    void diagnoseRefusesDrawsItCannotTellApart() throws IOException {
        Path output = smallRun("run", "--stan-csv");
        Path twice = Files.writeString(directory.resolve("twice.csv"), ".chain,.iteration,mu,mu\n1,1,1,2\n1,2,2,3\n");
        assertOneClearLine(run("diagnose", twice.toString()), twice + ":1: column mu appears twice (columns 3 and 4)");
        Path first = output.resolve("stan").resolve("chain-1.csv");
        Path second = output.resolve("stan").resolve("chain-2.csv");
        assertOneClearLine(run("diagnose", first.toString(), second.toString(), first.toString()),
                first + " given twice; give each chain's file once");
        Path copy = Files.copy(second, directory.resolve("copy.csv"));
        assertOneClearLine(run("diagnose", first.toString(), second.toString(), copy.toString()),
                copy + " has the same content as " + second + ": one chain given twice");

        // A draws_df without .chain is one chain, as posterior reads it, and a note says so in one line.
        List<String> lines = Files.readAllLines(output.resolve("draws.csv"));
        StringBuilder oneChain = new StringBuilder(lines.get(0).substring(".chain,".length())).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("1,")) {
                oneChain.append(line.substring(2)).append('\n');
            }
        }
        Path noChain = Files.writeString(directory.resolve("no-chain.csv"), oneChain);
        Outcome outcome = run("diagnose", noChain.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("", outcome.err());
        assertTrue(outcome.out().startsWith("note: " + noChain + " has no .chain column: read as one chain\n"),
                outcome.out());
        assertFalse(outcome.out().contains(".iteration") || outcome.out().contains(".draw"), outcome.out());
        assertTrue(outcome.out().contains("tau_log"), outcome.out());
    }

    @Test
    void existingRunIsNotOverwrittenWithoutForce() throws IOException {
        Path output = directory.resolve("run");
        Files.createDirectories(output);
        Path precious = output.resolve("draws.csv");
        Files.writeString(precious, "keep me");
        assertOneClearLine(run("sample", "-m", "noncentered", "-o", output.toString(), "--chains", "2", "--warmup",
                "20", "--draws", "20", "--seed", "1"), "--force");
        assertEquals("keep me", Files.readString(precious), "nothing already written is lost");
    }

    /** A heap too small for the run is found before anything is written; the same JVM, were it let run, ran out. */
    @Test
    void aSmallHeapIsRefusedWithTheHeapToAskFor() throws Exception {
        Path output = directory.resolve("run");
        Outcome outcome = CommandLine.runInJvm(List.of("-Xmx32m"), directory.resolve("logs"), "sample", "-m",
                "noncentered", "--chains", "2000", "-o", output.toString(), "--seed", "1");
        assertOneClearLine(outcome,
                "2000 chains x 1000 draws of eight_schools_noncentered need about 104 MiB of heap");
        assertTrue(outcome.err().contains("free of 32.0 MiB: give the JVM more heap with MANYNUTS_JAVA_OPTS=-Xmx"),
                outcome.err());
        assertFalse(Files.exists(output), "checked before anything is written");
    }

    /** bench keeps every draw without a run directory's estimate: running out of heap there is one line too. */
    @Test
    void runningOutOfHeapIsOneLine() throws Exception {
        Outcome outcome = CommandLine.runInJvm(List.of("-Xmx32m"), directory.resolve("logs"), "bench", "-m",
                "noncentered", "--chains", "4000", "--warmup", "10", "--draws", "1000", "--backend", "cpu");
        assertOneClearLine(outcome, "out of memory (Java heap space) with a heap of at most 32 MiB: give the JVM "
                + "more with MANYNUTS_JAVA_OPTS=-Xmx");
    }

    @Test
    void aSecondWriterInThisProcessIsRefused() throws IOException {
        Path output = directory.resolve("run");
        try (RunDirectory first = RunDirectory.create(output, false)) {
            Files.writeString(first.draws(), "rows of the first run\n");
            assertOneClearLine(run("sample", "-m", "centered", "-o", output.toString(), "--force", "--chains", "2",
                    "--warmup", "20", "--draws", "20", "--seed", "1"), "output directory " + output
                    + " is being written by another run (pid " + ProcessHandle.current().pid() + ")");
            assertEquals("rows of the first run\n", Files.readString(first.draws()), "the refused run wrote nothing");
            assertFalse(Files.exists(output.resolve("run.json")), "the refused run wrote nothing");
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileAnotherProcessSamples() throws Exception {
        Path output = directory.resolve("run");
        Process first = CommandLine.start(List.of(), directory.resolve("logs"), "sample", "-m", "noncentered", "-o",
                output.toString(), "--chains", "1", "--warmup", "100000000", "--draws", "1", "--threads", "1",
                "--backend", "cpu", "--progress", "never");
        try {
            // The run writes its process id into the lock file once it holds the lock, then its run.json.
            Path lock = output.resolve(".lock");
            Path record = output.resolve("run.json");
            while (!Files.exists(lock) || !Files.readString(lock).strip().equals(String.valueOf(first.pid()))
                    || !Files.exists(record) || !Files.readString(record).contains("eight_schools_noncentered")) {
                assertTrue(first.isAlive(), "the first run is sampling: "
                        + Files.readString(directory.resolve("logs").resolve("err.txt")));
                Thread.sleep(50);
            }
            assertOneClearLine(run("sample", "-m", "centered", "-o", output.toString(), "--force", "--chains", "2",
                    "--warmup", "20", "--draws", "20", "--seed", "1"), "output directory " + output
                    + " is being written by another run (pid " + first.pid() + "); wait for it to finish");
            assertFalse(Files.readString(record).contains("eight_schools_centered"), "the refused run wrote nothing");
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
    }

    @Test
    void anOutputInsideAFileNamesTheFile() throws IOException {
        Path file = Files.writeString(directory.resolve("notes.txt"), "not a directory");
        Path output = file.resolve("run");
        assertOneClearLine(run("sample", "-m", "noncentered", "-o", output.toString(), "--chains", "2", "--warmup",
                "20", "--draws", "20"), "cannot create output directory " + output + ": " + file.toAbsolutePath()
                + " is a file, not a directory");
    }

    @Test
    void anUnwritableParentNamesTheDirectoryAndTheCause() throws IOException {
        Path parent = Files.createDirectory(directory.resolve("read-only"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(parent), "chmod binds this user (not root)");
            Path output = parent.resolve("run");
            assertOneClearLine(run("sample", "-m", "noncentered", "-o", output.toString(), "--chains", "2",
                    "--warmup", "20", "--draws", "20"), "cannot create output directory " + output
                    + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFullDiskNamesTheFile() throws IOException {
        // /dev/full fails every write with "No space left on device": a full disk without filling one.
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "this system has a writable /dev/full");
        Path output = Files.createDirectory(directory.resolve("run"));
        Files.createSymbolicLink(output.resolve("draws.csv"), full);
        assertOneClearLine(run("sample", "-m", "noncentered", "-o", output.toString(), "--force", "--chains", "2",
                "--warmup", "20", "--draws", "200", "--seed", "1"), "cannot write " + output.resolve("draws.csv")
                + ": no space left on device");
    }

    @Test
    void aGoodRunWritesItsDirectory() throws IOException {
        Path output = directory.resolve("run");
        Outcome outcome = run("sample", "-m", "centered", "-o", output.toString(), "--chains", "4", "--warmup", "100",
                "--draws", "50", "--seed", "5", "--threads", "1");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("tau_log"), outcome.out());
        for (String file : new String[] {"run.json", "draws.csv", "divergences.csv", "summary.csv"}) {
            assertTrue(Files.size(output.resolve(file)) > 0, file);
        }
        assertEquals(1 + 4 * 50, Files.readAllLines(output.resolve("draws.csv")).size(), "header and one row per draw");
    }

    @Test
    void summaryAndReportTakeNoMoreDrawsThanEveryChainHolds() {
        Path output = directory.resolve("run");
        assertEquals(0, run("sample", "-m", "noncentered", "-o", output.toString(), "--chains", "2", "--warmup", "20",
                "--draws", "20", "--seed", "1").exitCode());
        for (String command : new String[] {"summary", "report"}) {
            assertOneClearLine(run(command, output.toString(), "--draws", "0"), "--draws must be at least 1, got 0");
            assertOneClearLine(run(command, output.toString(), "--draws", "21"), "--draws 21: chain 1 of "
                    + output.resolve("draws.csv") + " holds only 20 draws");
        }
        assertFalse(Files.exists(output.resolve("report.html")), "no report for a refused command line");
    }
}
