package manynuts.nuts;

/** The sampler cannot go on (no finite initial point, an improper posterior); the message is one line. */
public class SamplerException extends RuntimeException {
    public SamplerException(String message) {
        super(message);
    }
}
