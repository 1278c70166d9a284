package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Quadratic forms, triangular solves, sorting and ranks, and the symmetric eigendecomposition: functions whose
 * result is computed into a variable with loops, so that reverse mode differentiates them like the rest.
 */
final class MatrixFunctions {
    /** Stan's tolerance for a symmetric matrix: |a[i, j] - a[j, i]| at most this. */
    static final double SYMMETRY_TOLERANCE = 1e-8;

    private MatrixFunctions() {
    }

    /** The function's value, or null when {@code name} is not one of these. */
    static Val call(Lowerer lowerer, String name, List<Val> args, SourcePos pos) {
        switch (name + "/" + args.size()) {
            case "quad_form/2":
            case "quad_form_sym/2":
                return quadForm(lowerer, args.get(0), args.get(1), name.endsWith("sym"), name, pos);
            case "mdivide_left_tri_low/2":
                return solveLower(lowerer, args.get(0), args.get(1), pos);
            case "mdivide_right_tri_low/2":
                return solveLowerFromRight(lowerer, args.get(0), args.get(1), pos);
            case "sort_asc/1":
            case "sort_desc/1":
            case "sort_indices_asc/1":
            case "sort_indices_desc/1":
            case "rank/2":
                return Sorting.call(lowerer, name, args, pos);
            case "eigenvalues_sym/1":
            case "eigenvectors_sym/1":
                return SymmetricEigen.call(lowerer, name, args.get(0), pos);
            default:
                return null;
        }
    }

    /** A square matrix argument, cheap to read; refused in one line when it is not a matrix. */
    static Val squareMatrix(Lowerer lowerer, Val m, String name, SourcePos pos) {
        if (!m.type.equals(StanType.MATRIX)) {
            throw lowerer.error(pos, name + " needs a matrix, found " + m.type);
        }
        Val square = lowerer.cheap(m, name + "_argument", pos);
        lowerer.checkSameSize(square.dims().get(0), square.dims().get(1), name + " of a non-square matrix at " + pos);
        return square;
    }

    /** Rejects the point unless {@code m} is symmetric to Stan's tolerance (a NaN is not). */
    static void requireSymmetric(Lowerer lowerer, Val m, String name) {
        IrExpr n = m.dims().get(0);
        IrVar i = lowerer.builder.counter("i");
        IrVar j = lowerer.builder.counter("j");
        IrExpr ii = Ops.read(i);
        IrExpr jj = Ops.read(j);
        IrExpr close = Ops.call(Primitives.LESS_EQUAL, Ops.call(Primitives.FABS,
                Ops.call(Primitives.DETACH, Ops.subtract(m.at(List.of(ii, jj)), m.at(List.of(jj, ii))))),
                Ops.real(SYMMETRY_TOLERANCE));
        IrExpr asymmetric = new IrExpr.Sum(i, Ops.integer(0), IrBuilder.minusOne(n), new IrExpr.Sum(j,
                Ops.integer(0), IrBuilder.minusOne(n), Ops.call(Primitives.NOT, close)));
        lowerer.add(new IrStmt.If(Ops.call(Primitives.INT_GREATER, asymmetric, Ops.integer(0)),
                List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(name + ": the matrix is not symmetric"))),
                List.of()));
    }

    /**
     * quad_form(A, B) = B' A B (a real when B is a vector); quad_form_sym also checks that A is symmetric and
     * returns (B' A B + (B' A B)') / 2, which is exactly symmetric.
     */
    private static Val quadForm(Lowerer lowerer, Val a, Val b, boolean symmetric, String name, SourcePos pos) {
        Val square = squareMatrix(lowerer, a, name, pos);
        if (!(b.type.equals(StanType.MATRIX) || b.type.equals(StanType.VECTOR))) {
            throw lowerer.error(pos, name + " needs a matrix or a vector on the right, found " + b.type);
        }
        if (symmetric) {
            requireSymmetric(lowerer, square, name);
        }
        Val right = lowerer.cheap(b, name + "_right", pos);
        Val product = lowerer.cheap(LinearAlgebra.product(lowerer, square, right, pos), name + "_product", pos);
        IrExpr inner = right.dims().get(0);
        if (right.type.equals(StanType.VECTOR)) {
            IrVar k = lowerer.builder.counter("k");
            IrExpr kk = Ops.read(k);
            return Val.of(LinearAlgebra.sum(k, inner, Ops.multiply(right.at(List.of(kk)), product.at(List.of(kk)))));
        }
        IrExpr cols = right.dims().get(1);
        Val lazy = new LinearAlgebra.Computed(StanType.MATRIX, List.of(cols, cols), List.of(right, product),
                index -> {
                    IrExpr element = element(lowerer, right, product, inner, index.get(0), index.get(1));
                    if (!symmetric) {
                        return element;
                    }
                    IrExpr mirrored = element(lowerer, right, product, inner, index.get(1), index.get(0));
                    return Ops.multiply(Ops.real(0.5), Ops.add(element, mirrored));
                });
        return lowerer.materialize(lazy, name, pos);
    }

    /** Element (i, j) of B' P: the sum over k of B[k, i] P[k, j]. */
    private static IrExpr element(Lowerer lowerer, Val b, Val p, IrExpr inner, IrExpr i, IrExpr j) {
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        return LinearAlgebra.sum(k, inner, Ops.multiply(b.at(List.of(kk, i)), p.at(List.of(kk, j))));
    }

    /**
     * mdivide_left_tri_low(L, B): the solution X of L X = B by forward substitution, reading only L's lower
     * triangle; B a vector or a matrix.
     */
    private static Val solveLower(Lowerer lowerer, Val l, Val b, SourcePos pos) {
        String name = "mdivide_left_tri_low";
        Val factor = squareMatrix(lowerer, l, name, pos);
        if (!(b.type.equals(StanType.MATRIX) || b.type.equals(StanType.VECTOR))) {
            throw lowerer.error(pos, name + " needs a vector or a matrix on the right, found " + b.type);
        }
        Val right = lowerer.cheap(b, name + "_right", pos);
        IrExpr n = factor.dims().get(0);
        lowerer.checkSameSize(n, right.dims().get(0), name + " at " + pos);
        boolean vector = right.type.equals(StanType.VECTOR);
        IrExpr cols = vector ? Ops.integer(1) : right.dims().get(1);
        IrVar x = solution(lowerer, right, factor, name, pos);
        IrVar c = lowerer.builder.counter("c");
        IrVar i = lowerer.builder.counter("i");
        IrVar k = lowerer.builder.counter("k");
        IrExpr cc = Ops.read(c);
        IrExpr ii = Ops.read(i);
        IrExpr kk = Ops.read(k);
        // x[i] = (b[i] - sum over k < i of L[i, k] x[k]) / L[i, i]
        IrExpr earlier = new IrExpr.Sum(k, Ops.integer(0), Ops.subtract(ii, Ops.integer(1)), Ops.multiply(
                factor.at(List.of(ii, kk)), new IrExpr.Read(x, vector ? List.of(kk) : List.of(kk, cc))));
        IrExpr value = Ops.divide(Ops.subtract(right.at(vector ? List.of(ii) : List.of(ii, cc)), earlier),
                factor.at(List.of(ii, ii)));
        lowerer.add(new IrStmt.For(c, Ops.integer(0), IrBuilder.minusOne(cols), List.of(new IrStmt.For(i,
                Ops.integer(0), IrBuilder.minusOne(n), List.of(new IrStmt.Assign(x, vector ? List.of(ii)
                        : List.of(ii, cc), value))))));
        return Val.of(x, right.type);
    }

    /**
     * mdivide_right_tri_low(B, L): the solution X of X L = B by back substitution along each row, reading only L's
     * lower triangle; B a row_vector or a matrix.
     */
    private static Val solveLowerFromRight(Lowerer lowerer, Val b, Val l, SourcePos pos) {
        String name = "mdivide_right_tri_low";
        Val factor = squareMatrix(lowerer, l, name, pos);
        if (!(b.type.equals(StanType.MATRIX) || b.type.equals(StanType.ROW_VECTOR))) {
            throw lowerer.error(pos, name + " needs a row_vector or a matrix on the left, found " + b.type);
        }
        Val left = lowerer.cheap(b, name + "_left", pos);
        boolean row = left.type.equals(StanType.ROW_VECTOR);
        IrExpr n = factor.dims().get(0);
        IrExpr rows = row ? Ops.integer(1) : left.dims().get(0);
        lowerer.checkSameSize(n, left.dims().get(row ? 0 : 1), name + " at " + pos);
        IrVar x = solution(lowerer, left, factor, name, pos);
        IrVar r = lowerer.builder.counter("r");
        IrVar t = lowerer.builder.counter("t");
        IrVar k = lowerer.builder.counter("k");
        IrExpr rr = Ops.read(r);
        IrExpr jj = Ops.subtract(IrBuilder.minusOne(n), Ops.read(t));
        IrExpr kk = Ops.read(k);
        // x[j] = (b[j] - sum over k > j of x[k] L[k, j]) / L[j, j], for j from the last column down
        IrExpr later = new IrExpr.Sum(k, Ops.add(jj, Ops.integer(1)), IrBuilder.minusOne(n), Ops.multiply(
                new IrExpr.Read(x, row ? List.of(kk) : List.of(rr, kk)), factor.at(List.of(kk, jj))));
        IrExpr value = Ops.divide(Ops.subtract(left.at(row ? List.of(jj) : List.of(rr, jj)), later),
                factor.at(List.of(jj, jj)));
        lowerer.add(new IrStmt.For(r, Ops.integer(0), IrBuilder.minusOne(rows), List.of(new IrStmt.For(t,
                Ops.integer(0), IrBuilder.minusOne(n), List.of(new IrStmt.Assign(x, row ? List.of(jj)
                        : List.of(rr, jj), value))))));
        return Val.of(x, left.type);
    }

    /** A fresh variable of {@code shape}'s type and sizes for a solve's result. */
    private static IrVar solution(Lowerer lowerer, Val shape, Val factor, String name, SourcePos pos) {
        lowerer.requireDataSized(shape.dims(), name + "'s result", pos);
        IrVar x = lowerer.builder.local(name, false, shape.dims(), shape.type.base(), 0);
        if (shape.isActive() || factor.isActive()) {
            x.markActive();
        }
        lowerer.add(new IrStmt.Declare(x));
        return x;
    }

    /** Marks a variable of a detached computation: nothing reads its intermediate values in the reverse sweep. */
    static IrVar untaped(IrVar v) {
        v.markWrittenOnce();
        return v;
    }

    static IrVar scratch(Lowerer lowerer, String hint, boolean integer, List<IrExpr> dims, BaseType base,
            int arrayDims) {
        IrVar v = untaped(lowerer.builder.local(hint, integer, dims, base, arrayDims));
        lowerer.add(new IrStmt.Declare(v));
        return v;
    }
}
