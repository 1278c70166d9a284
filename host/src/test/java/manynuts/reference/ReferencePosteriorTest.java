package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading posteriordb's reference_draws.json.zip, and the one line that names the file when it is broken. */
class ReferencePosteriorTest {
    @TempDir
    Path directory;

    private Path folder(String name, String json) throws IOException {
        Path folder = Files.createDirectories(directory.resolve(name));
        zip(folder.resolve(ReferencePosterior.DRAWS_FILE), name + ".json", json);
        return folder;
    }

    private static void zip(Path file, String entry, String json) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(json.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** The exception's message, which must be one line naming the file. */
    private static String error(Path file, Path folder) {
        ReferenceInputException error = assertThrows(ReferenceInputException.class,
                () -> ReferencePosterior.read(folder));
        String message = error.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(file.toString()), message);
        return message;
    }

    @Test
    void readsChainsByName() throws IOException {
        Path folder = folder("demo-demo", "[{\"mu\": [1, 2.5, -3], \"theta[1]\": [0.5, 0.25, 0]},"
                + " {\"mu\": [4, 5, 6e-1], \"theta[1]\": [null, \"NA\", \"-Inf\"]}]");
        ReferencePosterior posterior = ReferencePosterior.read(folder);
        assertEquals("demo-demo", posterior.name());
        assertEquals(List.of("mu", "theta[1]"), posterior.names());
        assertArrayEquals(new double[] {1, 2.5, -3}, posterior.draws("mu")[0]);
        assertArrayEquals(new double[] {4, 5, 0.6}, posterior.draws("mu")[1]);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY},
                posterior.draws("theta[1]")[1]);
    }

    @Test
    void aBrokenZipIsOneLineNamingTheFile() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("broken"));
        Path file = folder.resolve(ReferencePosterior.DRAWS_FILE);
        zip(file, "broken.json", "[{\"mu\": [1, 2, 3]}]");
        byte[] whole = Files.readAllBytes(file);
        // The archive ends inside its one entry's compressed data, or just after it.
        for (int length : new int[] {45, 60}) {
            Files.write(file, java.util.Arrays.copyOf(whole, length));
            assertTrue(error(file, folder).contains("the archive is cut short"));
        }

        Files.writeString(file, "this is not a zip archive\nat all\n");
        assertTrue(error(file, folder).contains("not a zip archive"));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("empty"));
        assertTrue(error(folder.resolve(ReferencePosterior.DRAWS_FILE), folder).endsWith("no such file"));
    }

    @Test
    void contentsThatAreNotChainsOfDrawsAreNamed() throws IOException {
        String[][] cases = {
            {"[{\"mu\": [1, 2, 3]", "not valid JSON"},
            {"{\"mu\": [1, 2, 3]}", "expected an array of chains"},
            {"[]", "no chains"},
            {"[{\"mu\": [1, 2, 3]}, {\"mu\": [1, 2]}]", "chain 2, mu has 2 draws, expected 3"},
            {"[{\"mu\": [1, 2, 3]}, {\"tau\": [1, 2, 3]}]", "chain 2 has other outputs than chain 1"},
            {"[{\"mu\": [1, \"x\", 3]}]", "chain 1, mu: draw 'x' is not a number"},
            {"[{\"mu\": 1}]", "chain 1, mu: expected an array of draws"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path folder = folder("case" + i, cases[i][0]);
            String message = error(folder.resolve(ReferencePosterior.DRAWS_FILE), folder);
            assertTrue(message.contains(cases[i][1]), cases[i][0] + " gave: " + message);
            assertTrue(message.contains("case" + i + ".json"), "names the entry too: " + message);
        }
    }

    @Test
    void aZipOfTwoFilesIsRefused() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("two"));
        Path file = folder.resolve(ReferencePosterior.DRAWS_FILE);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : new String[] {"a.json", "b.json"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("[{\"mu\": [1]}]".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertTrue(error(file, folder).contains("more than one file"));
    }

    @Test
    void foldersAreThoseWithReferenceDraws() throws IOException {
        folder("b-model", "[{\"mu\": [1]}]");
        folder("a-model", "[{\"mu\": [1]}]");
        Files.createDirectories(directory.resolve("no-draws"));
        assertEquals(List.of(directory.resolve("a-model"), directory.resolve("b-model")),
                ReferencePosterior.folders(directory));
    }
}
