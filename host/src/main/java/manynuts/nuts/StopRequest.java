package manynuts.nuts;

/**
 * A request, from any thread, that a run stop at the next global step of each block: a signal handler makes it,
 * and the samplers return with every chain at the end of its last whole iteration.
 */
public final class StopRequest {
    private volatile String reason;

    /** Asks the run to stop; the first reason given is kept. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean requested() {
        return reason != null;
    }

    /** Why the run was asked to stop, or null if it was not. */
    public String reason() {
        return reason;
    }
}
