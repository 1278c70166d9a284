package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * beta_binomial_lcdf and beta_binomial_lccdf as finite sums of the probabilities of the outcomes below and above n
 * (Stan writes them with a generalised hypergeometric function; the sums are exact and their derivatives in the
 * shapes follow from lbeta's), vectorised as the densities are.
 */
final class BetaBinomialCdf {
    private final Lowerer lowerer;

    BetaBinomialCdf(Lowerer lowerer) {
        this.lowerer = lowerer;
    }

    IrExpr logCdf(String name, List<Val> args, SourcePos pos) {
        if (args.size() != 4) {
            throw lowerer.error(pos, name + " takes 4 arguments, found " + args.size());
        }
        if (!args.get(0).type.isIntBased() || !args.get(1).type.isIntBased()) {
            throw lowerer.error(pos, name + " needs an int variate and an int number of trials, found "
                    + args.get(0).type + " and " + args.get(1).type);
        }
        Val shape = lowerer.vectorisedShape(name, args, pos);
        ArgumentChecks.emit(lowerer, name, args);
        boolean upper = name.endsWith("_lccdf");
        if (shape == null) {
            return one(args.get(0).scalar(), args.get(1).scalar(), args.get(2).scalar(), args.get(3).scalar(), upper);
        }
        IrVar m = lowerer.builder.counter("n");
        List<IrExpr> index = List.of(Ops.read(m));
        List<IrExpr> element = new ArrayList<>();
        for (Val arg : args) {
            element.add(arg.type.rank() == 0 ? arg.scalar() : arg.at(index));
        }
        return LinearAlgebra.sum(m, shape.dims().get(0), one(element.get(0), element.get(1), element.get(2),
                element.get(3), upper));
    }

    /** log P(Y <= n), or log P(Y > n), for Y ~ beta_binomial(N, a, b). */
    private IrExpr one(IrExpr n, IrExpr trials, IrExpr a, IrExpr b, boolean upper) {
        IrVar counter = lowerer.builder.counter("k");
        IrExpr k = Ops.read(counter);
        IrExpr probability = Ops.call(Primitives.EXP, Ops.subtract(Ops.add(Ops.call(Primitives.LCHOOSE, trials, k),
                Ops.call(Primitives.LBETA, Ops.add(k, a), Ops.add(Ops.subtract(trials, k), b))),
                Ops.call(Primitives.LBETA, a, b)));
        IrExpr sum = upper
                ? new IrExpr.Sum(counter, Ops.add(n, Ops.integer(1)), trials, probability)
                : new IrExpr.Sum(counter, Ops.integer(0), n, probability);
        IrExpr below = Ops.call(Primitives.INT_LESS, n, Ops.integer(0));
        IrExpr beyond = Ops.call(Primitives.INT_GREATER_EQUAL, n, trials);
        IrExpr none = Ops.real(Double.NEGATIVE_INFINITY);
        IrExpr all = Ops.ZERO;
        return new IrExpr.Conditional(below, upper ? all : none,
                new IrExpr.Conditional(beyond, upper ? none : all, Ops.call(Primitives.LOG, sum)));
    }
}
