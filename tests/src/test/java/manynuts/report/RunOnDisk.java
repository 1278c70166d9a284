package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.cli.Main;

/** What one command-line call printed and returned. */
record RunOnDisk(int exitCode, String out, String err) {

    static RunOnDisk execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new RunOnDisk(code, out.toString(), err.toString());
    }

    RunOnDisk succeeded() {
        assertEquals(0, exitCode, () -> "exit code " + exitCode + ", stderr: " + err);
        return this;
    }
}
