package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * sort_asc, sort_desc, sort_indices_asc, sort_indices_desc and rank. Each element's place in the sorted order is
 * counted (the elements before it, ties in index order), an int; a sorted value reads its argument through that
 * permutation, so its derivative is the permutation's and the indices and ranks have none.
 */
final class Sorting {
    private Sorting() {
    }

    static Val call(Lowerer lowerer, String name, List<Val> args, SourcePos pos) {
        Val v = args.get(0);
        if (v.type.rank() != 1 || v.type.base() == BaseType.MATRIX) {
            throw lowerer.error(pos, name + " needs a vector, row_vector or one-dimensional array, found " + v.type);
        }
        Val values = lowerer.cheap(v, name + "_argument", pos);
        IrExpr n = values.dims().get(0);
        boolean descending = name.endsWith("desc");
        if (name.equals("rank")) {
            Val s = args.get(1);
            if (!s.type.equals(StanType.INT)) {
                throw lowerer.error(pos, "rank's second argument must be an int, found " + s.type);
            }
            // The number of elements less than v[s].
            IrExpr at = values.at(List.of(Ops.index(s.scalar(), n)));
            IrVar j = lowerer.builder.counter("j");
            return Val.of(new IrExpr.Sum(j, Ops.integer(0), IrBuilder.minusOne(n),
                    before(values.at(List.of(Ops.read(j))), at, values.type.isIntBased(), false)));
        }
        if (!values.type.isIntBased()) {
            rejectNaN(lowerer, values, name);
        }
        IrVar order = order(lowerer, values, descending, name, pos);
        if (name.startsWith("sort_indices")) {
            return new LinearAlgebra.Computed(new StanType(BaseType.INT, 1), List.of(n), List.of(),
                    index -> Ops.add(new IrExpr.Read(order, index), Ops.integer(1)));
        }
        Val sorted = new Val.ViewVal(values.type, values, List.of(n), index -> List.of(new IrExpr.Read(order, index)),
                List.of());
        return lowerer.materialize(sorted, name, pos);
    }

    /**
     * The permutation that sorts {@code values}: element k goes to the place given by the number of elements that
     * come before it, so order[place] = k.
     */
    static IrVar order(Lowerer lowerer, Val values, boolean descending, String name, SourcePos pos) {
        IrExpr n = values.dims().get(0);
        lowerer.requireDataSized(List.of(n), name + "'s permutation", pos);
        IrVar order = lowerer.builder.local(name + "_order", true, List.of(n), BaseType.INT, 1);
        lowerer.add(new IrStmt.Declare(order));
        IrVar k = lowerer.builder.counter("k");
        IrVar j = lowerer.builder.counter("j");
        IrExpr kk = Ops.read(k);
        IrExpr jj = Ops.read(j);
        boolean integer = values.type.isIntBased();
        IrExpr a = values.at(List.of(jj));
        IrExpr b = values.at(List.of(kk));
        IrExpr tie = Ops.call(Primitives.AND, Ops.call(integer ? Primitives.INT_EQUAL : Primitives.EQUAL, a, b),
                Ops.call(Primitives.INT_LESS, jj, kk));
        IrExpr place = new IrExpr.Sum(j, Ops.integer(0), IrBuilder.minusOne(n),
                Ops.call(Primitives.OR, before(a, b, integer, descending), tie));
        lowerer.add(new IrStmt.For(k, Ops.integer(0), IrBuilder.minusOne(n), List.of(
                new IrStmt.Assign(order, List.of(place), kk))));
        return order;
    }

    /** 1 where {@code a} comes strictly before {@code b}: smaller, or larger when descending. */
    private static IrExpr before(IrExpr a, IrExpr b, boolean integer, boolean descending) {
        if (integer) {
            return Ops.call(descending ? Primitives.INT_GREATER : Primitives.INT_LESS, a, b);
        }
        return Ops.call(descending ? Primitives.GREATER : Primitives.LESS, a, b);
    }

    /** Rejects the point where an element is NaN, which has no place in the order. */
    private static void rejectNaN(Lowerer lowerer, Val values, String name) {
        IrVar k = lowerer.builder.counter("k");
        IrExpr nans = new IrExpr.Sum(k, Ops.integer(0), IrBuilder.minusOne(values.dims().get(0)),
                Ops.call(Primitives.IS_NAN, values.at(List.of(Ops.read(k)))));
        lowerer.add(new IrStmt.If(Ops.call(Primitives.INT_GREATER, nans, Ops.integer(0)),
                List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(name + ": an element is NaN"))),
                List.of()));
    }
}
