package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Stan's ordered logistic distribution of an outcome k in 1..K given a linear predictor eta and K - 1 ascending cut
 * points c: P(k) = inv_logit(eta - c[k-1]) - inv_logit(eta - c[k]), with c[0] = -inf and c[K] = +inf. Vectorised as
 * Stan's: an int or int array of outcomes, a real or vector of predictors, a vector or array of vectors of cut
 * points. Cut points out of order or not finite, a predictor not finite and an outcome outside 1..K reject the point.
 */
final class OrderedLogistic {
    private final Lowerer lowerer;

    OrderedLogistic(Lowerer lowerer) {
        this.lowerer = lowerer;
    }

    IrExpr density(List<Val> args, SourcePos pos, boolean drop) {
        if (args.size() != 3) {
            throw lowerer.error(pos, "ordered_logistic takes 3 arguments, found " + args.size());
        }
        Val k = args.get(0);
        Val eta = args.get(1);
        Val c = lowerer.cheap(args.get(2), "cut_points", pos);
        boolean manyCuts = c.type.arrayDims() == 1;
        if (!k.type.isIntBased() || k.type.rank() > 1 || eta.type.rank() > 1 || eta.type.base() == BaseType.MATRIX
                || c.type.base() != BaseType.VECTOR || c.type.arrayDims() > 1) {
            throw lowerer.error(pos, "ordered_logistic needs (int or int array | real or vector, vector or array of "
                    + "vectors), found " + k.type + ", " + eta.type + " and " + c.type);
        }
        if (drop && !eta.isActive() && !c.isActive()) {
            return Ops.ZERO;
        }
        Val shape = lowerer.vectorisedShape("ordered_logistic", List.of(k, eta), pos);
        IrExpr count = shape == null ? null : shape.dims().get(0);
        if (manyCuts) {
            if (count == null) {
                throw lowerer.error(pos, "ordered_logistic: an array of cut point vectors needs an array of outcomes");
            }
            lowerer.checkSameSize(count, c.dims().get(0), "ordered_logistic at " + pos);
        }
        IrExpr cuts = c.dims().get(manyCuts ? 1 : 0);
        checkCutPoints(c, manyCuts, cuts);
        if (count == null) {
            checkOutcome(k.scalar(), cuts);
            return outcome(k.scalar(), finite(eta.scalar(), "the linear predictor"), c, List.of(), cuts);
        }
        IrVar n = lowerer.builder.counter("n");
        List<IrExpr> at = List.of(Ops.read(n));
        IrExpr outcomeAt = k.type.rank() == 1 ? k.at(at) : k.scalar();
        IrExpr etaAt = eta.type.rank() == 1 ? eta.at(at) : eta.scalar();
        List<IrStmt> checks = lowerer.builder.collect(() -> {
            checkOutcome(outcomeAt, cuts);
            finite(etaAt, "the linear predictor");
        });
        lowerer.add(new IrStmt.For(n, Ops.integer(0), IrBuilder.minusOne(count), checks));
        IrVar m = lowerer.builder.counter("n");
        List<IrExpr> index = List.of(Ops.read(m));
        return LinearAlgebra.sum(m, count, outcome(k.type.rank() == 1 ? k.at(index) : k.scalar(),
                eta.type.rank() == 1 ? eta.at(index) : eta.scalar(), c, manyCuts ? index : List.of(), cuts));
    }

    /** log P(k | eta, c) of one outcome, c read at {@code prefix} (the array index, or none). */
    private IrExpr outcome(IrExpr k, IrExpr eta, Val c, List<IrExpr> prefix, IrExpr cuts) {
        IrExpr size = Ops.add(cuts, Ops.integer(1));
        // Clamped so that the branches not taken still read inside c.
        IrExpr below = Ops.call(Primitives.INT_MAX, Ops.subtract(k, Ops.integer(2)), Ops.integer(0));
        IrExpr above = Ops.call(Primitives.INT_MIN, Ops.subtract(k, Ops.integer(1)), IrBuilder.minusOne(cuts));
        IrExpr upper = Ops.subtract(eta, cut(c, prefix, below));
        IrExpr lower = Ops.subtract(eta, cut(c, prefix, above));
        // log(inv_logit(x) - inv_logit(y)) for x above y: x + log1m_exp(y - x) - log1p_exp(x) - log1p_exp(y).
        IrExpr between = Ops.subtract(Ops.subtract(Ops.add(upper, Ops.call(Primitives.LOG1M_EXP,
                Ops.subtract(lower, upper))), Ops.call(Primitives.LOG1P_EXP, upper)),
                Ops.call(Primitives.LOG1P_EXP, lower));
        IrExpr first = Ops.call(Primitives.LOG1M_INV_LOGIT, Ops.subtract(eta, cut(c, prefix, Ops.integer(0))));
        IrExpr last = Ops.call(Primitives.LOG_INV_LOGIT, Ops.subtract(eta, cut(c, prefix,
                IrBuilder.minusOne(cuts))));
        return new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, k, Ops.integer(1)), first,
                new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, k, size), last, between));
    }

    private static IrExpr cut(Val c, List<IrExpr> prefix, IrExpr index) {
        List<IrExpr> at = new ArrayList<>(prefix);
        at.add(index);
        return c.at(at);
    }

    private void checkOutcome(IrExpr k, IrExpr cuts) {
        IrExpr size = Ops.add(cuts, Ops.integer(1));
        reject(Ops.call(Primitives.OR, Ops.call(Primitives.INT_LESS, k, Ops.integer(1)),
                Ops.call(Primitives.INT_GREATER, k, size)), "ordered_logistic: the outcome ", k,
                " is outside 1..", size);
    }

    /** Cut points must be finite and strictly ascending, and there must be at least one. */
    private void checkCutPoints(Val c, boolean manyCuts, IrExpr cuts) {
        reject(Ops.call(Primitives.INT_LESS, cuts, Ops.integer(1)), "ordered_logistic: no cut points");
        IrExpr vectors = manyCuts ? c.dims().get(0) : Ops.integer(1);
        IrVar m = lowerer.builder.counter("m");
        IrVar i = lowerer.builder.counter("i");
        List<IrExpr> here = manyCuts ? List.of(Ops.read(m), Ops.read(i)) : List.of(Ops.read(i));
        List<IrExpr> before = manyCuts ? List.of(Ops.read(m), Ops.subtract(Ops.read(i), Ops.integer(1)))
                : List.of(Ops.subtract(Ops.read(i), Ops.integer(1)));
        List<IrStmt> body = lowerer.builder.collect(() -> {
            finite(c.at(here), "a cut point");
            lowerer.add(new IrStmt.If(Ops.call(Primitives.INT_GREATER, Ops.read(i), Ops.integer(0)),
                    lowerer.builder.collect(() -> reject(Ops.call(Primitives.LESS_EQUAL, c.at(here), c.at(before)),
                            "ordered_logistic: the cut points are not in ascending order")), List.of()));
        });
        lowerer.add(new IrStmt.For(m, Ops.integer(0), IrBuilder.minusOne(vectors), List.of(
                new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(cuts), body))));
    }

    private IrExpr finite(IrExpr x, String what) {
        reject(Ops.call(Primitives.OR, Ops.call(Primitives.IS_NAN, x), Ops.call(Primitives.IS_INF, x)),
                "ordered_logistic: " + what + " is ", x);
        return x;
    }

    private void reject(IrExpr condition, Object... parts) {
        lowerer.add(new IrStmt.If(condition, List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(parts))),
                List.of()));
    }

    /** ordered_logistic_rng(eta, c): the first k whose cumulative probability inv_logit(c[k] - eta) exceeds u. */
    Val random(List<Val> args, SourcePos pos) {
        if (args.size() != 2 || args.get(0).type.rank() != 0 || args.get(1).type.base() != BaseType.VECTOR
                || args.get(1).type.arrayDims() != 0) {
            throw lowerer.error(pos, "ordered_logistic_rng takes a real linear predictor and a vector of cut points");
        }
        Val eta = lowerer.cheap(args.get(0), "linear_predictor", pos);
        Val c = lowerer.cheap(args.get(1), "cut_points", pos);
        IrExpr cuts = c.dims().get(0);
        checkCutPoints(c, false, cuts);
        finite(eta.scalar(), "the linear predictor");
        IrExpr u = RandomNumbers.uniform(lowerer);
        IrVar outcome = lowerer.builder.local("ordered_logistic_rng", true, List.of(), BaseType.INT, 0);
        lowerer.add(new IrStmt.Declare(outcome));
        lowerer.add(new IrStmt.Assign(outcome, List.of(), Ops.integer(1)));
        IrExpr k = Ops.read(outcome);
        // c[min(k, K - 1)] so that the test reads inside c even where the loop is about to stop.
        IrExpr cutAt = c.at(List.of(Ops.call(Primitives.INT_MIN, Ops.subtract(k, Ops.integer(1)),
                IrBuilder.minusOne(cuts))));
        lowerer.add(new IrStmt.While(Ops.call(Primitives.AND, Ops.call(Primitives.INT_LESS_EQUAL, k, cuts),
                Ops.call(Primitives.GREATER, u, Ops.call(Primitives.INV_LOGIT,
                        Ops.subtract(cutAt, eta.scalar())))), List.of(
                                new IrStmt.Assign(outcome, List.of(), Ops.add(k, Ops.integer(1))))));
        return Val.of(outcome, StanType.INT);
    }
}
