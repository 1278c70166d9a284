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
 * Log densities and log probability functions, vectorised as Stan's are: any argument may be a container, and the
 * result is the sum over the elements. {@code ~} and the {@code _lupdf} forms drop terms that read no parameter.
 */
final class Distributions {
    private static final double LOG_SQRT_TWO_PI = 0.9189385332046728;
    private final Lowerer lowerer;

    Distributions(Lowerer lowerer) {
        this.lowerer = lowerer;
    }

    static boolean isDensity(String name) {
        return name.endsWith("_lpdf") || name.endsWith("_lupdf") || name.endsWith("_lpmf") || name.endsWith("_lupmf")
                || name.endsWith("_lcdf") || name.endsWith("_lccdf");
    }

    /** Whether {@code family ~} is a known distribution. */
    static boolean isKnownFamily(String family) {
        return ScalarDensities.FAMILIES.containsKey(family) || switch (family) {
            case "dirichlet", "multi_normal", "multi_normal_cholesky", "categorical", "categorical_logit",
                    "normal_id_glm", "bernoulli_logit_glm", "poisson_log_glm", "neg_binomial_2_log_glm",
                    "lkj_corr_cholesky", "lkj_corr", "multi_student_t", "ordered_logistic" -> true;
            default -> false;
        };
    }

    /**
     * The log density {@code name(args)} where {@code name} ends in {@code _lpdf}, {@code _lupdf}, {@code _lpmf},
     * {@code _lupmf}, {@code _lcdf} or {@code _lccdf}; {@code dropConstants} as {@code ~} does.
     */
    IrExpr density(String name, List<Val> args, SourcePos pos, boolean dropConstants) {
        if (name.startsWith("beta_binomial_l") && (name.endsWith("_lcdf") || name.endsWith("_lccdf"))) {
            return new BetaBinomialCdf(lowerer).logCdf(name, args, pos);
        }
        if (name.endsWith("_lcdf") || name.endsWith("_lccdf")) {
            ScalarDensities.Family family = ScalarDensities.CUMULATIVE.containsKey(name)
                    ? ScalarDensities.CUMULATIVE.get(name) : CumulativeFunctions.FAMILIES.get(name);
            if (family == null) {
                throw lowerer.error(pos, name + " is not supported yet");
            }
            if (name.startsWith("student_t_") && args.stream().anyMatch(Val::isActive)) {
                throw lowerer.error(pos, name + " of parameters is not supported yet (only of data)");
            }
            return vectorised(name, family, args, pos, false);
        }
        int cut = name.lastIndexOf('_');
        String family = name.substring(0, cut);
        boolean drop = dropConstants || name.endsWith("_lupdf") || name.endsWith("_lupmf");
        switch (family) {
            case "dirichlet":
                return dirichlet(args, pos, drop);
            case "multi_normal_cholesky":
                return multiNormalCholesky(args, pos, drop, false);
            case "multi_normal":
                return multiNormalCholesky(args, pos, drop, true);
            case "categorical":
            case "categorical_logit":
                return categorical(args, pos, family.endsWith("logit"));
            case "normal_id_glm":
                return glm("normal", args, pos, drop);
            case "bernoulli_logit_glm":
                return glm("bernoulli_logit", args, pos, drop);
            case "poisson_log_glm":
                return glm("poisson_log", args, pos, drop);
            case "neg_binomial_2_log_glm":
                return glm("neg_binomial_2_log", args, pos, drop);
            case "lkj_corr_cholesky":
                return new MultivariateDensities(lowerer, this).lkjCorrCholesky(args, pos, drop);
            case "lkj_corr":
                return new MultivariateDensities(lowerer, this).lkjCorr(args, pos, drop);
            case "multi_student_t":
                return new MultivariateDensities(lowerer, this).multiStudentT(args, pos, drop);
            case "ordered_logistic":
                return new OrderedLogistic(lowerer).density(args, pos, drop);
            default:
                break;
        }
        ScalarDensities.Family scalar = ScalarDensities.FAMILIES.get(family);
        if (scalar == null) {
            throw lowerer.error(pos, "the distribution " + family + " is not supported yet");
        }
        return vectorised(name, scalar, args, pos, drop);
    }

    private IrExpr vectorised(String name, ScalarDensities.Family family, List<Val> args, SourcePos pos,
            boolean drop) {
        if (args.size() != family.arity()) {
            throw lowerer.error(pos, name + " takes " + family.arity() + " arguments, found " + args.size());
        }
        if (family.discrete() && !args.get(0).type.isIntBased()) {
            throw lowerer.error(pos, name + " needs an int variate, found " + args.get(0).type);
        }
        Val shape = lowerer.vectorisedShape(name, args, pos);
        int containerMask = 0;
        int activeMask = 0;
        for (int k = 0; k < args.size(); k++) {
            Val arg = args.get(k);
            if (arg.type.rank() > 0) {
                containerMask |= 1 << k;
            }
            if (arg.isActive()) {
                activeMask |= 1 << k;
            }
        }
        if (!drop || activeMask != 0) {
            ArgumentChecks.emit(lowerer, name, args);
        }
        List<ScalarDensities.Term> perElement = new ArrayList<>();
        List<IrExpr> once = new ArrayList<>();
        IrExpr[] scalars = new IrExpr[args.size()];
        for (int k = 0; k < args.size(); k++) {
            scalars[k] = args.get(k).type.rank() == 0 ? args.get(k).scalar() : null;
        }
        for (ScalarDensities.Term term : family.terms()) {
            if (drop && (term.uses() & activeMask) == 0) {
                continue;
            }
            if ((term.uses() & containerMask) == 0) {
                once.add(term.value().apply(scalars));
            } else {
                perElement.add(term);
            }
        }
        IrExpr total = Ops.sum(once);
        if (shape != null) {
            IrExpr count = Ops.toReal(shape.dims().get(0));
            total = once.isEmpty() ? Ops.ZERO : Ops.multiply(count, total);
            if (!perElement.isEmpty()) {
                IrVar k = lowerer.builder.counter("n");
                List<IrExpr> index = List.of(Ops.read(k));
                IrExpr[] element = new IrExpr[args.size()];
                for (int a = 0; a < args.size(); a++) {
                    element[a] = args.get(a).type.rank() == 0 ? scalars[a] : args.get(a).at(index);
                }
                List<IrExpr> terms = new ArrayList<>();
                for (ScalarDensities.Term term : perElement) {
                    terms.add(term.value().apply(element));
                }
                IrExpr sum = LinearAlgebra.sum(k, shape.dims().get(0), Ops.sum(terms));
                total = once.isEmpty() ? sum : Ops.add(total, sum);
            }
        }
        return total;
    }

    private IrExpr dirichlet(List<Val> args, SourcePos pos, boolean drop) {
        requireArgs("dirichlet", args, 2, pos);
        Val theta = args.get(0);
        Val alpha = args.get(1);
        if (theta.type.rank() != 1 || alpha.type.rank() != 1) {
            throw lowerer.error(pos, "dirichlet needs two vectors, found " + theta.type + " and " + alpha.type);
        }
        lowerer.checkSameSize(theta.dims().get(0), alpha.dims().get(0), "dirichlet at " + pos);
        List<IrExpr> terms = new ArrayList<>();
        if (!drop || alpha.isActive()) {
            terms.add(Ops.call(Primitives.LGAMMA, Reductions.sumAll(lowerer, alpha, x -> x, false)));
            terms.add(Ops.negate(Reductions.sumAll(lowerer, alpha, x -> Ops.call(Primitives.LGAMMA, x), false)));
        }
        if (!drop || alpha.isActive() || theta.isActive()) {
            IrVar k = lowerer.builder.counter("k");
            IrExpr kk = Ops.read(k);
            terms.add(LinearAlgebra.sum(k, theta.dims().get(0), Ops.multiply(
                    Ops.subtract(alpha.at(List.of(kk)), Ops.ONE), Ops.call(Primitives.LOG, theta.at(List.of(kk))))));
        }
        return Ops.sum(terms);
    }

    private IrExpr categorical(List<Val> args, SourcePos pos, boolean logit) {
        requireArgs("categorical", args, 2, pos);
        Val y = args.get(0);
        Val theta = lowerer.cheap(args.get(1), "probabilities", pos);
        if (theta.type.rank() != 1 || !y.type.isIntBased() || y.type.rank() > 1) {
            throw lowerer.error(pos, "categorical needs an int or int array and a vector");
        }
        IrExpr size = theta.dims().get(0);
        IrExpr normaliser = logit ? Reductions.call(lowerer, "log_sum_exp", List.of(theta), pos).scalar() : null;
        if (normaliser != null) {
            normaliser = lowerer.cheap(Val.of(normaliser), "log_sum_exp", pos).scalar();
        }
        IrExpr finalNormaliser = normaliser;
        java.util.function.Function<IrExpr, IrExpr> one = outcome -> {
            IrExpr picked = theta.at(List.of(Ops.index(outcome, size)));
            return logit ? Ops.subtract(picked, finalNormaliser) : Ops.call(Primitives.LOG, picked);
        };
        if (y.type.rank() == 0) {
            return one.apply(y.scalar());
        }
        IrVar n = lowerer.builder.counter("n");
        return LinearAlgebra.sum(n, y.dims().get(0), one.apply(y.at(List.of(Ops.read(n)))));
    }

    /**
     * A generalised linear model {@code family_glm(y | x, alpha, beta, ...)}: the family's density of y with location
     * {@code alpha + x * beta} (x a matrix, or a row_vector shared by every y), then the family's other arguments.
     */
    private IrExpr glm(String family, List<Val> args, SourcePos pos, boolean drop) {
        String name = family + "_glm";
        ScalarDensities.Family scalar = ScalarDensities.FAMILIES.get(family);
        requireArgs(name, args, scalar.arity() + 2, pos);
        Val x = args.get(1);
        Val alpha = args.get(2);
        Val beta = args.get(3);
        if (x.type.arrayDims() > 0 || (x.type.base() != BaseType.MATRIX && x.type.base() != BaseType.ROW_VECTOR)
                || beta.type.rank() != 1 || alpha.type.rank() > 1) {
            throw lowerer.error(pos, name + " needs (y | matrix or row_vector x, real or vector alpha, vector beta"
                    + (scalar.arity() > 2 ? ", ...)" : ")") + ", found x " + x.type + ", alpha " + alpha.type
                    + ", beta " + beta.type);
        }
        Val linear = LinearAlgebra.product(lowerer, x, beta, pos);
        Val location = linear.type.rank() == 0
                ? (alpha.type.rank() == 0 ? Val.of(Ops.add(linear.scalar(), alpha.scalar()))
                        : Val.map(StanType.VECTOR, List.of(alpha, linear), e -> Ops.add(e.get(0), e.get(1))))
                : Val.map(StanType.VECTOR, List.of(linear, alpha), e -> Ops.add(e.get(0), e.get(1)));
        List<Val> familyArgs = new ArrayList<>();
        familyArgs.add(args.get(0));
        familyArgs.add(location);
        familyArgs.addAll(args.subList(4, args.size()));
        return vectorised(name, scalar, familyArgs, pos, drop);
    }

    /** multi_normal_cholesky (or multi_normal, factorising its covariance first) of a vector or array of them. */
    private IrExpr multiNormalCholesky(List<Val> args, SourcePos pos, boolean drop, boolean covariance) {
        String name = covariance ? "multi_normal" : "multi_normal_cholesky";
        requireArgs(name, args, 3, pos);
        Val factor = covariance ? lowerer.expressionsLibrary().call("cholesky_decompose", List.of(args.get(2)), pos)
                : lowerer.cheap(args.get(2), "cholesky_factor", pos);
        Standardised z = standardise(name, args.get(0), args.get(1), factor, pos);
        List<IrExpr> terms = new ArrayList<>();
        terms.add(Ops.multiply(Ops.real(-0.5), Reductions.sumAll(lowerer, z.values(),
                x -> Ops.call(Primitives.SQUARE, x), false)));
        if (!drop || factor.isActive()) {
            terms.add(Ops.negate(Ops.multiply(Ops.toReal(z.count()), logDiagonal(factor, z.size()))));
        }
        if (!drop) {
            terms.add(Ops.multiply(Ops.toReal(Ops.multiply(z.count(), z.size())), Ops.real(-LOG_SQRT_TWO_PI)));
        }
        return Ops.sum(terms);
    }

    /** The sum of the logs of a square matrix's diagonal (the log determinant of a Cholesky factor). */
    IrExpr logDiagonal(Val factor, IrExpr size) {
        IrVar d = lowerer.builder.counter("d");
        IrExpr dd = Ops.read(d);
        return LinearAlgebra.sum(d, size, Ops.call(Primitives.LOG, factor.at(List.of(dd, dd))));
    }

    /**
     * Vectors or arrays of vectors y and mu standardised by a Cholesky factor L: row m of {@code values} solves
     * L z = y[m] - mu[m] by forward substitution; {@code count} rows of {@code size}.
     */
    record Standardised(Val values, IrExpr count, IrExpr size) {
    }

    Standardised standardise(String name, Val y, Val mu, Val factor, SourcePos pos) {
        boolean manyY = y.type.arrayDims() == 1;
        boolean manyMu = mu.type.arrayDims() == 1;
        if (y.type.base().rank() != 1 || mu.type.base().rank() != 1 || y.type.arrayDims() > 1
                || mu.type.arrayDims() > 1) {
            throw lowerer.error(pos, name + " needs vectors or arrays of vectors, found " + y.type + " and " + mu.type);
        }
        Val many = manyY ? y : manyMu ? mu : null;
        IrExpr count = many == null ? Ops.integer(1) : many.dims().get(0);
        IrExpr n = factor.dims().get(0);
        boolean active = y.isActive() || mu.isActive() || factor.isActive();
        lowerer.requireDataSized(List.of(count, n), name + "'s standardised values", pos);
        IrVar z = lowerer.builder.local("standardised", false, List.of(count, n), BaseType.REAL, 2);
        if (active) {
            z.markActive();
        }
        lowerer.add(new IrStmt.Declare(z));
        IrVar m = lowerer.builder.counter("m");
        IrVar i = lowerer.builder.counter("i");
        IrVar k = lowerer.builder.counter("k");
        IrExpr mm = Ops.read(m);
        IrExpr ii = Ops.read(i);
        IrExpr kk = Ops.read(k);
        IrExpr yi = manyY ? y.at(List.of(mm, ii)) : y.at(List.of(ii));
        IrExpr mui = manyMu ? mu.at(List.of(mm, ii)) : mu.at(List.of(ii));
        IrExpr solved = Ops.divide(Ops.subtract(Ops.subtract(yi, mui), new IrExpr.Sum(k, Ops.integer(0),
                Ops.subtract(ii, Ops.integer(1)), Ops.multiply(factor.at(List.of(ii, kk)),
                        new IrExpr.Read(z, List.of(mm, kk))))), factor.at(List.of(ii, ii)));
        lowerer.add(new IrStmt.For(m, Ops.integer(0), IrBuilder.minusOne(count), List.of(
                new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(n), List.of(
                        new IrStmt.Assign(z, List.of(mm, ii), solved))))));
        return new Standardised(Val.of(z, new StanType(BaseType.REAL, 2)), count, n);
    }

    void requireArgs(String name, List<Val> args, int count, SourcePos pos) {
        if (args.size() != count) {
            throw lowerer.error(pos, name + " takes " + count + " arguments, found " + args.size());
        }
    }
}
