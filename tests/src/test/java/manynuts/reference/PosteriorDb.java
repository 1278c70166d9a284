package manynuts.reference;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared posteriordb subset, which lives beside the repository clone (or in its shared/), not in it. */
final class PosteriorDb {

    private PosteriorDb() {
    }

    /** The {@code shared/posteriordb/reference/NAME} folder of one posterior. */
    static Path referenceFolder(String posterior) {
        Path folder = root().resolve("reference").resolve(posterior);
        if (!Files.isRegularFile(folder.resolve(ReferencePosterior.DRAWS_FILE))) {
            throw new IllegalStateException("no " + ReferencePosterior.DRAWS_FILE + " in " + folder);
        }
        return folder;
    }

    /** The {@code shared/posteriordb} directory found in the working directory or any ancestor. */
    static Path root() {
        return ReferencePosterior.findPosteriorDb().orElseThrow(() -> new IllegalStateException(
                "no shared/posteriordb directory in " + Path.of("").toAbsolutePath()
                        + " or any directory above it: the posteriordb subset should sit beside the repository"));
    }
}
