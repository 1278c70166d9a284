package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import manynuts.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The version a run records, --quiet, and the bash completion generated from the command definitions. */
class CommandLinePolishTest {
    @TempDir
    Path directory;

    @Test
    void quietSampleWritesTheRunAndPrintsNothingWhileVersionIsRecorded() throws IOException {
        Path run = directory.resolve("quiet");
        CommandLine.Outcome outcome = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains", "2",
                "--warmup", "50", "--draws", "50", "--seed", "5", "--backend", "auto", "--threads", "1", "--quiet",
                "-o", run.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("", outcome.out());
        assertEquals("", outcome.err());
        for (String file : new String[] {"run.json", "draws.csv", "summary.csv"}) {
            assertTrue(Files.size(run.resolve(file)) > 0, file);
        }
        String recorded = new ObjectMapper().readTree(run.resolve("run.json").toFile()).path("manynuts_version")
                .asText();
        assertTrue(recorded.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "a real version, not null: " + recorded);
        CommandLine.Outcome version = CommandLine.run("--version");
        assertEquals(0, version.exitCode());
        assertEquals("manynuts " + recorded, version.out().strip());
    }

    @Test
    void quietDemoWritesBothRunsAndTheReport() throws IOException {
        Path output = directory.resolve("demo");
        CommandLine.Outcome outcome = CommandLine.run("demo", "--chains", "2", "--warmup", "40", "--draws", "40",
                "--threads", "1", "--quiet", "-o", output.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("", outcome.out());
        assertEquals("", outcome.err());
        assertTrue(Files.size(output.resolve("report.html")) > 0);
        for (String run : new String[] {"centered", "noncentered"}) {
            assertTrue(Files.size(output.resolve(run).resolve("summary.csv")) > 0, run);
        }
    }

    /** Every command's help formats cleanly: picocli warns on System.err about a bare '%' in a description. */
    @Test
    void everyHelpPrintsWithoutAWarning() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CommandSpec root = new picocli.CommandLine(new Main()).getCommandSpec();
            assertEquals(0, CommandLine.run("--help").exitCode());
            for (String name : root.subcommands().keySet()) {
                CommandLine.Outcome help = CommandLine.run(name, "--help");
                assertEquals(0, help.exitCode(), name + ": " + help.err());
                assertEquals("", help.err(), name);
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void completionNamesEverySubcommandAndOption() throws IOException, InterruptedException {
        CommandLine.Outcome outcome = CommandLine.run("completion");
        assertEquals(0, outcome.exitCode(), outcome.err());
        String script = outcome.out();
        CommandSpec root = new picocli.CommandLine(new Main()).getCommandSpec();
        List<String> missing = new ArrayList<>();
        for (picocli.CommandLine sub : root.subcommands().values()) {
            CommandSpec command = sub.getCommandSpec();
            if (!script.contains(command.name())) {
                missing.add(command.name());
            }
            for (OptionSpec option : command.options()) {
                for (String name : option.names()) {
                    if (!script.contains(name)) {
                        missing.add(command.name() + " " + name);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "not in the script: " + missing);
        assertTrue(script.contains("eight_schools_noncentered"), "model names complete --model");
        // The script parses as bash.
        Path file = Files.writeString(directory.resolve("manynuts_completion"), script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        String said = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.exitValue(), said);
        assertFalse(script.isBlank());
    }
}
