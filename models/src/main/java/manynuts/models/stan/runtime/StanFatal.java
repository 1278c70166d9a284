package manynuts.models.stan.runtime;

import manynuts.models.ModelException;

/** {@code fatal_error(...)} or data that break their declaration: the program cannot go on. */
public final class StanFatal extends ModelException {
    public StanFatal(String message) {
        super(message);
    }
}
