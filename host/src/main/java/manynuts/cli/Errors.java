package manynuts.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import manynuts.models.ModelException;

/** Turns an exception into the one line a user reads, and tells bad input from a failed run. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable error) {
        Throwable cause = error instanceof UncheckedIOException && error.getCause() != null ? error.getCause() : error;
        String message;
        if (cause instanceof NoSuchFileException missing) {
            message = "no such file: " + missing.getFile();
        } else if (cause.getMessage() == null || cause.getMessage().isBlank()) {
            message = cause.getClass().getSimpleName();
        } else {
            message = cause.getMessage();
        }
        return oneLine(message);
    }

    /** Text of several lines as one, each line break and the spaces around it made a single space. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static boolean isBadInput(Throwable error) {
        return error instanceof UsageException || error instanceof ModelException
                || error instanceof IllegalArgumentException || error instanceof IOException
                || error instanceof UncheckedIOException
                || error.getClass().getSimpleName().endsWith("InputException");
    }
}
