package manynuts.models.stan.runtime;

/**
 * A point the program rejects ({@code reject}, an index out of range, a failed check): while sampling a divergence,
 * while initialising a retry. It carries no stack trace: it is an outcome, not a bug.
 */
public final class StanReject extends RuntimeException {
    public StanReject(String message) {
        super(message, null, false, false);
    }
}
