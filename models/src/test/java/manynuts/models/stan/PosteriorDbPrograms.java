package manynuts.models.stan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The posteriordb programs in shared/ beside the repository, found from the working directory upward. */
final class PosteriorDbPrograms {
    private PosteriorDbPrograms() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("posteriordb");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = dir.resolveSibling("shared").resolve("posteriordb");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/posteriordb was not found above " + Path.of("").toAbsolutePath());
    }

    /** The folders with reference draws, in name order. */
    static List<Path> references() {
        return folders(root().resolve("reference"));
    }

    /** The folders without reference draws, in name order. */
    static List<Path> others() {
        return folders(root().resolve("programs"));
    }

    private static List<Path> folders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }
}
