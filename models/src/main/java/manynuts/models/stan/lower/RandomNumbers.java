package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitive;
import manynuts.models.stan.ir.Primitives;

/**
 * Stan's {@code _rng} functions, allowed where Stan allows them (transformed data and generated quantities). Each
 * call becomes statements that draw into a fresh variable before the statement using it, so every call is a draw
 * of its own, in the program's order. Vectorised calls draw one value per element into an array, as Stan's do.
 */
final class RandomNumbers {
    private final Lowerer lowerer;

    RandomNumbers(Lowerer lowerer) {
        this.lowerer = lowerer;
    }

    Val call(String name, List<Val> args, SourcePos pos) {
        if (lowerer.block != Lowerer.Block.TRANSFORMED_DATA && lowerer.block != Lowerer.Block.GENERATED_QUANTITIES) {
            throw lowerer.error(pos, name + ": random numbers can only be drawn in transformed data, generated "
                    + "quantities and _rng functions");
        }
        Primitive real = Primitives.REAL_RNG.get(name);
        Primitive integer = Primitives.INT_RNG.get(name);
        if (real != null || integer != null) {
            return scalarFamily(name, real != null ? real : integer, args, pos);
        }
        switch (name) {
            case "categorical_rng":
            case "categorical_logit_rng":
                return categorical(name, args, pos);
            case "multi_normal_rng":
            case "multi_normal_cholesky_rng":
                return multiNormal(name, args, pos);
            case "dirichlet_rng":
                return dirichlet(args, pos);
            case "ordered_logistic_rng":
                return new OrderedLogistic(lowerer).random(args, pos);
            case "multi_student_t_rng":
                return multiStudentT(args, pos);
            case "lkj_corr_cholesky_rng":
                return lkjCorrCholesky(args, pos);
            case "lkj_corr_rng":
                return lowerer.materialize(lowerer.expressionsLibrary().call("multiply_lower_tri_self_transpose",
                        List.of(lkjCorrCholesky(args, pos)), pos), "lkj_corr_rng", pos);
            default:
                throw lowerer.error(pos, name + " is not supported yet");
        }
    }

    /** One draw, or with container arguments one draw per element (an array), the scalars broadcast. */
    private Val scalarFamily(String name, Primitive primitive, List<Val> args, SourcePos pos) {
        if (args.size() != primitive.arity()) {
            throw lowerer.error(pos, name + " takes " + primitive.arity() + " arguments, found " + args.size());
        }
        Val shape = lowerer.vectorisedShape(name, args, pos);
        boolean integer = primitive.integerResult();
        BaseType base = integer ? BaseType.INT : BaseType.REAL;
        if (shape == null) {
            IrVar draw = lowerer.builder.local(name, integer, List.of(), base, 0);
            lowerer.add(new IrStmt.Declare(draw));
            lowerer.add(new IrStmt.Assign(draw, List.of(), draw(primitive, args, List.of())));
            return Val.of(draw, integer ? StanType.INT : StanType.REAL);
        }
        IrExpr size = shape.dims().get(0);
        IrVar draws = lowerer.builder.local(name, integer, List.of(size), base, 1);
        lowerer.add(new IrStmt.Declare(draws));
        IrVar i = lowerer.builder.counter("i");
        List<IrExpr> index = List.of(Ops.read(i));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(size), List.of(
                new IrStmt.Assign(draws, index, draw(primitive, args, index)))));
        return Val.of(draws, new StanType(base, 1));
    }

    private static IrExpr draw(Primitive primitive, List<Val> args, List<IrExpr> index) {
        IrExpr[] scalars = new IrExpr[args.size()];
        for (int k = 0; k < scalars.length; k++) {
            Val arg = args.get(k);
            scalars[k] = arg.type.rank() == 0 ? arg.scalar() : arg.at(index);
        }
        return Ops.call(primitive, scalars);
    }

    /** A uniform(0, 1) draw, kept in a local of its own so that each read sees the same draw. */
    static IrExpr uniform(Lowerer lowerer) {
        IrVar u = lowerer.builder.local("uniform", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Declare(u));
        lowerer.add(new IrStmt.Assign(u, List.of(), Ops.call(Primitives.REAL_RNG.get("uniform_rng"), Ops.ZERO,
                Ops.ONE)));
        return Ops.read(u);
    }

    private IrExpr standardNormal() {
        IrVar z = lowerer.builder.local("std_normal", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Declare(z));
        lowerer.add(new IrStmt.Assign(z, List.of(), Ops.call(Primitives.REAL_RNG.get("std_normal_rng"))));
        return Ops.read(z);
    }

    /** The first outcome whose cumulative probability exceeds a uniform draw (1-based). */
    private Val categorical(String name, List<Val> args, SourcePos pos) {
        if (args.size() != 1 || args.get(0).type.rank() != 1) {
            throw lowerer.error(pos, name + " takes one vector of " + (name.contains("logit") ? "log odds"
                    : "probabilities"));
        }
        Val theta = name.contains("logit")
                ? lowerer.materialize(lowerer.expressionsLibrary().call("softmax", args, pos), "probabilities", pos)
                : lowerer.cheap(args.get(0), "probabilities", pos);
        IrExpr size = theta.dims().get(0);
        IrExpr u = uniform(lowerer);
        IrVar outcome = lowerer.builder.local(name, true, List.of(), BaseType.INT, 0);
        IrVar cumulative = lowerer.builder.local("cumulative", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Declare(outcome));
        lowerer.add(new IrStmt.Declare(cumulative));
        IrExpr k = Ops.read(outcome);
        IrExpr sum = Ops.read(cumulative);
        lowerer.add(new IrStmt.Assign(outcome, List.of(), Ops.integer(1)));
        lowerer.add(new IrStmt.Assign(cumulative, List.of(), Ops.toReal(theta.at(List.of(Ops.integer(0))))));
        lowerer.add(new IrStmt.While(Ops.call(Primitives.AND, Ops.call(Primitives.GREATER, u, sum),
                Ops.call(Primitives.INT_LESS, k, size)), List.of(
                        new IrStmt.Assign(cumulative, List.of(), Ops.add(sum, theta.at(List.of(k)))),
                        new IrStmt.Assign(outcome, List.of(), Ops.add(k, Ops.integer(1))))));
        return Val.of(outcome, StanType.INT);
    }

    /** mu + L z with z standard normal; multi_normal factorises its covariance first. */
    private Val multiNormal(String name, List<Val> args, SourcePos pos) {
        if (args.size() != 2 || args.get(0).type.arrayDims() > 0 || args.get(0).type.base().rank() != 1
                || args.get(1).type.base() != BaseType.MATRIX) {
            throw lowerer.error(pos, name + " takes a vector location and a matrix");
        }
        return shiftedNormal(name, args.get(0), name.equals("multi_normal_rng")
                ? lowerer.expressionsLibrary().call("cholesky_decompose", List.of(args.get(1)), pos)
                : lowerer.cheap(args.get(1), "cholesky_factor", pos), Ops.ONE, pos);
    }

    /** mu + L z / sqrt(w) with w ~ gamma(nu / 2, nu / 2): a multivariate Student's t draw, Sigma = L L'. */
    private Val multiStudentT(List<Val> args, SourcePos pos) {
        if (args.size() != 3 || args.get(0).type.rank() != 0 || args.get(1).type.arrayDims() > 0
                || args.get(1).type.base().rank() != 1 || args.get(2).type.base() != BaseType.MATRIX) {
            throw lowerer.error(pos, "multi_student_t_rng takes real degrees of freedom, a vector location and a "
                    + "matrix");
        }
        IrExpr halfNu = Ops.multiply(Ops.real(0.5), args.get(0).scalar());
        IrVar w = lowerer.builder.local("gamma_draw", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Declare(w));
        lowerer.add(new IrStmt.Assign(w, List.of(), Ops.call(Primitives.REAL_RNG.get("gamma_rng"), halfNu, halfNu)));
        Val factor = lowerer.expressionsLibrary().call("cholesky_decompose", List.of(args.get(2)), pos);
        return shiftedNormal("multi_student_t_rng", args.get(1), factor,
                Ops.call(Primitives.INV_SQRT, Ops.read(w)), pos);
    }

    /** mu + scale L z with z standard normal. */
    private Val shiftedNormal(String name, Val location, Val factor, IrExpr scale, SourcePos pos) {
        Val mu = lowerer.cheap(location, "location", pos);
        IrExpr n = mu.dims().get(0);
        lowerer.checkSameSize(n, factor.dims().get(0), name + " at " + pos);
        IrVar z = lowerer.builder.local("std_normal", false, List.of(n), BaseType.VECTOR, 0);
        lowerer.add(new IrStmt.Declare(z));
        IrVar i = lowerer.builder.counter("i");
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(n), List.of(new IrStmt.Assign(z,
                List.of(Ops.read(i)), Ops.call(Primitives.REAL_RNG.get("std_normal_rng"))))));
        Val shifted = new LinearAlgebra.Computed(StanType.VECTOR, List.of(n), List.of(mu, factor), index -> {
            IrVar k = lowerer.builder.counter("k");
            IrExpr kk = Ops.read(k);
            return Ops.add(mu.at(index), Ops.multiply(scale, new IrExpr.Sum(k, Ops.integer(0), index.get(0),
                    Ops.multiply(factor.at(List.of(index.get(0), kk)), new IrExpr.Read(z, List.of(kk))))));
        });
        return lowerer.materialize(shifted, name, pos);
    }

    /** Independent gamma variates normalised to sum to one. */
    private Val dirichlet(List<Val> args, SourcePos pos) {
        if (args.size() != 1 || args.get(0).type.rank() != 1) {
            throw lowerer.error(pos, "dirichlet_rng takes one vector of concentrations");
        }
        Val alpha = args.get(0);
        IrExpr n = alpha.dims().get(0);
        IrVar g = lowerer.builder.local("gamma_draws", false, List.of(n), BaseType.VECTOR, 0);
        lowerer.add(new IrStmt.Declare(g));
        IrVar i = lowerer.builder.counter("i");
        List<IrExpr> index = List.of(Ops.read(i));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(n), List.of(new IrStmt.Assign(g, index,
                Ops.call(Primitives.REAL_RNG.get("gamma_rng"), alpha.at(index), Ops.ONE)))));
        Val draws = Val.of(g, StanType.VECTOR);
        Val total = lowerer.cheap(Val.of(Reductions.sumAll(lowerer, draws, x -> x, false)), "total", pos);
        List<Val> operands = new ArrayList<>(List.of(draws, total));
        return lowerer.materialize(Val.map(StanType.VECTOR, operands, x -> Ops.divide(x.get(0), x.get(1))),
                "dirichlet_rng", pos);
    }

    /**
     * A Cholesky factor of an LKJ(eta) correlation matrix by the C-vine (Lewandowski, Kurowicka and Joe 2009): the
     * partial correlation of row j with column i given the columns before i is 2 Beta(a_i, a_i) - 1 with
     * a_i = eta + (K - 2 - i) / 2 (0-based i), and row j of L is built from them as the cholesky_factor_corr
     * transform does: L[j, i] = z sqrt(1 - sum of the squares before it), L[j, j] what is left.
     */
    private Val lkjCorrCholesky(List<Val> args, SourcePos pos) {
        if (args.size() != 2 || !args.get(0).type.equals(StanType.INT) || args.get(1).type.rank() != 0) {
            throw lowerer.error(pos, "lkj_corr_cholesky_rng takes an int size and a real shape");
        }
        IrExpr size = lowerer.cheap(args.get(0), "size", pos).scalar();
        IrExpr eta = lowerer.cheap(args.get(1), "shape", pos).scalar();
        lowerer.add(new IrStmt.If(Ops.call(Primitives.NOT, Ops.call(Primitives.GREATER, eta, Ops.ZERO)),
                List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of("lkj_corr_cholesky_rng: the shape ", eta,
                        " is not positive"))), List.of()));
        IrVar l = lowerer.builder.local("lkj_corr_cholesky_rng", false, List.of(size, size), BaseType.MATRIX, 0);
        IrVar squares = lowerer.builder.local("sum_of_squares", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Declare(l));
        lowerer.add(new IrStmt.Declare(squares));
        IrVar j = lowerer.builder.counter("j");
        IrVar i = lowerer.builder.counter("i");
        IrExpr jj = Ops.read(j);
        IrExpr ii = Ops.read(i);
        IrExpr sum = Ops.read(squares);
        IrExpr shape = Ops.add(eta, Ops.multiply(Ops.real(0.5), Ops.toReal(Ops.subtract(Ops.subtract(size,
                Ops.integer(2)), ii))));
        IrExpr partial = Ops.subtract(Ops.multiply(Ops.real(2.0), Ops.call(Primitives.REAL_RNG.get("beta_rng"),
                shape, shape)), Ops.ONE);
        IrExpr below = new IrExpr.Read(l, List.of(jj, ii));
        lowerer.add(new IrStmt.For(j, Ops.integer(0), IrBuilder.minusOne(size), List.of(
                new IrStmt.Assign(squares, List.of(), Ops.ZERO),
                new IrStmt.For(i, Ops.integer(0), Ops.subtract(jj, Ops.integer(1)), List.of(
                        new IrStmt.Assign(l, List.of(jj, ii), Ops.multiply(partial,
                                Ops.call(Primitives.SQRT, Ops.subtract(Ops.ONE, sum)))),
                        new IrStmt.Assign(squares, List.of(), Ops.add(sum, Ops.call(Primitives.SQUARE, below))))),
                new IrStmt.Assign(l, List.of(jj, jj), Ops.call(Primitives.SQRT, Ops.call(Primitives.FMAX, Ops.ZERO,
                        Ops.subtract(Ops.ONE, sum)))),
                new IrStmt.For(i, Ops.add(jj, Ops.integer(1)), IrBuilder.minusOne(size), List.of(
                        new IrStmt.Assign(l, List.of(jj, ii), Ops.ZERO))))));
        return Val.of(l, StanType.MATRIX);
    }
}
