package manynuts.models.stan.syntax;

/** The element types of Stan: what a variable holds before any array dimensions. */
public enum BaseType {
    INT, REAL, VECTOR, ROW_VECTOR, MATRIX, VOID;

    /** Number of indices the base type itself takes: 0 for int and real, 1 for vectors, 2 for matrices. */
    public int rank() {
        return switch (this) {
            case INT, REAL, VOID -> 0;
            case VECTOR, ROW_VECTOR -> 1;
            case MATRIX -> 2;
        };
    }

    /** The name as Stan writes it. */
    public String stanName() {
        return name().toLowerCase();
    }
}
