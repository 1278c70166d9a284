package manynuts.models;

/** A model or its data cannot be used; the message is one line a user can act on. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
