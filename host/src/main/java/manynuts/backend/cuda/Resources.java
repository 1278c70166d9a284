package manynuts.backend.cuda;

import java.util.Deque;

/** Device resources owned as a stack: closed last made first, every one of them even when one fails. */
final class Resources {
    private Resources() {
    }

    /** Closes and removes every resource of {@code owned}; the first failure is thrown once all are closed. */
    static void closeAll(Deque<AutoCloseable> owned) {
        RuntimeException failure = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
