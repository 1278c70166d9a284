package manynuts.models.stan.runtime;

import java.io.PrintStream;

/** Where {@code print} statements write: standard error, so that a command's own output stays readable. */
public final class StanOutput {
    private static volatile PrintStream target = System.err;

    private StanOutput() {
    }

    public static void print(String line) {
        target.println(line);
    }

    /** Redirects printing (tests). */
    public static void redirect(PrintStream stream) {
        target = stream;
    }
}
