package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Functions that reduce a container to a scalar (sum, mean, sd, log_sum_exp, max, dot products, sizes), each one
 * {@link IrExpr.Sum} or {@link IrExpr.Extreme} per dimension, so reverse mode stores nothing for them.
 */
final class Reductions {
    private Reductions() {
    }

    /** The reduction {@code name(args)}, or null when {@code name} is not one. */
    static Val call(Lowerer lowerer, String name, List<Val> args, SourcePos pos) {
        if (args.isEmpty() || args.get(0).type.rank() == 0) {
            return null;
        }
        Val v = args.get(0);
        boolean integer = v.type.isIntBased();
        switch (name + "/" + args.size()) {
            case "sum/1":
                return Val.of(sumAll(lowerer, v, x -> x, integer));
            case "mean/1":
                return Val.of(Ops.divide(sumAll(lowerer, v, x -> x, false), count(v)));
            case "variance/1":
                return Val.of(variance(lowerer, v, pos));
            case "sd/1":
                return Val.of(Ops.call(Primitives.SQRT, variance(lowerer, v, pos)));
            case "log_sum_exp/1": {
                Val shift = lowerer.cheap(Val.of(extremeAll(lowerer, v, false, true)), "max", pos);
                IrExpr m = shift.scalar();
                IrExpr total = sumAll(lowerer, v, x -> Ops.call(Primitives.EXP, Ops.subtract(x, m)), false);
                return Val.of(new IrExpr.Conditional(Ops.call(Primitives.IS_INF, m), m,
                        Ops.add(m, Ops.call(Primitives.LOG, total))));
            }
            case "prod/1":
                return product(lowerer, v);
            case "max/1":
                return Val.of(extremeAll(lowerer, v, false, false));
            case "min/1":
                return Val.of(extremeAll(lowerer, v, true, false));
            case "dot_self/1":
                return Val.of(sumAll(lowerer, v, x -> Ops.call(Primitives.SQUARE, x), false));
            case "dot_product/2":
                requireOneDim(lowerer, v, name, pos);
                requireOneDim(lowerer, args.get(1), name, pos);
                return Val.of(LinearAlgebra.dot(lowerer, v, args.get(1), pos));
            case "squared_distance/2":
            case "distance/2": {
                Val w = args.get(1);
                requireOneDim(lowerer, v, name, pos);
                requireOneDim(lowerer, w, name, pos);
                lowerer.checkSameSize(v.dims().get(0), w.dims().get(0), name + " at " + pos);
                IrVar k = lowerer.builder.counter("k");
                IrExpr kk = Ops.read(k);
                IrExpr squared = LinearAlgebra.sum(k, v.dims().get(0), Ops.call(Primitives.SQUARE,
                        Ops.subtract(v.at(List.of(kk)), w.at(List.of(kk)))));
                return Val.of(name.startsWith("squared") ? squared : Ops.call(Primitives.SQRT, squared));
            }
            case "num_elements/1":
                return Val.of(count(v));
            case "size/1":
                return Val.of(v.dims().get(0));
            case "rows/1":
                return Val.of(v.dims().get(0));
            case "cols/1":
                return Val.of(v.type.base() == BaseType.MATRIX && v.type.arrayDims() == 0 ? v.dims().get(1)
                        : v.type.base() == BaseType.ROW_VECTOR ? v.dims().get(0) : Ops.integer(1));
            default:
                return null;
        }
    }

    /**
     * The product of every element, multiplied up in a loop into a local: a product has no stable form as a sum of
     * logarithms (elements may be zero or negative), so reverse mode replays the loop from its tape.
     */
    private static Val product(Lowerer lowerer, Val v) {
        boolean integer = v.type.isIntBased();
        IrVar total = lowerer.builder.local("product", integer, List.of(), integer ? BaseType.INT : BaseType.REAL, 0);
        if (v.isActive()) {
            total.markActive();
        }
        lowerer.add(new IrStmt.Declare(total));
        lowerer.add(new IrStmt.Assign(total, List.of(), integer ? Ops.integer(1) : Ops.ONE));
        lowerer.builder.forEachIndex(v.dims(), index -> lowerer.add(new IrStmt.Assign(total, List.of(),
                Ops.multiply(Ops.read(total), integer ? v.at(index) : Ops.toReal(v.at(index))))));
        return Val.of(total, integer ? StanType.INT : StanType.REAL);
    }

    private static void requireOneDim(Lowerer lowerer, Val v, String name, SourcePos pos) {
        if (v.type.rank() != 1) {
            throw lowerer.error(pos, name + " needs vectors, row_vectors or one-dimensional arrays, found " + v.type);
        }
    }

    static IrExpr count(Val v) {
        return Ops.product(v.dims());
    }

    private static IrExpr variance(Lowerer lowerer, Val v, SourcePos pos) {
        Val mean = lowerer.cheap(Val.of(Ops.divide(sumAll(lowerer, v, x -> x, false), count(v))), "mean", pos);
        IrExpr m = mean.scalar();
        IrExpr squares = sumAll(lowerer, v, x -> Ops.call(Primitives.SQUARE, Ops.subtract(x, m)), false);
        return Ops.divide(squares, Ops.subtract(count(v), Ops.integer(1)));
    }

    /** The sum of {@code f} of every element, as nested sums over the dimensions. */
    static IrExpr sumAll(Lowerer lowerer, Val v, Function<IrExpr, IrExpr> f, boolean integer) {
        return nest(lowerer, v.dims(), 0, new ArrayList<>(), index -> {
            IrExpr x = f.apply(v.at(index));
            return integer ? x : Ops.toReal(x);
        }, (counter, size, term) -> new IrExpr.Sum(counter, Ops.integer(0), IrBuilder.minusOne(size), term));
    }

    static IrExpr extremeAll(Lowerer lowerer, Val v, boolean smallest, boolean detached) {
        return nest(lowerer, v.dims(), 0, new ArrayList<>(), v::at,
                (counter, size, term) -> new IrExpr.Extreme(counter, Ops.integer(0), IrBuilder.minusOne(size), term,
                        smallest, detached));
    }

    private interface Fold {
        IrExpr over(IrVar counter, IrExpr size, IrExpr term);
    }

    private static IrExpr nest(Lowerer lowerer, List<IrExpr> dims, int depth, List<IrExpr> index,
            Function<List<IrExpr>, IrExpr> element, Fold fold) {
        if (depth == dims.size()) {
            return element.apply(List.copyOf(index));
        }
        IrVar counter = lowerer.builder.counter("k");
        index.add(Ops.read(counter));
        IrExpr inner = nest(lowerer, dims, depth + 1, index, element, fold);
        index.remove(index.size() - 1);
        return fold.over(counter, dims.get(depth), inner);
    }
}
