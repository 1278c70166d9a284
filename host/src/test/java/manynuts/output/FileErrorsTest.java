package manynuts.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

/** A failed file operation reads as what could not be done to which file, and why, in words. */
class FileErrorsTest {
    private static final Path RUN = Path.of("/runs/centered");

    @Test
    void aPathAloneBecomesWhatHappenedToIt() {
        // AccessDeniedException's message is the path and nothing else.
        IOException denied = new AccessDeniedException(RUN.toString());
        assertEquals("cannot create output directory /runs/centered: permission denied",
                FileErrors.cannot("create output directory", RUN, denied).getMessage());
    }

    @Test
    void theSystemsPathIsNamedWhereItIsAnotherOne() {
        FileSystemException readOnly = new FileSystemException("/runs", null, "Read-only file system");
        assertEquals("cannot create output directory /runs/centered: read-only file system (at /runs)",
                FileErrors.cannot("create output directory", RUN, readOnly).getMessage());
    }

    @Test
    void aReasonWithoutAFileGetsTheFileFromTheCaller() {
        IOException full = new IOException("No space left on device");
        assertTrue(FileErrors.namesNoFile(full));
        assertEquals("cannot write /runs/centered/draws.csv: no space left on device",
                FileErrors.cannot("write", RUN.resolve("draws.csv"), full).getMessage());
        assertFalse(FileErrors.namesNoFile(FileErrors.cannot("write", RUN, full)), "a message that says it all stays");
    }

    @Test
    void wrappersGiveTheReasonTheyCarry() {
        IIOException png = new IIOException("I/O error writing PNG file!", new IOException("Disk quota exceeded"));
        assertEquals("cannot write /runs/trace.png: disk quota exceeded",
                FileErrors.cannot("write", Path.of("/runs/trace.png"), png).getMessage());
        assertEquals("permission denied",
                FileErrors.reason(new FileNotFoundException("/runs/run.json (Permission denied)")));
    }
}
