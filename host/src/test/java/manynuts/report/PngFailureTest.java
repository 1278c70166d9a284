package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A figure that cannot be written names its file and the reason, not ImageIO's "I/O error writing PNG file!". */
class PngFailureTest {
    @TempDir
    Path directory;

    @Test
    void aFullDiskIsNamedWithTheFile() throws IOException {
        // /dev/full takes every write with "No space left on device": a full disk without filling one.
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "this system has a writable /dev/full");
        Path figure = Files.createSymbolicLink(directory.resolve("trace.png"), full);
        IOException error = assertThrows(IOException.class, () -> ChartStyle.writePng(
                ChartFactory.createXYLineChart("t", "x", "y", null), figure, 200, 100));
        assertEquals("cannot write " + figure + ": no space left on device", error.getMessage());
    }

    @Test
    void aFileInAMissingDirectoryIsNamed() {
        Path figure = directory.resolve("gone").resolve("trace.png");
        IOException error = assertThrows(IOException.class, () -> ChartStyle.writePng(
                ChartFactory.createXYLineChart("t", "x", "y", null), figure, 200, 100));
        assertEquals("cannot write " + figure + ": no such file or directory", error.getMessage());
    }
}
