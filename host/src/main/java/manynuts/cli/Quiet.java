package manynuts.cli;

import java.io.PrintWriter;
import java.io.Writer;

/** Where {@code --quiet} sends what a command would print besides its errors: nowhere. */
final class Quiet {
    private Quiet() {
    }

    /** A writer that drops everything. */
    static PrintWriter writer() {
        return new PrintWriter(Writer.nullWriter());
    }
}
