package manynuts.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import manynuts.models.ModelException;
import manynuts.output.FileErrors;

/** Turns an exception into the one line a user reads, and tells bad input from a failed run. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable error) {
        Throwable cause = error instanceof UncheckedIOException && error.getCause() != null ? error.getCause() : error;
        String message;
        if (cause instanceof OutOfMemoryError memory) {
            message = outOfMemory(memory);
        } else if (cause instanceof NoSuchFileException missing) {
            message = "no such file: " + missing.getFile();
        } else if (cause instanceof FileSystemException system && system.getFile() != null) {
            // Their message is often the path alone ("/runs/x" for permission denied): say what happened to it.
            message = system.getFile() + (system.getOtherFile() != null ? " -> " + system.getOtherFile() : "") + ": "
                    + FileErrors.reason(system);
        } else if (FileErrors.namesNoFile(cause)) {
            message = "cannot write a file: " + FileErrors.reason((IOException) cause);
        } else if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            message = cause.getClass().getSimpleName();
        } else {
            message = cause.getMessage();
        }
        return oneLine(message);
    }

    /** The heap ran out: how big it was and how to make it bigger, or the run smaller. */
    private static String outOfMemory(OutOfMemoryError error) {
        long maximum = Runtime.getRuntime().maxMemory();
        return String.format(Locale.ROOT, "out of memory (%s) with a heap of at most %d MiB: give the JVM more with "
                + "MANYNUTS_JAVA_OPTS=-Xmx<size> (e.g. -Xmx%dg), or lower --chains or --draws",
                error.getMessage() == null ? "Java heap space" : error.getMessage(), maximum >> 20,
                Math.max(2, 2 * ((maximum >> 30) + 1)));
    }

    /** Text of several lines as one, each line break and the spaces around it made a single space. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static boolean isBadInput(Throwable error) {
        return error instanceof UsageException || error instanceof ModelException
                || error instanceof IllegalArgumentException || error instanceof IOException
                || error instanceof UncheckedIOException || error instanceof OutOfMemoryError
                || error.getClass().getSimpleName().endsWith("InputException");
    }
}
