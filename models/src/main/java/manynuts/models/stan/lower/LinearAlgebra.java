package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;

/**
 * Products of vectors and matrices. A product read element by element (a linear predictor inside a vectorised
 * density) stays a view whose every element is one {@link IrExpr.Sum}; a matrix-matrix product is stored.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Val product(Lowerer lowerer, Val left, Val right, SourcePos pos) {
        BaseType a = left.type.base();
        BaseType b = right.type.base();
        if (a == BaseType.ROW_VECTOR && b == BaseType.VECTOR) {
            return Val.of(dot(lowerer, left, right, pos));
        }
        if (a == BaseType.MATRIX && b == BaseType.VECTOR) {
            lowerer.checkSameSize(left.dims().get(1), right.dims().get(0), "matrix * vector at " + pos);
            IrExpr inner = left.dims().get(1);
            return new Computed(StanType.VECTOR, List.of(left.dims().get(0)), List.of(left, right), index -> {
                IrVar k = lowerer.builder.counter("k");
                IrExpr kk = Ops.read(k);
                return sum(k, inner, Ops.multiply(left.at(List.of(index.get(0), kk)), right.at(List.of(kk))));
            });
        }
        if (a == BaseType.ROW_VECTOR && b == BaseType.MATRIX) {
            lowerer.checkSameSize(left.dims().get(0), right.dims().get(0), "row_vector * matrix at " + pos);
            IrExpr inner = right.dims().get(0);
            return new Computed(StanType.ROW_VECTOR, List.of(right.dims().get(1)), List.of(left, right), index -> {
                IrVar k = lowerer.builder.counter("k");
                IrExpr kk = Ops.read(k);
                return sum(k, inner, Ops.multiply(left.at(List.of(kk)), right.at(List.of(kk, index.get(0)))));
            });
        }
        if (a == BaseType.VECTOR && b == BaseType.ROW_VECTOR) {
            return new Computed(StanType.MATRIX, List.of(left.dims().get(0), right.dims().get(0)), List.of(left, right),
                    index -> Ops.multiply(left.at(List.of(index.get(0))), right.at(List.of(index.get(1)))));
        }
        if (a == BaseType.MATRIX && b == BaseType.MATRIX) {
            lowerer.checkSameSize(left.dims().get(1), right.dims().get(0), "matrix * matrix at " + pos);
            IrExpr inner = left.dims().get(1);
            Val lazy = new Computed(StanType.MATRIX, List.of(left.dims().get(0), right.dims().get(1)),
                    List.of(left, right), index -> {
                        IrVar k = lowerer.builder.counter("k");
                        IrExpr kk = Ops.read(k);
                        return sum(k, inner, Ops.multiply(left.at(List.of(index.get(0), kk)),
                                right.at(List.of(kk, index.get(1)))));
                    });
            return lowerer.materialize(lazy, "product", pos);
        }
        throw lowerer.error(pos, "operator * is not defined for " + left.type + " * " + right.type);
    }

    /** The dot product of two one-dimensional values of one size. */
    static IrExpr dot(Lowerer lowerer, Val left, Val right, SourcePos pos) {
        lowerer.checkSameSize(left.dims().get(0), right.dims().get(0), "dot product at " + pos);
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        return sum(k, left.dims().get(0), Ops.multiply(left.at(List.of(kk)), right.at(List.of(kk))));
    }

    /** The sum of {@code term} over {@code counter} from 0 to {@code size - 1}. */
    static IrExpr sum(IrVar counter, IrExpr size, IrExpr term) {
        return new IrExpr.Sum(counter, Ops.integer(0), IrBuilder.minusOne(size), Ops.toReal(term));
    }

    /** A value whose elements are computed from operands by a function of the index. */
    static final class Computed extends Val {
        private final List<IrExpr> dims;
        private final List<Val> operands;
        private final java.util.function.Function<List<IrExpr>, IrExpr> element;

        Computed(StanType type, List<IrExpr> dims, List<Val> operands,
                java.util.function.Function<List<IrExpr>, IrExpr> element) {
            super(type);
            this.dims = List.copyOf(dims);
            this.operands = List.copyOf(operands);
            this.element = element;
        }

        List<IrExpr> dims() {
            return dims;
        }

        IrExpr at(List<IrExpr> index) {
            return element.apply(index);
        }

        boolean isActive() {
            return operands.stream().anyMatch(Val::isActive);
        }

        boolean reads(IrVar v) {
            return operands.stream().anyMatch(o -> o.reads(v));
        }
    }
}
