package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * The constraining transforms of Stan's matrix types (Stan Reference Manual, "Constraint transforms"), each writing
 * one matrix of a parameter from its unconstrained coordinates, in Stan's order of them, and adding its log-Jacobian
 * to the target where asked:
 * <ul>
 * <li>cholesky_factor_corr and corr_matrix: canonical partial correlations {@code z = tanh(y)} turned into a Cholesky
 * factor row by row, {@code L[i,j] = z[i,j] sqrt(1 - sum_{k<j} L[i,k]^2)}, its diagonal what is left of each unit
 * row; a correlation matrix is {@code L L'}, with its coordinates taken column by column;
 * <li>cholesky_factor_cov: the lower triangle row by row, its diagonal {@code exp(y)};
 * <li>cov_matrix: such a factor, square, times its transpose.
 * </ul>
 */
final class MatrixTransforms {
    private final Lowerer lowerer;
    private final IrVar variable;
    /** The matrix's array index (empty for a single matrix). */
    private final List<IrExpr> arrayIndex;
    /** The unconstrained coordinate at a 0-based position within this matrix's coordinates. */
    private final Function<IrExpr, IrExpr> coordinate;
    private final boolean jacobian;

    MatrixTransforms(Lowerer lowerer, IrVar variable, List<IrExpr> arrayIndex, Function<IrExpr, IrExpr> coordinate,
            boolean jacobian) {
        this.lowerer = lowerer;
        this.variable = variable;
        this.arrayIndex = arrayIndex;
        this.coordinate = coordinate;
        this.jacobian = jacobian;
    }

    /** How many coordinates a K x K correlation matrix or its Cholesky factor has: K (K - 1) / 2. */
    static IrExpr correlationSize(IrExpr k) {
        return Ops.intDivide(Ops.multiply(k, Ops.subtract(k, Ops.integer(1))), Ops.integer(2));
    }

    /** How many coordinates an M x N Cholesky factor of a covariance matrix has: N (N + 1) / 2 + (M - N) N. */
    static IrExpr choleskyCovSize(IrExpr m, IrExpr n) {
        return Ops.add(Ops.intDivide(Ops.multiply(n, Ops.add(n, Ops.integer(1))), Ops.integer(2)),
                Ops.multiply(Ops.subtract(m, n), n));
    }

    /** cholesky_factor_corr[K]: the partial correlations in row-major order of the strict lower triangle. */
    void choleskyFactorCorr(IrExpr k) {
        correlationFactor(k, variable, (i, j) -> Ops.add(Ops.intDivide(Ops.multiply(i, Ops.subtract(i,
                Ops.integer(1))), Ops.integer(2)), j), true);
    }

    /**
     * corr_matrix[K]: the partial correlations in column-major order, the factor kept in a local and multiplied by
     * its transpose; the log-Jacobian is that of the map to the correlation matrix (Lewandowski, Kurowicka and Joe
     * 2009): 0.5 sum over columns c and rows below of (K - c - 2) log(1 - z^2), with 0-based c.
     */
    void corrMatrix(IrExpr k) {
        IrVar factor = lowerer.builder.local("correlation_factor", false, List.of(k, k), BaseType.MATRIX, 0);
        factor.markActive();
        lowerer.add(new IrStmt.Declare(factor));
        // Column j (0-based) starts after sum_{c<j} (K - 1 - c) = j (K - 1) - j (j - 1) / 2 coordinates.
        PositionOf columnMajor = (i, j) -> Ops.add(Ops.subtract(Ops.multiply(j, Ops.subtract(k, Ops.integer(1))),
                Ops.intDivide(Ops.multiply(j, Ops.subtract(j, Ops.integer(1))), Ops.integer(2))),
                Ops.subtract(Ops.subtract(i, j), Ops.integer(1)));
        correlationFactor(k, factor, columnMajor, false);
        if (jacobian) {
            IrVar j = lowerer.builder.counter("j");
            IrVar i = lowerer.builder.counter("i");
            IrExpr jj = Ops.read(j);
            IrExpr ii = Ops.read(i);
            IrExpr weight = Ops.toReal(Ops.subtract(Ops.subtract(k, jj), Ops.integer(2)));
            IrExpr term = Ops.multiply(Ops.multiply(Ops.real(0.5), weight),
                    logOneMinusTanhSquared(coordinate.apply(columnMajor.at(ii, jj))));
            lowerer.add(new IrStmt.For(j, Ops.integer(0), Ops.subtract(k, Ops.integer(3)), List.of(
                    new IrStmt.For(i, Ops.add(jj, Ops.integer(1)), IrBuilder.minusOne(k), List.of(
                            new IrStmt.TargetPlus(term))))));
        }
        selfTranspose(factor, k);
    }

    /** A 0-based coordinate position of the partial correlation of row i and column j (j below i). */
    private interface PositionOf {
        IrExpr at(IrExpr i, IrExpr j);
    }

    /**
     * Writes the Cholesky factor of a K x K correlation matrix into {@code target}; with {@code factorJacobian} the
     * log-Jacobian of the map to the factor: log(1 - z^2) for each tanh, and 0.5 log(1 - sum_{k<j} L[i,k]^2) for
     * each element below the diagonal. Otherwise only the tanh terms, where the caller adds the rest.
     */
    private void correlationFactor(IrExpr k, IrVar target, PositionOf position, boolean factorJacobian) {
        boolean ownVariable = target == variable;
        Function<List<IrExpr>, List<IrExpr>> cell = ownVariable ? this::with : index -> index;
        IrVar left = lowerer.builder.local("left", false, List.of(), BaseType.REAL, 0);
        left.markActive();
        lowerer.add(new IrStmt.Declare(left));
        IrVar i = lowerer.builder.counter("i");
        IrVar j = lowerer.builder.counter("j");
        IrExpr ii = Ops.read(i);
        IrExpr jj = Ops.read(j);
        IrExpr remaining = Ops.read(left);
        IrExpr y = coordinate.apply(position.at(ii, jj));
        IrExpr z = Ops.call(Primitives.TANH, y);
        List<IrStmt> below = new ArrayList<>();
        below.add(new IrStmt.Assign(target, cell.apply(List.of(ii, jj)), Ops.multiply(z,
                Ops.call(Primitives.SQRT, remaining))));
        if (jacobian) {
            IrExpr tanhTerm = logOneMinusTanhSquared(y);
            below.add(new IrStmt.TargetPlus(factorJacobian ? Ops.add(tanhTerm, Ops.multiply(Ops.real(0.5),
                    Ops.call(Primitives.LOG, remaining))) : tanhTerm));
        }
        // 1 - sum of squares so far, as a product of (1 - z^2): it stays positive where a difference could not.
        below.add(new IrStmt.Assign(left, List.of(), Ops.multiply(remaining,
                Ops.subtract(Ops.ONE, Ops.call(Primitives.SQUARE, z)))));
        IrVar above = lowerer.builder.counter("j");
        List<IrStmt> row = List.of(
                new IrStmt.Assign(left, List.of(), Ops.ONE),
                new IrStmt.For(j, Ops.integer(0), Ops.subtract(ii, Ops.integer(1)), below),
                new IrStmt.Assign(target, cell.apply(List.of(ii, ii)), Ops.call(Primitives.SQRT, remaining)),
                new IrStmt.For(above, Ops.add(ii, Ops.integer(1)), IrBuilder.minusOne(k), List.of(
                        new IrStmt.Assign(target, cell.apply(List.of(ii, Ops.read(above))), Ops.ZERO))));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(k), row));
    }

    /** log(1 - tanh(y)^2) = log(sech(y)^2), written so that it stays finite for large |y|. */
    private static IrExpr logOneMinusTanhSquared(IrExpr y) {
        IrExpr a = Ops.call(Primitives.FABS, y);
        return Ops.multiply(Ops.real(2.0), Ops.subtract(Ops.subtract(Ops.real(Math.log(2.0)), a),
                Ops.call(Primitives.LOG1P, Ops.call(Primitives.EXP, Ops.multiply(Ops.real(-2.0), a)))));
    }

    /**
     * cholesky_factor_cov[M, N]: the first N rows' lower triangles row by row, each diagonal element exp of its
     * coordinate (log-Jacobian: the coordinate), then the last M - N rows whole.
     */
    void choleskyFactorCov(IrExpr m, IrExpr n) {
        lowerTriangle(variable, this::with, m, n);
    }

    /**
     * cov_matrix[K]: a Cholesky factor L as for cholesky_factor_cov, times its transpose; the log-Jacobian is
     * K log 2 + sum_k (K - k + 1) log L[k,k] (0-based k), the exp of the diagonal included.
     */
    void covMatrix(IrExpr k) {
        IrVar factor = lowerer.builder.local("covariance_factor", false, List.of(k, k), BaseType.MATRIX, 0);
        factor.markActive();
        lowerer.add(new IrStmt.Declare(factor));
        boolean saved = jacobian;
        new MatrixTransforms(lowerer, factor, List.of(), coordinate, false).lowerTriangle(factor, index -> index, k,
                k);
        if (saved) {
            IrVar d = lowerer.builder.counter("d");
            IrExpr dd = Ops.read(d);
            IrExpr logDiagonal = Ops.call(Primitives.LOG, new IrExpr.Read(factor, List.of(dd, dd)));
            lowerer.add(new IrStmt.TargetPlus(Ops.multiply(Ops.toReal(k), Ops.real(Math.log(2.0)))));
            lowerer.add(new IrStmt.For(d, Ops.integer(0), IrBuilder.minusOne(k), List.of(new IrStmt.TargetPlus(
                    Ops.multiply(Ops.toReal(Ops.add(Ops.subtract(k, dd), Ops.integer(1))), logDiagonal)))));
        }
        selfTranspose(factor, k);
    }

    private void lowerTriangle(IrVar target, Function<List<IrExpr>, List<IrExpr>> cell, IrExpr m, IrExpr n) {
        IrVar i = lowerer.builder.counter("i");
        IrVar j = lowerer.builder.counter("j");
        IrExpr ii = Ops.read(i);
        IrExpr jj = Ops.read(j);
        // Row i (0-based) of the triangle starts after i (i + 1) / 2 coordinates.
        IrExpr rowStart = Ops.intDivide(Ops.multiply(ii, Ops.add(ii, Ops.integer(1))), Ops.integer(2));
        IrExpr diagonal = coordinate.apply(Ops.add(rowStart, ii));
        List<IrStmt> row = new ArrayList<>();
        row.add(new IrStmt.For(j, Ops.integer(0), Ops.subtract(ii, Ops.integer(1)), List.of(
                new IrStmt.Assign(target, cell.apply(List.of(ii, jj)), coordinate.apply(Ops.add(rowStart, jj))))));
        row.add(new IrStmt.Assign(target, cell.apply(List.of(ii, ii)), Ops.call(Primitives.EXP, diagonal)));
        if (jacobian) {
            row.add(new IrStmt.TargetPlus(diagonal));
        }
        IrVar above = lowerer.builder.counter("j");
        row.add(new IrStmt.For(above, Ops.add(ii, Ops.integer(1)), IrBuilder.minusOne(n), List.of(
                new IrStmt.Assign(target, cell.apply(List.of(ii, Ops.read(above))), Ops.ZERO))));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(n), row));
        // Rows N .. M-1 are full: they start after N (N + 1) / 2 coordinates, N per row.
        IrVar r = lowerer.builder.counter("i");
        IrVar c = lowerer.builder.counter("j");
        IrExpr rr = Ops.read(r);
        IrExpr cc = Ops.read(c);
        IrExpr start = Ops.add(Ops.intDivide(Ops.multiply(n, Ops.add(n, Ops.integer(1))), Ops.integer(2)),
                Ops.multiply(Ops.subtract(rr, n), n));
        lowerer.add(new IrStmt.For(r, n, IrBuilder.minusOne(m), List.of(new IrStmt.For(c, Ops.integer(0),
                IrBuilder.minusOne(n), List.of(new IrStmt.Assign(target, cell.apply(List.of(rr, cc)),
                        coordinate.apply(Ops.add(start, cc))))))));
    }

    /** Writes {@code factor * factor'} into the parameter's matrix. */
    private void selfTranspose(IrVar factor, IrExpr k) {
        IrVar i = lowerer.builder.counter("i");
        IrVar j = lowerer.builder.counter("j");
        IrVar s = lowerer.builder.counter("k");
        IrExpr ii = Ops.read(i);
        IrExpr jj = Ops.read(j);
        IrExpr ss = Ops.read(s);
        IrExpr product = new IrExpr.Sum(s, Ops.integer(0), Ops.call(Primitives.INT_MIN, ii, jj), Ops.multiply(
                new IrExpr.Read(factor, List.of(ii, ss)), new IrExpr.Read(factor, List.of(jj, ss))));
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(k), List.of(new IrStmt.For(j,
                Ops.integer(0), IrBuilder.minusOne(k), List.of(new IrStmt.Assign(variable, with(List.of(ii, jj)),
                        product))))));
    }

    private List<IrExpr> with(List<IrExpr> matrixIndex) {
        List<IrExpr> index = new ArrayList<>(arrayIndex);
        index.addAll(matrixIndex);
        return index;
    }
}
