package manynuts.endtoend;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.cli.Main;

/** Runs the command line in the test's JVM and keeps what it printed and its exit code. */
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
}
