package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * eigenvalues_sym and eigenvectors_sym: the cyclic Jacobi method (Golub and Van Loan, Matrix Computations, 4th ed.,
 * algorithm 8.5.3; elements negligible next to the matrix's norm are zeroed without a rotation) on a detached copy
 * of the matrix, eigenvalues in ascending order as Stan returns them. The decomposition itself is not differentiated:
 * nothing it computes is taped. Its derivative comes from the first-order perturbation of the decomposition, added
 * as terms that are zero in value: with E = A - detach(A), C = V' E V,
 *
 * <pre>
 *   lambda[k] = lambda_hat[k] + C[k, k]
 *   V[:, k]   = V_hat[:, k] + sum over j != k of V_hat[:, j] C[j, k] / (lambda_hat[k] - lambda_hat[j])
 * </pre>
 *
 * whose reverse mode is the standard adjoint of a symmetric eigendecomposition (Giles, "An extended collection of
 * matrix derivative results for forward and reverse mode algorithmic differentiation", 2008, section 3.1), except
 * that a pair of eigenvalues closer than n * eps * max |lambda|, the decomposition's rounding, counts as equal and
 * adds nothing: one over a gap of rounding noise is noise.
 */
final class SymmetricEigen {
    /** Sweeps at most; Jacobi converges quadratically and needs about ten for matrices of a few hundred rows. */
    static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * A decomposition of a variable's value, with the perturbation T (null where the variable is data): valid while
     * statements are added to {@code statements} after {@code from} none of which assigns the variable, so that
     * eigenvalues_sym(A) and eigenvectors_sym(A) decompose A once.
     */
    record Decomposition(List<IrStmt> statements, int from, IrVar values, IrVar vectors, Val perturbation) {
        boolean validFor(Lowerer lowerer, IrVar matrix) {
            return lowerer.builder.current() == statements && statements.subList(from, statements.size()).stream()
                    .noneMatch(s -> assigns(s, matrix));
        }
    }

    private static boolean assigns(IrStmt s, IrVar v) {
        if (s instanceof IrStmt.Assign a) {
            return a.variable() == v;
        }
        if (s instanceof IrStmt.For f) {
            return f.body().stream().anyMatch(b -> assigns(b, v));
        }
        if (s instanceof IrStmt.While w) {
            return w.body().stream().anyMatch(b -> assigns(b, v));
        }
        if (s instanceof IrStmt.If i) {
            return i.then().stream().anyMatch(b -> assigns(b, v))
                    || i.otherwise().stream().anyMatch(b -> assigns(b, v));
        }
        return false;
    }

    static Val call(Lowerer lowerer, String name, Val argument, SourcePos pos) {
        Val a = MatrixFunctions.squareMatrix(lowerer, argument, name, pos);
        IrExpr n = a.dims().get(0);
        IrVar matrix = a instanceof Val.VariableVal ? a.variable() : null;
        Decomposition done = matrix == null ? null : lowerer.eigendecompositions.get(matrix);
        if (done == null || !done.validFor(lowerer, matrix)) {
            MatrixFunctions.requireSymmetric(lowerer, a, name);
            lowerer.requireDataSized(List.of(n, n), name + "'s workspace", pos);
            IrVar[] decomposition = decompose(lowerer, a, n, pos);
            Val t = a.isActive() ? perturbation(lowerer, a, n, decomposition[1], pos) : null;
            done = new Decomposition(lowerer.builder.current(), lowerer.builder.current().size(), decomposition[0],
                    decomposition[1], t);
            if (matrix != null) {
                lowerer.eigendecompositions.put(matrix, done);
            }
        }
        IrVar values = done.values();
        IrVar vectors = done.vectors();
        Val t = done.perturbation();
        boolean wantValues = name.equals("eigenvalues_sym");
        if (t == null) {
            return wantValues ? Val.of(values, StanType.VECTOR) : Val.of(vectors, StanType.MATRIX);
        }
        if (wantValues) {
            Val lambda = new LinearAlgebra.Computed(StanType.VECTOR, List.of(n), List.of(t), index -> Ops.add(
                    new IrExpr.Read(values, index), projection(lowerer, vectors, t, n, index.get(0), index.get(0))));
            return lowerer.materialize(lambda, name, pos);
        }
        Val c = lowerer.materialize(new LinearAlgebra.Computed(StanType.MATRIX, List.of(n, n), List.of(t),
                index -> projection(lowerer, vectors, t, n, index.get(0), index.get(1))), "eigen_rotation", pos);
        IrVar m = lowerer.builder.counter("m");
        Val noise = lowerer.cheap(Val.of(Ops.multiply(Ops.multiply(Ops.real(Math.ulp(1.0)), Ops.toReal(n)),
                new IrExpr.Extreme(m, Ops.integer(0), IrBuilder.minusOne(n), Ops.call(Primitives.FABS,
                        new IrExpr.Read(values, List.of(Ops.read(m)))), false, true))), "eigen_noise", pos);
        Val v = new LinearAlgebra.Computed(StanType.MATRIX, List.of(n, n), List.of(c), index -> {
            IrVar j = lowerer.builder.counter("j");
            IrExpr jj = Ops.read(j);
            IrExpr k = index.get(1);
            IrExpr gap = Ops.subtract(new IrExpr.Read(values, List.of(k)), new IrExpr.Read(values, List.of(jj)));
            // 1 / (lambda_hat[k] - lambda_hat[j]) off the diagonal; zero for equal eigenvalues, whose vectors any
            // rotation between them leaves valid.
            IrExpr weight = new IrExpr.Conditional(Ops.call(Primitives.GREATER, Ops.call(Primitives.FABS, gap),
                    noise.scalar()),
                    Ops.divide(Ops.ONE, gap), Ops.ZERO);
            IrExpr term = Ops.multiply(Ops.multiply(new IrExpr.Read(vectors, List.of(index.get(0), jj)), weight),
                    c.at(List.of(jj, k)));
            return Ops.add(new IrExpr.Read(vectors, index), LinearAlgebra.sum(j, n, term));
        });
        return lowerer.materialize(v, name, pos);
    }

    /** T = E V_hat, where E = A - detach(A) is zero in value and carries A's derivative. */
    private static Val perturbation(Lowerer lowerer, Val a, IrExpr n, IrVar vectors, SourcePos pos) {
        return lowerer.materialize(new LinearAlgebra.Computed(StanType.MATRIX, List.of(n, n), List.of(a), index -> {
            IrVar j = lowerer.builder.counter("j");
            IrExpr jj = Ops.read(j);
            IrExpr element = a.at(List.of(index.get(0), jj));
            return LinearAlgebra.sum(j, n, Ops.multiply(Ops.subtract(element, Ops.call(Primitives.DETACH, element)),
                    new IrExpr.Read(vectors, List.of(jj, index.get(1)))));
        }), "eigen_perturbation", pos);
    }

    /** Element (j, k) of V_hat' T. */
    private static IrExpr projection(Lowerer lowerer, IrVar vectors, Val t, IrExpr n, IrExpr j, IrExpr k) {
        IrVar i = lowerer.builder.counter("i");
        IrExpr ii = Ops.read(i);
        return LinearAlgebra.sum(i, n, Ops.multiply(new IrExpr.Read(vectors, List.of(ii, j)), t.at(List.of(ii, k))));
    }

    /**
     * The eigenvalues (a vector, ascending) and eigenvectors (a matrix, one per column in the same order) of
     * {@code a}'s values, neither depending on the parameters.
     */
    private static IrVar[] decompose(Lowerer lowerer, Val a, IrExpr n, SourcePos pos) {
        List<IrExpr> square = List.of(n, n);
        IrVar w = MatrixFunctions.scratch(lowerer, "jacobi_matrix", false, square, BaseType.MATRIX, 0);
        IrVar q = MatrixFunctions.scratch(lowerer, "jacobi_vectors", false, square, BaseType.MATRIX, 0);
        IrVar cosine = MatrixFunctions.scratch(lowerer, "jacobi_cos", false, List.of(), BaseType.REAL, 0);
        IrVar sine = MatrixFunctions.scratch(lowerer, "jacobi_sin", false, List.of(), BaseType.REAL, 0);
        IrVar x = MatrixFunctions.scratch(lowerer, "jacobi_x", false, List.of(), BaseType.REAL, 0);
        IrVar y = MatrixFunctions.scratch(lowerer, "jacobi_y", false, List.of(), BaseType.REAL, 0);
        lowerer.builder.forEachIndex(square, index -> {
            lowerer.add(new IrStmt.Assign(w, index, Ops.call(Primitives.DETACH, a.at(index))));
            lowerer.add(new IrStmt.Assign(q, index, new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL,
                    index.get(0), index.get(1)), Ops.ONE, Ops.ZERO)));
        });
        // The matrix's Frobenius norm: an element that adds nothing to it in this precision is negligible.
        IrVar si = lowerer.builder.counter("i");
        IrVar sj = lowerer.builder.counter("j");
        IrVar scale = MatrixFunctions.scratch(lowerer, "jacobi_scale", false, List.of(), BaseType.REAL, 0);
        lowerer.add(new IrStmt.Assign(scale, List.of(), Ops.call(Primitives.SQRT, new IrExpr.Sum(si, Ops.integer(0),
                IrBuilder.minusOne(n), new IrExpr.Sum(sj, Ops.integer(0), IrBuilder.minusOne(n),
                        Ops.call(Primitives.SQUARE, new IrExpr.Read(w, List.of(Ops.read(si), Ops.read(sj)))))))));
        IrVar p = lowerer.builder.counter("p");
        IrVar r = lowerer.builder.counter("q");
        IrExpr pp = Ops.read(p);
        IrExpr rr = Ops.read(r);
        IrExpr apq = new IrExpr.Read(w, List.of(pp, rr));
        IrExpr app = new IrExpr.Read(w, List.of(pp, pp));
        IrExpr aqq = new IrExpr.Read(w, List.of(rr, rr));
        // Negligible next to the matrix's norm in this precision (float64 or float32 alike): set to zero without a
        // rotation. Eigenvalues are then accurate to machine epsilon times the norm, as LAPACK's; a test relative to
        // the diagonal elements instead never ends for a nearly singular matrix, whose rotations keep refilling the
        // elements between its smallest eigenvalues with rounding.
        IrExpr scaleValue = Ops.read(scale);
        IrExpr negligible = Ops.call(Primitives.EQUAL, Ops.add(scaleValue, Ops.call(Primitives.FABS, apq)), scaleValue);
        // tan of the angle that zeroes w[p, q]: the smaller root of t^2 + 2 theta t - 1 = 0.
        IrExpr theta = Ops.divide(Ops.subtract(aqq, app), Ops.multiply(Ops.real(2.0), apq));
        IrExpr sign = new IrExpr.Conditional(Ops.call(Primitives.GREATER_EQUAL, theta, Ops.ZERO), Ops.ONE,
                Ops.real(-1.0));
        IrExpr tangent = Ops.divide(sign, Ops.add(Ops.call(Primitives.FABS, theta),
                Ops.call(Primitives.SQRT, Ops.add(Ops.call(Primitives.SQUARE, theta), Ops.ONE))));
        // A negligible element gets the identity (tangent 0), then is zeroed like the rotated ones.
        IrExpr t = Ops.read(y);
        IrExpr cos = Ops.call(Primitives.INV_SQRT, Ops.add(Ops.call(Primitives.SQUARE, t), Ops.ONE));
        List<IrStmt> rotation = List.of(
                new IrStmt.Assign(y, List.of(), new IrExpr.Conditional(negligible, Ops.ZERO, tangent)),
                new IrStmt.Assign(cosine, List.of(), cos),
                new IrStmt.Assign(sine, List.of(), Ops.multiply(t, Ops.read(cosine))),
                rotate(lowerer, w, n, x, y, cosine, sine, pp, rr, true),
                rotate(lowerer, w, n, x, y, cosine, sine, pp, rr, false),
                new IrStmt.Assign(w, List.of(pp, rr), Ops.ZERO),
                new IrStmt.Assign(w, List.of(rr, pp), Ops.ZERO),
                rotate(lowerer, q, n, x, y, cosine, sine, pp, rr, true));
        IrStmt pairs = new IrStmt.For(p, Ops.integer(0), Ops.subtract(n, Ops.integer(2)), List.of(
                new IrStmt.For(r, Ops.add(pp, Ops.integer(1)), IrBuilder.minusOne(n), rotation)));
        IrVar i = lowerer.builder.counter("i");
        IrVar j = lowerer.builder.counter("j");
        IrExpr ii = Ops.read(i);
        IrExpr jj = Ops.read(j);
        IrExpr offDiagonal = new IrExpr.Sum(i, Ops.integer(0), IrBuilder.minusOne(n), new IrExpr.Sum(j,
                Ops.integer(0), IrBuilder.minusOne(n), new IrExpr.Conditional(Ops.call(Primitives.INT_EQUAL, ii, jj),
                        Ops.ZERO, Ops.call(Primitives.SQUARE, new IrExpr.Read(w, List.of(ii, jj))))));
        IrVar sweep = lowerer.builder.counter("sweep");
        lowerer.add(new IrStmt.For(sweep, Ops.integer(0), Ops.integer(MAX_SWEEPS - 1), List.of(new IrStmt.If(
                Ops.call(Primitives.GREATER, offDiagonal, Ops.ZERO), List.of(pairs), List.of()))));
        Val diagonal = new LinearAlgebra.Computed(StanType.VECTOR, List.of(n), List.of(),
                index -> new IrExpr.Read(w, List.of(index.get(0), index.get(0))));
        IrVar order = MatrixFunctions.untaped(Sorting.order(lowerer, diagonal, false, "eigen", pos));
        IrVar values = lowerer.builder.local("eigenvalues", false, List.of(n), BaseType.VECTOR, 0);
        IrVar vectors = lowerer.builder.local("eigenvectors", false, square, BaseType.MATRIX, 0);
        lowerer.add(new IrStmt.Declare(values));
        lowerer.add(new IrStmt.Declare(vectors));
        lowerer.builder.forEachIndex(List.of(n), index -> {
            IrExpr from = new IrExpr.Read(order, index);
            lowerer.add(new IrStmt.Assign(values, index, new IrExpr.Read(w, List.of(from, from))));
        });
        lowerer.builder.forEachIndex(square, index -> lowerer.add(new IrStmt.Assign(vectors, index,
                new IrExpr.Read(q, List.of(index.get(0), new IrExpr.Read(order, List.of(index.get(1))))))));
        return new IrVar[] {values, vectors};
    }

    /**
     * Applies the rotation in the (p, q) plane to columns p and q of {@code m} ({@code columns}), or to its rows p
     * and q: (x, y) becomes (c x - s y, s x + c y).
     */
    private static IrStmt rotate(Lowerer lowerer, IrVar m, IrExpr n, IrVar x, IrVar y, IrVar cosine, IrVar sine,
            IrExpr p, IrExpr q, boolean columns) {
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        List<IrExpr> first = columns ? List.of(kk, p) : List.of(p, kk);
        List<IrExpr> second = columns ? List.of(kk, q) : List.of(q, kk);
        IrExpr c = Ops.read(cosine);
        IrExpr s = Ops.read(sine);
        IrExpr xx = Ops.read(x);
        IrExpr yy = Ops.read(y);
        return new IrStmt.For(k, Ops.integer(0), IrBuilder.minusOne(n), List.of(
                new IrStmt.Assign(x, List.of(), new IrExpr.Read(m, first)),
                new IrStmt.Assign(y, List.of(), new IrExpr.Read(m, second)),
                new IrStmt.Assign(m, first, Ops.subtract(Ops.multiply(c, xx), Ops.multiply(s, yy))),
                new IrStmt.Assign(m, second, Ops.add(Ops.multiply(s, xx), Ops.multiply(c, yy)))));
    }
}
