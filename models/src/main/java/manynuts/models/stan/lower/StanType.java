package manynuts.models.stan.lower;

import manynuts.models.stan.syntax.BaseType;

/** The type of a Stan expression: an element type and a number of array dimensions. */
record StanType(BaseType base, int arrayDims) {
    static final StanType INT = new StanType(BaseType.INT, 0);
    static final StanType REAL = new StanType(BaseType.REAL, 0);
    static final StanType VECTOR = new StanType(BaseType.VECTOR, 0);
    static final StanType ROW_VECTOR = new StanType(BaseType.ROW_VECTOR, 0);
    static final StanType MATRIX = new StanType(BaseType.MATRIX, 0);
    static final StanType VOID = new StanType(BaseType.VOID, 0);

    /** All indices the type takes: array dimensions, then the vector's or matrix's. */
    int rank() {
        return arrayDims + base.rank();
    }

    boolean isScalar() {
        return arrayDims == 0 && (base == BaseType.INT || base == BaseType.REAL);
    }

    boolean isIntBased() {
        return base == BaseType.INT;
    }

    /** The type after indexing away the outermost {@code count} indices. */
    StanType dropIndices(int count) {
        if (count <= arrayDims) {
            return new StanType(base, arrayDims - count);
        }
        int left = count - arrayDims;
        if (base == BaseType.MATRIX && left == 1) {
            return ROW_VECTOR;
        }
        return base == BaseType.INT ? INT : REAL;
    }

    StanType arrayOf() {
        return new StanType(base, arrayDims + 1);
    }

    StanType withBase(BaseType newBase) {
        return new StanType(newBase, arrayDims);
    }

    /** The same shape holding reals (int arrays promoted). */
    StanType promoted() {
        return base == BaseType.INT ? new StanType(BaseType.REAL, arrayDims) : this;
    }

    @Override
    public String toString() {
        String element = base.stanName();
        return arrayDims == 0 ? element : "array[" + ",".repeat(arrayDims - 1) + "] " + element;
    }
}
