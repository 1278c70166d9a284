package manynuts.models.stan.ir;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;

/**
 * A variable of the lowered program: a scalar, or flat storage of reals or ints laid out row-major over its dims.
 * Its sizes are integer expressions of data only, evaluated once when the model is built, so every variable's
 * storage is allocated before the first evaluation and none during one.
 */
public final class IrVar {

    /** Where a variable lives and how long it lives. */
    public enum Role {
        /** Read from the data file when the model is built. */
        DATA,
        /** Computed from the data when the model is built. */
        TRANSFORMED_DATA,
        /** The unconstrained coordinates of one chain: the sampler's position; its adjoint is the gradient. */
        UNCONSTRAINED,
        /** A constrained parameter. */
        PARAMETER,
        /** A transformed parameter. */
        TRANSFORMED_PARAMETER,
        /** A generated quantity. */
        GENERATED,
        /** A local variable, a temporary or a function argument; lives in one chain's workspace. */
        LOCAL,
        /** A loop's counter: an int scalar. */
        LOOP
    }

    private final String id;
    private final String stanName;
    private final Role role;
    private final boolean integer;
    private final List<IrExpr> dims;
    private final List<IrExpr> storageDims;
    private final BaseType base;
    private final int arrayDims;
    private boolean active;
    private boolean writtenOnce;

    /**
     * @param id        a name unique in the program, usable as an identifier in generated code
     * @param stanName  the name in the Stan program (for messages and outputs)
     * @param dims      sizes, outermost first; empty for a scalar
     * @param base      the Stan element type (for output naming); INT or REAL for scalars
     * @param arrayDims how many of the dims are array dimensions (the rest belong to the vector or matrix)
     */
    public IrVar(String id, String stanName, Role role, boolean integer, List<IrExpr> dims, BaseType base,
            int arrayDims) {
        this(id, stanName, role, integer, dims, dims, base, arrayDims);
    }

    /**
     * A local whose sizes change from one iteration of its enclosing loops to the next: {@code dims} read their
     * counters, {@code storageDims} are the largest sizes the loops reach (data only), which its storage is allocated
     * and laid out for, so its elements stay where they are whatever the current sizes.
     */
    public IrVar(String id, String stanName, Role role, boolean integer, List<IrExpr> dims, List<IrExpr> storageDims,
            BaseType base, int arrayDims) {
        if (storageDims.size() != dims.size()) {
            throw new IllegalArgumentException(id + ": one storage size per size");
        }
        this.id = id;
        this.stanName = stanName;
        this.role = role;
        this.integer = integer;
        this.dims = List.copyOf(dims);
        this.storageDims = List.copyOf(storageDims);
        this.base = base;
        this.arrayDims = arrayDims;
        this.active = !integer && (role == Role.UNCONSTRAINED || role == Role.PARAMETER
                || role == Role.TRANSFORMED_PARAMETER);
    }

    public String id() {
        return id;
    }

    public String stanName() {
        return stanName;
    }

    public Role role() {
        return role;
    }

    public boolean isInt() {
        return integer;
    }

    public List<IrExpr> dims() {
        return dims;
    }

    /**
     * The sizes the storage is allocated and laid out for, row-major: data only. Equal to {@link #dims()} except for
     * a local sized by the counters of its enclosing loops.
     */
    public List<IrExpr> storageDims() {
        return storageDims;
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    public BaseType base() {
        return base;
    }

    public int arrayDims() {
        return arrayDims;
    }

    /** Whether the variable's value depends on the parameters, so that it carries an adjoint. */
    public boolean isActive() {
        return active;
    }

    /** Marks a real local as depending on the parameters (set while lowering, before code is generated). */
    public void markActive() {
        if (!integer) {
            active = true;
        }
    }

    /**
     * Whether every element is assigned at most once per evaluation and read only after: reverse mode then need not
     * save the value an assignment overwrites.
     */
    public boolean isWrittenOnce() {
        return writtenOnce;
    }

    /** Marks the variable as assigned at most once per evaluation (a parameter's constraining transform). */
    public void markWrittenOnce() {
        writtenOnce = true;
    }

    /** Whether the variable is fixed once the model is built (data, transformed data). */
    public boolean isData() {
        return role == Role.DATA || role == Role.TRANSFORMED_DATA;
    }

    @Override
    public String toString() {
        return id;
    }
}
