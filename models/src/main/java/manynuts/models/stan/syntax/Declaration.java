package manynuts.models.stan.syntax;

import java.util.List;

/**
 * A declared variable: block variables (data, parameters, ...) and locals alike.
 *
 * @param pos        where the declaration starts
 * @param name       the variable's name
 * @param base       its element type
 * @param kind       the constrained type it was declared with ({@code simplex}, {@code cov_matrix}, ...), or
 *                   {@link Kind#PLAIN} for int, real, vector, row_vector, matrix
 * @param sizes      the base type's sizes: none for scalars, one for vectors and the special vector types (K of
 *                   {@code simplex[K]}), two for matrices (one for square special matrices)
 * @param arrayDims  the array dimensions, outermost first (empty for a non-array)
 * @param bounds     lower/upper or offset/multiplier, each null when absent
 * @param initial    the initial value, or null
 */
public record Declaration(SourcePos pos, String name, BaseType base, Kind kind, List<Expr> sizes,
        List<Expr> arrayDims, Bounds bounds, Expr initial) {

    /** Constrained types beyond plain bounds. */
    public enum Kind {
        PLAIN, ORDERED, POSITIVE_ORDERED, SIMPLEX, UNIT_VECTOR, SUM_TO_ZERO_VECTOR, CHOLESKY_FACTOR_CORR,
        CHOLESKY_FACTOR_COV, CORR_MATRIX, COV_MATRIX;

        /** The name as Stan writes it. */
        public String stanName() {
            return name().toLowerCase();
        }
    }

    /** {@code <lower=L, upper=U>} or {@code <offset=O, multiplier=M>}; absent ends are null. */
    public record Bounds(Expr lower, Expr upper, Expr offset, Expr multiplier) {
        public static final Bounds NONE = new Bounds(null, null, null, null);

        public boolean isEmpty() {
            return lower == null && upper == null && offset == null && multiplier == null;
        }
    }

    public Declaration {
        sizes = List.copyOf(sizes);
        arrayDims = List.copyOf(arrayDims);
        bounds = bounds == null ? Bounds.NONE : bounds;
    }
}
