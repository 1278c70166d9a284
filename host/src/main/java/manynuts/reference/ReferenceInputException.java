package manynuts.reference;

import java.nio.file.Path;

/** A reference posterior that cannot be read, described in one line that names the file and the problem. */
public final class ReferenceInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReferenceInputException(String message) {
        super(message);
    }

    /** A problem with one file, phrased as "FILE: PROBLEM". */
    public static ReferenceInputException in(Path file, String problem) {
        return new ReferenceInputException(file + ": " + problem);
    }
}
