package manynuts.bench;

/** An outside reference the bench was asked for cannot run (no R, no package, no script); the message says why. */
public final class BenchInputException extends RuntimeException {
    BenchInputException(String message) {
        super(message);
    }
}
