package manynuts.run;

/** A run directory, or a file in it, cannot be used; the message is the one line the user sees. */
public final class RunInputException extends RuntimeException {
    public RunInputException(String message) {
        super(message);
    }
}
