package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.Declaration;
import manynuts.models.stan.syntax.Expr;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * One parameter's constraining transform (Stan Reference Manual, "Constraint transforms"): from its unconstrained
 * coordinates to its value, and where the log density is computed, the log absolute Jacobian determinant added to
 * the target, so that the density of the unconstrained coordinates equals Stan's up to a constant.
 */
final class ParameterTransform {
    private final Lowerer lowerer;
    private final Expressions expressions;
    private final Declaration declaration;
    private final IrVar variable;
    private final IrExpr offset;
    private final IrExpr unconstrainedSize;
    /** Array dims, then the vector's size K (for the vector kinds). */
    private final List<IrExpr> arrayDims;
    private final IrExpr vectorSize;

    private ParameterTransform(Lowerer lowerer, Expressions expressions, Declaration declaration, IrVar variable,
            IrExpr offset, List<IrExpr> arrayDims, IrExpr vectorSize, IrExpr unconstrainedSize) {
        this.lowerer = lowerer;
        this.expressions = expressions;
        this.declaration = declaration;
        this.variable = variable;
        this.offset = offset;
        this.arrayDims = arrayDims;
        this.vectorSize = vectorSize;
        this.unconstrainedSize = unconstrainedSize;
    }

    /**
     * Declares the parameter (its symbol and variable) and works out its unconstrained size. A parameter without
     * constraint is its unconstrained coordinates: its name reads them directly (through {@code unconstrained},
     * made once every parameter's size is known), and its variable is written only for the outputs.
     */
    static ParameterTransform declare(Lowerer lowerer, Expressions expressions, Declaration d, IrExpr offset,
            Supplier<IrVar> point) {
        List<IrExpr> dims = new ArrayList<>();
        List<IrExpr> arrayDims = new ArrayList<>();
        for (Expr size : d.arrayDims()) {
            IrExpr e = expressions.lowerInt(size, "an array size");
            dims.add(e);
            arrayDims.add(e);
        }
        List<IrExpr> sizes = new ArrayList<>();
        for (Expr size : d.sizes()) {
            sizes.add(expressions.lowerInt(size, "a size"));
        }
        dims.addAll(sizes);
        if (d.base() == BaseType.MATRIX && sizes.size() == 1) {
            dims.add(sizes.get(0));
        }
        if (!IrBuilder.dataSized(dims)) {
            throw lowerer.error(d.pos(), "the size of parameter " + d.name() + " must be known from the data alone");
        }
        IrExpr count = Ops.product(arrayDims);
        IrExpr vectorSize = sizes.isEmpty() ? null : sizes.get(0);
        IrExpr unconstrained = switch (d.kind()) {
            case PLAIN, ORDERED, POSITIVE_ORDERED, UNIT_VECTOR -> Ops.product(dims);
            case SIMPLEX, SUM_TO_ZERO_VECTOR -> Ops.multiply(count, Ops.subtract(vectorSize, Ops.integer(1)));
            case CHOLESKY_FACTOR_CORR, CORR_MATRIX -> Ops.multiply(count, MatrixTransforms.correlationSize(vectorSize));
            case COV_MATRIX -> Ops.multiply(count, Ops.add(vectorSize, MatrixTransforms.correlationSize(vectorSize)));
            case CHOLESKY_FACTOR_COV -> Ops.multiply(count, MatrixTransforms.choleskyCovSize(dims.get(dims.size() - 2),
                    dims.get(dims.size() - 1)));
        };
        if (d.base() == BaseType.INT) {
            throw lowerer.error(d.pos(), "parameters cannot be ints");
        }
        StanType type = new StanType(d.base(), d.arrayDims().size());
        IrVar v = new IrVar(lowerer.names.fresh(d.name()), d.name(), IrVar.Role.PARAMETER, false, dims, d.base(),
                d.arrayDims().size());
        if (d.kind() == Declaration.Kind.PLAIN) {
            // Each element is written once per evaluation by its transform, before anything reads it.
            v.markWrittenOnce();
        }
        Val value = isIdentity(d) ? new UnconstrainedView(type, dims, offset, point) : Val.of(v, type);
        lowerer.declareGlobal(new Symbol(d.name(), value, Symbol.Origin.PARAMETER, v), d.pos());
        return new ParameterTransform(lowerer, expressions, d, v, offset, arrayDims, vectorSize, unconstrained);
    }

    IrVar variable() {
        return variable;
    }

    private static boolean isIdentity(Declaration d) {
        return d.kind() == Declaration.Kind.PLAIN && d.bounds().isEmpty();
    }

    /** An unconstrained parameter read straight from the unconstrained coordinates, row-major. */
    private static final class UnconstrainedView extends Val {
        private final List<IrExpr> dims;
        private final IrExpr offset;
        private final Supplier<IrVar> unconstrained;

        UnconstrainedView(StanType type, List<IrExpr> dims, IrExpr offset, Supplier<IrVar> unconstrained) {
            super(type);
            this.dims = List.copyOf(dims);
            this.offset = offset;
            this.unconstrained = unconstrained;
        }

        List<IrExpr> dims() {
            return dims;
        }

        IrExpr at(List<IrExpr> index) {
            return new IrExpr.Read(unconstrained.get(), List.of(Ops.add(offset, Ops.flat(index, dims))));
        }

        boolean isActive() {
            return true;
        }

        boolean reads(IrVar v) {
            return v == unconstrained.get();
        }
    }

    IrExpr offset() {
        return offset;
    }

    IrExpr unconstrainedSize() {
        return unconstrainedSize;
    }

    /** The constraint, as a user reads it in {@code check}'s output. */
    String describe() {
        Declaration.Bounds b = declaration.bounds();
        if (declaration.kind() != Declaration.Kind.PLAIN) {
            return declaration.kind().stanName();
        }
        if (b.lower() != null && b.upper() != null) {
            return "lower and upper bounds";
        }
        if (b.lower() != null) {
            return "lower bound";
        }
        if (b.upper() != null) {
            return "upper bound";
        }
        if (b.offset() != null || b.multiplier() != null) {
            return "offset/multiplier";
        }
        return "none";
    }

    /** Emits the transform into the current builder; with {@code jacobian} the log-Jacobian terms too. */
    void emit(IrVar unconstrained, boolean jacobian) {
        if (jacobian && isIdentity(declaration)) {
            // The density reads the coordinates themselves; only the outputs need the variable.
            return;
        }
        lowerer.add(new IrStmt.Declare(variable));
        switch (declaration.kind()) {
            case PLAIN -> bounded(unconstrained, jacobian);
            case ORDERED, POSITIVE_ORDERED -> perVector(index -> ordered(unconstrained, index,
                    declaration.kind() == Declaration.Kind.POSITIVE_ORDERED, jacobian));
            case SIMPLEX -> perVector(index -> simplex(unconstrained, index, jacobian));
            case UNIT_VECTOR -> perVector(index -> unitVector(unconstrained, index, jacobian));
            case SUM_TO_ZERO_VECTOR -> perVector(index -> sumToZero(unconstrained, index));
            case CHOLESKY_FACTOR_CORR, CORR_MATRIX, COV_MATRIX, CHOLESKY_FACTOR_COV -> perVector(index ->
                    matrix(unconstrained, index, jacobian));
        }
    }

    /** One matrix of a matrix-constrained parameter, its coordinates after those of the matrices before it. */
    private void matrix(IrVar unconstrained, List<IrExpr> arrayIndex, boolean jacobian) {
        List<IrExpr> dims = variable.dims();
        IrExpr rows = dims.get(dims.size() - 2);
        IrExpr cols = dims.get(dims.size() - 1);
        IrExpr each = Ops.intDivide(unconstrainedSize, Ops.product(arrayDims));
        IrExpr start = Ops.multiply(Ops.flat(arrayIndex, arrayDims), each);
        MatrixTransforms transforms = new MatrixTransforms(lowerer, variable, arrayIndex,
                position -> coordinate(unconstrained, Ops.add(start, position)), jacobian);
        switch (declaration.kind()) {
            case CHOLESKY_FACTOR_CORR -> transforms.choleskyFactorCorr(rows);
            case CORR_MATRIX -> transforms.corrMatrix(rows);
            case COV_MATRIX -> transforms.covMatrix(rows);
            default -> transforms.choleskyFactorCov(rows, cols);
        }
    }

    /**
     * unit_vector: x = y / |y|. The density of y is Stan's times exp(-|y|^2 / 2), which keeps |y| away from zero
     * and infinity; the direction's density is unchanged.
     */
    private void unitVector(IrVar unconstrained, List<IrExpr> arrayIndex, boolean jacobian) {
        IrExpr start = Ops.multiply(Ops.flat(arrayIndex, arrayDims), vectorSize);
        IrVar norm = lowerer.builder.local("squared_norm", false, List.of(), BaseType.REAL, 0);
        norm.markActive();
        lowerer.add(new IrStmt.Declare(norm));
        IrVar k = lowerer.builder.counter("k");
        lowerer.add(new IrStmt.Assign(norm, List.of(), LinearAlgebra.sum(k, vectorSize, Ops.call(Primitives.SQUARE,
                coordinate(unconstrained, Ops.add(start, Ops.read(k)))))));
        IrExpr squared = Ops.read(norm);
        lowerer.add(new IrStmt.If(Ops.call(Primitives.LESS_EQUAL, squared, Ops.ZERO), List.of(new IrStmt.Fail(
                IrStmt.Fail.Kind.REJECT, List.of(declaration.name() + ": a unit_vector's coordinates are all zero"))),
                List.of()));
        if (jacobian) {
            lowerer.add(new IrStmt.TargetPlus(Ops.multiply(Ops.real(-0.5), squared)));
        }
        IrVar i = lowerer.builder.counter("k");
        IrExpr ii = Ops.read(i);
        lowerer.add(new IrStmt.For(i, Ops.integer(0), IrBuilder.minusOne(vectorSize), List.of(new IrStmt.Assign(
                variable, with(arrayIndex, ii), Ops.divide(coordinate(unconstrained, Ops.add(start, ii)),
                        Ops.call(Primitives.SQRT, squared))))));
    }

    /**
     * sum_to_zero_vector: K - 1 coordinates y on an orthonormal basis of the vectors summing to zero, the Helmert
     * basis h_i = (1, ..., 1, -i, 0, ...) / sqrt(i (i + 1)) with i ones (1-based i). With w_i = y_i / sqrt(i (i + 1)),
     * x_j = sum_{i >= j} w_i - (j - 1) w_{j-1}, built from the last element down; a linear map, so its log-Jacobian
     * is a constant and nothing is added.
     */
    private void sumToZero(IrVar unconstrained, List<IrExpr> arrayIndex) {
        IrExpr start = Ops.multiply(Ops.flat(arrayIndex, arrayDims), Ops.subtract(vectorSize, Ops.integer(1)));
        IrVar tail = lowerer.builder.local("tail_sum", false, List.of(), BaseType.REAL, 0);
        tail.markActive();
        lowerer.add(new IrStmt.Declare(tail));
        lowerer.add(new IrStmt.Assign(tail, List.of(), Ops.ZERO));
        IrVar t = lowerer.builder.counter("t");
        IrExpr tt = Ops.read(t);
        // 1-based j = K - t runs from K down to 2; w_{j-1} reads coordinate j - 2 (0-based) = K - t - 2.
        IrExpr j = Ops.subtract(vectorSize, tt);
        IrExpr i = Ops.toReal(Ops.subtract(j, Ops.integer(1)));
        IrExpr w = Ops.divide(coordinate(unconstrained, Ops.add(start, Ops.subtract(j, Ops.integer(2)))),
                Ops.call(Primitives.SQRT, Ops.multiply(i, Ops.add(i, Ops.ONE))));
        IrExpr sum = Ops.read(tail);
        lowerer.add(new IrStmt.For(t, Ops.integer(0), Ops.subtract(vectorSize, Ops.integer(2)), List.of(
                new IrStmt.Assign(variable, with(arrayIndex, Ops.subtract(j, Ops.integer(1))),
                        Ops.subtract(sum, Ops.multiply(i, w))),
                new IrStmt.Assign(tail, List.of(), Ops.add(sum, w)))));
        lowerer.add(new IrStmt.If(Ops.call(Primitives.INT_GREATER, vectorSize, Ops.integer(0)), List.of(
                new IrStmt.Assign(variable, with(arrayIndex, Ops.integer(0)), sum)), List.of()));
    }

    private IrExpr coordinate(IrVar unconstrained, IrExpr position) {
        return new IrExpr.Read(unconstrained, List.of(Ops.add(offset, position)));
    }

    private void bounded(IrVar unconstrained, boolean jacobian) {
        if (jacobian && isIdentity(declaration)) {
            // The density reads the coordinates themselves; only the outputs need the variable.
            return;
        }
        Declaration.Bounds b = declaration.bounds();
        Val lower = b.lower() == null ? null : expressions.lower(b.lower());
        Val upper = b.upper() == null ? null : expressions.lower(b.upper());
        Val shift = b.offset() == null ? null : expressions.lower(b.offset());
        Val scale = b.multiplier() == null ? null : expressions.lower(b.multiplier());
        List<IrExpr> dims = variable.dims();
        lowerer.builder.forEachIndex(dims, index -> {
            IrExpr x = coordinate(unconstrained, Ops.flat(index, dims));
            IrExpr value;
            List<IrExpr> logJacobian = new ArrayList<>();
            if (lower != null && upper != null) {
                IrExpr l = element(lower, index);
                IrExpr u = element(upper, index);
                value = Ops.add(l, Ops.multiply(Ops.subtract(u, l), Ops.call(Primitives.INV_LOGIT, x)));
                logJacobian.add(Ops.call(Primitives.LOG, Ops.subtract(u, l)));
                logJacobian.add(Ops.call(Primitives.LOG_INV_LOGIT, x));
                logJacobian.add(Ops.call(Primitives.LOG1M_INV_LOGIT, x));
            } else if (lower != null) {
                value = Ops.add(element(lower, index), Ops.call(Primitives.EXP, x));
                logJacobian.add(x);
            } else if (upper != null) {
                value = Ops.subtract(element(upper, index), Ops.call(Primitives.EXP, x));
                logJacobian.add(x);
            } else if (shift != null || scale != null) {
                IrExpr m = scale == null ? Ops.ONE : element(scale, index);
                IrExpr o = shift == null ? Ops.ZERO : element(shift, index);
                value = Ops.add(o, Ops.multiply(m, x));
                if (scale != null) {
                    logJacobian.add(Ops.call(Primitives.LOG, m));
                }
            } else {
                value = x;
            }
            lowerer.add(new IrStmt.Assign(variable, index, value));
            if (jacobian && !logJacobian.isEmpty()) {
                lowerer.add(new IrStmt.TargetPlus(Ops.sum(logJacobian)));
            }
        });
    }

    private static IrExpr element(Val bound, List<IrExpr> index) {
        return Ops.toReal(bound.type.rank() == 0 ? bound.scalar() : bound.at(index));
    }

    /** Runs {@code body} once per vector of the parameter, with the array index. */
    private void perVector(java.util.function.Consumer<List<IrExpr>> body) {
        lowerer.builder.forEachIndex(arrayDims, body);
    }

    /** ordered: x[1] = y[1], x[k] = x[k-1] + exp(y[k]); positive_ordered starts from exp(y[1]). */
    private void ordered(IrVar unconstrained, List<IrExpr> arrayIndex, boolean positive, boolean jacobian) {
        IrExpr start = Ops.multiply(Ops.flat(arrayIndex, arrayDims), vectorSize);
        IrExpr first = coordinate(unconstrained, start);
        lowerer.add(new IrStmt.Assign(variable, with(arrayIndex, Ops.integer(0)),
                positive ? Ops.call(Primitives.EXP, first) : first));
        if (jacobian && positive) {
            lowerer.add(new IrStmt.TargetPlus(first));
        }
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        IrExpr y = coordinate(unconstrained, Ops.add(start, kk));
        List<IrStmt> body = new ArrayList<>();
        body.add(new IrStmt.Assign(variable, with(arrayIndex, kk), Ops.add(
                new IrExpr.Read(variable, with(arrayIndex, Ops.subtract(kk, Ops.integer(1)))),
                Ops.call(Primitives.EXP, y))));
        if (jacobian) {
            body.add(new IrStmt.TargetPlus(y));
        }
        lowerer.add(new IrStmt.For(k, Ops.integer(1), IrBuilder.minusOne(vectorSize), body));
    }

    /**
     * simplex by stick-breaking: z[k] = inv_logit(y[k] - log(K - k)), x[k] = (1 - sum of earlier x) z[k], the last x
     * what is left of the stick; the log-Jacobian is sum log(stick left) + log z[k] + log(1 - z[k]).
     */
    private void simplex(IrVar unconstrained, List<IrExpr> arrayIndex, boolean jacobian) {
        IrExpr start = Ops.multiply(Ops.flat(arrayIndex, arrayDims), Ops.subtract(vectorSize, Ops.integer(1)));
        IrVar stick = lowerer.builder.local("stick", false, List.of(), BaseType.REAL, 0);
        stick.markActive();
        lowerer.add(new IrStmt.Declare(stick));
        IrExpr left = Ops.read(stick);
        lowerer.add(new IrStmt.Assign(stick, List.of(), Ops.ONE));
        IrVar k = lowerer.builder.counter("k");
        IrExpr kk = Ops.read(k);
        // y[k] - log(K - k) with k 1-based is y - log(K - 1 - k0) with k0 0-based.
        IrExpr shifted = Ops.subtract(coordinate(unconstrained, Ops.add(start, kk)), Ops.call(Primitives.LOG,
                Ops.subtract(Ops.subtract(vectorSize, Ops.integer(1)), kk)));
        IrExpr piece = Ops.multiply(left, Ops.call(Primitives.INV_LOGIT, shifted));
        List<IrStmt> body = new ArrayList<>();
        body.add(new IrStmt.Assign(variable, with(arrayIndex, kk), piece));
        if (jacobian) {
            body.add(new IrStmt.TargetPlus(Ops.add(Ops.call(Primitives.LOG, left), Ops.add(
                    Ops.call(Primitives.LOG_INV_LOGIT, shifted), Ops.call(Primitives.LOG1M_INV_LOGIT, shifted)))));
        }
        body.add(new IrStmt.Assign(stick, List.of(), Ops.subtract(left,
                new IrExpr.Read(variable, with(arrayIndex, kk)))));
        lowerer.add(new IrStmt.For(k, Ops.integer(0), Ops.subtract(vectorSize, Ops.integer(2)), body));
        lowerer.add(new IrStmt.Assign(variable, with(arrayIndex, IrBuilder.minusOne(vectorSize)), left));
    }

    private static List<IrExpr> with(List<IrExpr> arrayIndex, IrExpr last) {
        List<IrExpr> index = new ArrayList<>(arrayIndex);
        index.add(last);
        return index;
    }
}
