package manynuts.backend.cuda;

import java.util.Deque;

/** Device resources owned as a stack: closed last made first, every one of them even when one fails. */
final class Resources {
    private Resources() {
    }

    /**
     * Closes and removes every resource of {@code owned}, the top first; the first failure is thrown once all are
     * closed, later ones suppressed in it.
     */
    static void closeAll(Deque<AutoCloseable> owned) {
        closeAll(owned, null);
    }

    /** As {@link #closeAll(Deque)}, after {@code earlier} (null for none), which is thrown first if there is one. */
    static void closeAll(Deque<AutoCloseable> owned, RuntimeException earlier) {
        RuntimeException failure = earlier;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
