package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** The one line a user reads says what went wrong, where the exception alone says only a path or only a reason. */
class ErrorsTest {

    @Test
    void fileSystemErrorsNameTheFileAndTheReason() {
        assertEquals("/runs/x: permission denied", Errors.oneLine(new AccessDeniedException("/runs/x")));
        assertEquals("/runs/x: not a directory",
                Errors.oneLine(new UncheckedIOException(new NotDirectoryException("/runs/x"))));
        assertEquals("cannot write a file: no space left on device",
                Errors.oneLine(new UncheckedIOException(new IOException("No space left on device"))));
    }

    @Test
    void runningOutOfMemorySaysHowToGiveTheJvmMore() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        String line = Errors.oneLine(error);
        assertTrue(line.startsWith("out of memory (Java heap space) with a heap of at most "), line);
        assertTrue(line.contains("MANYNUTS_JAVA_OPTS=-Xmx") && line.contains("--chains"), line);
        assertTrue(Errors.isBadInput(error), "a run too big for the heap is refused as bad input, exit 2");
    }
}
