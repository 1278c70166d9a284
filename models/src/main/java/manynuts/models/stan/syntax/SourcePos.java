package manynuts.models.stan.syntax;

/** A place in a Stan program: 1-based line and column. */
public record SourcePos(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
