package manynuts.diagnostics.draws;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared golden data, which lives beside the repository clone rather than inside it. */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** The {@code shared/golden/diagnostics} directory, searched upwards from the working directory. */
    public static Path diagnosticsDirectory() {
        return golden().resolve("diagnostics");
    }

    /** The {@code shared/golden} directory found in the working directory or any ancestor. */
    public static Path golden() {
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared").resolve("golden");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/golden directory in " + start + " or any directory above it");
    }
}
