package manynuts.diagnostics.draws;

/** Draws or sampler statistics that cannot be summarised, described in one line that names the source and the problem. */
public final class DiagnosticsInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiagnosticsInputException(String message) {
        super(message);
    }

    /** A problem at a given line of a file, phrased as "FILE:LINE: PROBLEM" like compilers do. */
    public static DiagnosticsInputException at(String source, long line, String problem) {
        return new DiagnosticsInputException(source + ":" + line + ": " + problem);
    }
}
