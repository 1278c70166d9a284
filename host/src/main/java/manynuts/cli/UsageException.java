package manynuts.cli;

/** A command was given something it cannot use; the message is the line the user sees. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
