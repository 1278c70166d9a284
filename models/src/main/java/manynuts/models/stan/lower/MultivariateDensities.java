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
 * multi_student_t and the LKJ densities of correlation matrices (lkj_corr) and of their Cholesky factors
 * (lkj_corr_cholesky), with Stan's argument checks: a shape or degrees of freedom that is not positive, a covariance
 * that is not positive definite, a correlation matrix whose diagonal is not 1, reject the point.
 */
final class MultivariateDensities {
    private static final double LOG_PI = Math.log(Math.PI);
    private static final double LOG_TWO = Math.log(2.0);
    private final Lowerer lowerer;
    private final Distributions distributions;

    MultivariateDensities(Lowerer lowerer, Distributions distributions) {
        this.lowerer = lowerer;
        this.distributions = distributions;
    }

    /**
     * multi_student_t(y | nu, mu, Sigma) of a vector or an array of them: per vector, lgamma((nu + D) / 2)
     * - lgamma(nu / 2) - D/2 log(nu pi) - 1/2 log det Sigma - (nu + D)/2 log(1 + q / nu), q the squared Mahalanobis
     * distance, computed from Sigma's Cholesky factor.
     */
    IrExpr multiStudentT(List<Val> args, SourcePos pos, boolean drop) {
        distributions.requireArgs("multi_student_t", args, 4, pos);
        Val nu = lowerer.cheap(args.get(1), "degrees_of_freedom", pos);
        if (nu.type.rank() != 0) {
            throw lowerer.error(pos, "multi_student_t: the degrees of freedom must be a real, found " + nu.type);
        }
        if (drop && !args.get(0).isActive() && !nu.isActive() && !args.get(2).isActive() && !args.get(3).isActive()) {
            return Ops.ZERO;
        }
        positive(nu.scalar(), "multi_student_t: the degrees of freedom");
        Val factor = lowerer.expressionsLibrary().call("cholesky_decompose", List.of(args.get(3)), pos);
        Distributions.Standardised z = distributions.standardise("multi_student_t", args.get(0), args.get(2), factor,
                pos);
        IrExpr size = Ops.toReal(z.size());
        IrExpr count = Ops.toReal(z.count());
        IrExpr halfShape = Ops.multiply(Ops.real(0.5), Ops.add(nu.scalar(), size));
        IrVar m = lowerer.builder.counter("m");
        IrVar i = lowerer.builder.counter("i");
        IrExpr squared = LinearAlgebra.sum(i, z.size(), Ops.call(Primitives.SQUARE,
                z.values().at(List.of(Ops.read(m), Ops.read(i)))));
        List<IrExpr> terms = new ArrayList<>();
        terms.add(Ops.negate(Ops.multiply(halfShape, LinearAlgebra.sum(m, z.count(),
                Ops.call(Primitives.LOG1P, Ops.divide(squared, nu.scalar()))))));
        if (!drop || nu.isActive()) {
            terms.add(Ops.multiply(count, Ops.subtract(Ops.subtract(Ops.call(Primitives.LGAMMA, halfShape),
                    Ops.call(Primitives.LGAMMA, Ops.multiply(Ops.real(0.5), nu.scalar()))),
                    Ops.multiply(Ops.multiply(Ops.real(0.5), size), Ops.call(Primitives.LOG, nu.scalar())))));
        }
        if (!drop || factor.isActive()) {
            terms.add(Ops.negate(Ops.multiply(count, distributions.logDiagonal(factor, z.size()))));
        }
        if (!drop) {
            terms.add(Ops.multiply(Ops.multiply(count, size), Ops.real(-0.5 * LOG_PI)));
        }
        return Ops.sum(terms);
    }

    /** lkj_corr(Sigma | eta) = c(eta, K) + (eta - 1) log det Sigma, the determinant from Sigma's Cholesky factor. */
    IrExpr lkjCorr(List<Val> args, SourcePos pos, boolean drop) {
        Val sigma = lkjMatrix("lkj_corr", args, "correlation", pos, drop);
        if (sigma == null) {
            return Ops.ZERO;
        }
        Val eta = args.get(1);
        IrExpr size = sigma.dims().get(0);
        IrVar k = lowerer.builder.counter("k");
        IrExpr diagonal = sigma.at(List.of(Ops.read(k), Ops.read(k)));
        lowerer.add(new IrStmt.For(k, Ops.integer(0), IrBuilder.minusOne(size), List.of(new IrStmt.If(
                Ops.call(Primitives.GREATER, Ops.call(Primitives.FABS, Ops.subtract(diagonal, Ops.ONE)),
                        Ops.real(1e-8)), List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(
                                "lkj_corr: the diagonal element ", diagonal, " of the correlation matrix is not 1"))),
                List.of()))));
        Val factor = lowerer.expressionsLibrary().call("cholesky_decompose", List.of(sigma), pos);
        List<IrExpr> terms = new ArrayList<>();
        if (!drop || eta.isActive()) {
            terms.add(logNormaliser(eta.scalar(), size));
        }
        terms.add(Ops.multiply(Ops.multiply(Ops.real(2.0), Ops.subtract(eta.scalar(), Ops.ONE)),
                distributions.logDiagonal(factor, size)));
        return Ops.sum(terms);
    }

    /** lkj_corr_cholesky(L | eta) = c(eta, K) + sum over k = 2..K of (K - k + 2 eta - 2) log L[k, k]. */
    IrExpr lkjCorrCholesky(List<Val> args, SourcePos pos, boolean drop) {
        Val l = lkjMatrix("lkj_corr_cholesky", args, "cholesky_factor", pos, drop);
        if (l == null) {
            return Ops.ZERO;
        }
        Val eta = args.get(1);
        IrExpr size = l.dims().get(0);
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        // 0-based k from 1 to K - 1: weight K - (k + 1) + 2 eta - 2.
        IrExpr weight = Ops.add(Ops.toReal(Ops.subtract(Ops.subtract(size, kk), Ops.integer(1))),
                Ops.subtract(Ops.multiply(Ops.real(2.0), eta.scalar()), Ops.real(2.0)));
        IrExpr density = new IrExpr.Sum(k, Ops.integer(1), IrBuilder.minusOne(size), Ops.multiply(weight,
                Ops.call(Primitives.LOG, l.at(List.of(kk, kk)))));
        return !drop || eta.isActive() ? Ops.add(logNormaliser(eta.scalar(), size), density) : density;
    }

    /**
     * The matrix argument of {@code name} (lkj_corr or lkj_corr_cholesky), after checking the arguments are a matrix
     * and a real and adding the check that the shape is positive; null where {@code drop} leaves no term (neither
     * argument is a parameter).
     */
    private Val lkjMatrix(String name, List<Val> args, String hint, SourcePos pos, boolean drop) {
        distributions.requireArgs(name, args, 2, pos);
        Val matrix = lowerer.cheap(args.get(0), hint, pos);
        Val eta = args.get(1);
        if (matrix.type.base() != BaseType.MATRIX || matrix.type.arrayDims() > 0 || eta.type.rank() != 0) {
            throw lowerer.error(pos, name + " needs (matrix | real), found " + matrix.type + " and " + eta.type);
        }
        if (drop && !matrix.isActive() && !eta.isActive()) {
            return null;
        }
        positive(eta.scalar(), name + ": the shape");
        return matrix;
    }

    /**
     * The log of the LKJ density's normalising constant, negated (Lewandowski, Kurowicka and Joe 2009, section
     * 3.2): minus the sum over m = 1..K-1 of (2 eta - 2 + m) m log 2 + m lbeta(b_m, b_m), b_m = eta + (m - 1) / 2.
     * For K = 2 this is the density of r in (-1, 1) proportional to (1 - r^2)^(eta - 1).
     */
    private IrExpr logNormaliser(IrExpr eta, IrExpr size) {
        IrVar counter = lowerer.builder.counter("m");
        IrExpr m = Ops.toReal(Ops.read(counter));
        IrExpr shape = Ops.add(eta, Ops.multiply(Ops.real(0.5), Ops.subtract(m, Ops.ONE)));
        IrExpr term = Ops.add(Ops.multiply(Ops.multiply(Ops.add(Ops.subtract(Ops.multiply(Ops.real(2.0), eta),
                Ops.real(2.0)), m), m), Ops.real(LOG_TWO)), Ops.multiply(m, Ops.call(Primitives.LBETA, shape, shape)));
        return Ops.negate(new IrExpr.Sum(counter, Ops.integer(1), IrBuilder.minusOne(size), term));
    }

    private void positive(IrExpr x, String what) {
        lowerer.add(new IrStmt.If(Ops.call(Primitives.NOT, Ops.call(Primitives.GREATER, x, Ops.ZERO)),
                List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(what + " is ", x, ", not positive"))),
                List.of()));
    }
}
