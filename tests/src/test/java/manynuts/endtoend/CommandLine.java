package manynuts.endtoend;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import manynuts.cli.Main;

/** Runs the command line in the test's JVM, or in a JVM of its own, and keeps what it printed and its exit code. */
final class CommandLine {

    /** A finished command: its exit code, standard output and standard error. */
    record Outcome(int exitCode, String out, String err) {
    }

    private CommandLine() {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Starts the command line in a JVM of its own with {@code jvmOptions} (-Xmx32m), writing into {@code logs}. */
    static Process start(List<String> jvmOptions, Path logs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        return new ProcessBuilder(command).redirectOutput(logs.resolve("out.txt").toFile())
                .redirectError(logs.resolve("err.txt").toFile()).start();
    }

    /** Runs the command line in a JVM of its own to its end. */
    static Outcome runInJvm(List<String> jvmOptions, Path logs, String... args) throws IOException,
            InterruptedException {
        Process process = start(jvmOptions, logs, args);
        int code = process.waitFor();
        return new Outcome(code, Files.readString(logs.resolve("out.txt")), Files.readString(logs.resolve("err.txt")));
    }
}
