package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;

/**
 * A lowered expression: its type, its sizes, and how to read any one element as a scalar expression. Elementwise
 * arithmetic, indexing, slices and transposes are views that compute an element on demand, so they cost no storage
 * and fuse into the loop that reads them; everything else is materialised into a variable first.
 */
abstract class Val {
    final StanType type;

    Val(StanType type) {
        this.type = type;
    }

    /** Sizes, one per index of {@link StanType#rank()}, outermost first; int expressions of data only. */
    abstract List<IrExpr> dims();

    /** Element {@code index} (0-based int expressions, one per dim) as a scalar expression. */
    abstract IrExpr at(List<IrExpr> index);

    /** Whether any element depends on the parameters. */
    abstract boolean isActive();

    /** The value of a scalar. */
    IrExpr scalar() {
        return at(List.of());
    }

    /** The variable a view reads directly, if it is one (for aliasing checks), else null. */
    IrVar variable() {
        return null;
    }

    /** Whether the expression reads {@code v}. */
    abstract boolean reads(IrVar v);

    /** A scalar. */
    static Val of(IrExpr value) {
        return new ScalarVal(value);
    }

    /** A variable, whole. */
    static Val of(IrVar variable, StanType type) {
        return new VariableVal(variable, type);
    }

    /** An elementwise function of values of the same shape (scalars broadcast). */
    static Val map(StanType type, List<Val> operands, Function<List<IrExpr>, IrExpr> element) {
        return new MappedVal(type, operands, element);
    }

    static final class ScalarVal extends Val {
        private final IrExpr value;

        ScalarVal(IrExpr value) {
            super(value.isInt() ? StanType.INT : StanType.REAL);
            this.value = value;
        }

        List<IrExpr> dims() {
            return List.of();
        }

        IrExpr at(List<IrExpr> index) {
            return value;
        }

        boolean isActive() {
            return value.isActive();
        }

        IrVar variable() {
            return value instanceof IrExpr.Read read && read.index().isEmpty() ? read.variable() : null;
        }

        boolean reads(IrVar v) {
            return Reads.reads(value, v);
        }
    }

    static final class VariableVal extends Val {
        private final IrVar variable;

        VariableVal(IrVar variable, StanType type) {
            super(type);
            this.variable = variable;
        }

        List<IrExpr> dims() {
            return variable.dims();
        }

        IrExpr at(List<IrExpr> index) {
            return new IrExpr.Read(variable, index);
        }

        boolean isActive() {
            return variable.isActive();
        }

        IrVar variable() {
            return variable;
        }

        boolean reads(IrVar v) {
            return v == variable;
        }
    }

    static final class MappedVal extends Val {
        private final List<Val> operands;
        private final Function<List<IrExpr>, IrExpr> element;
        private final List<IrExpr> dims;

        MappedVal(StanType type, List<Val> operands, Function<List<IrExpr>, IrExpr> element) {
            super(type);
            this.operands = List.copyOf(operands);
            this.element = element;
            List<IrExpr> found = List.of();
            for (Val operand : operands) {
                if (operand.type.rank() == type.rank()) {
                    found = operand.dims();
                    break;
                }
            }
            this.dims = found;
        }

        List<IrExpr> dims() {
            return dims;
        }

        IrExpr at(List<IrExpr> index) {
            List<IrExpr> elements = new ArrayList<>();
            for (Val operand : operands) {
                elements.add(operand.type.rank() == 0 ? operand.scalar() : operand.at(index));
            }
            return element.apply(elements);
        }

        boolean isActive() {
            return operands.stream().anyMatch(Val::isActive);
        }

        boolean reads(IrVar v) {
            return operands.stream().anyMatch(o -> o.reads(v));
        }
    }

    /** A view computing its elements from an index map over another value (slices, transposes, multi-indices). */
    static final class ViewVal extends Val {
        private final Val base;
        private final List<IrExpr> dims;
        private final Function<List<IrExpr>, List<IrExpr>> indexMap;
        private final List<Val> indexSources;

        ViewVal(StanType type, Val base, List<IrExpr> dims, Function<List<IrExpr>, List<IrExpr>> indexMap,
                List<Val> indexSources) {
            super(type);
            this.base = base;
            this.dims = List.copyOf(dims);
            this.indexMap = indexMap;
            this.indexSources = List.copyOf(indexSources);
        }

        List<IrExpr> dims() {
            return dims;
        }

        IrExpr at(List<IrExpr> index) {
            return base.at(indexMap.apply(index));
        }

        boolean isActive() {
            return base.isActive();
        }

        IrVar variable() {
            return base.variable();
        }

        boolean reads(IrVar v) {
            return base.reads(v) || indexSources.stream().anyMatch(s -> s.reads(v));
        }
    }
}
