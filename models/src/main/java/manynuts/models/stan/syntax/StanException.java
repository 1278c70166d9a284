package manynuts.models.stan.syntax;

import manynuts.models.ModelException;

/**
 * A Stan program that cannot be compiled: a syntax or type error, or a feature the compiler does not support. The
 * message's first line is {@code FILE:LINE:COLUMN: what is wrong}; the next two show the line and a caret.
 */
public final class StanException extends ModelException {
    private final SourcePos pos;
    private final String reason;

    public StanException(SourceText source, SourcePos pos, String reason) {
        super(source.format(pos, reason));
        this.pos = pos;
        this.reason = reason;
    }

    /** Where the error is. */
    public SourcePos pos() {
        return pos;
    }

    /** What is wrong, without the place. */
    public String reason() {
        return reason;
    }
}
