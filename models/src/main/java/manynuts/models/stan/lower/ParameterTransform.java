package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.BaseType;
import manynuts.models.stan.Declaration;
import manynuts.models.stan.Expr;
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

    /** Declares the parameter (its symbol and variable) and works out its unconstrained size. */
    static ParameterTransform declare(Lowerer lowerer, Expressions expressions, Declaration d, IrExpr offset) {
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
        if (!IrBuilder.dataSized(dims)) {
            throw lowerer.error(d.pos(), "the size of parameter " + d.name() + " must be known from the data alone");
        }
        IrExpr count = Ops.product(arrayDims);
        IrExpr vectorSize = sizes.isEmpty() ? null : sizes.get(0);
        IrExpr unconstrained = switch (d.kind()) {
            case PLAIN, ORDERED, POSITIVE_ORDERED -> Ops.product(dims);
            case SIMPLEX -> Ops.multiply(count, Ops.subtract(vectorSize, Ops.integer(1)));
            default -> throw lowerer.error(d.pos(), d.kind().stanName() + " parameters are not supported yet");
        };
        if (d.base() == BaseType.INT) {
            throw lowerer.error(d.pos(), "parameters cannot be ints");
        }
        StanType type = new StanType(d.base(), d.arrayDims().size());
        IrVar v = new IrVar(lowerer.names.fresh(d.name()), d.name(), IrVar.Role.PARAMETER, false, dims, d.base(),
                d.arrayDims().size());
        lowerer.declareGlobal(new Symbol(d.name(), Val.of(v, type), Symbol.Origin.PARAMETER, v), d.pos());
        return new ParameterTransform(lowerer, expressions, d, v, offset, arrayDims, vectorSize, unconstrained);
    }

    IrVar variable() {
        return variable;
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
        lowerer.add(new IrStmt.Declare(variable));
        switch (declaration.kind()) {
            case PLAIN -> bounded(unconstrained, jacobian);
            case ORDERED, POSITIVE_ORDERED -> perVector(index -> ordered(unconstrained, index,
                    declaration.kind() == Declaration.Kind.POSITIVE_ORDERED, jacobian));
            case SIMPLEX -> perVector(index -> simplex(unconstrained, index, jacobian));
            default -> throw new IllegalStateException(declaration.kind().toString());
        }
    }

    private IrExpr coordinate(IrVar unconstrained, IrExpr position) {
        return new IrExpr.Read(unconstrained, List.of(Ops.add(offset, position)));
    }

    private void bounded(IrVar unconstrained, boolean jacobian) {
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
