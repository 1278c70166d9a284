package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.Expr;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitive;
import manynuts.models.stan.ir.Primitives;

/** Lowers expressions: type-checks them with Stan's rules and builds their {@link Val}s. */
final class Expressions {
    private final Lowerer lowerer;
    private final Library library;

    Expressions(Lowerer lowerer) {
        this.lowerer = lowerer;
        this.library = new Library(lowerer, this);
    }

    Library library() {
        return library;
    }

    Val lower(Expr e) {
        if (e instanceof Expr.IntLit lit) {
            return Val.of(Ops.integer(lit.value()));
        }
        if (e instanceof Expr.RealLit lit) {
            return Val.of(Ops.real(lit.value()));
        }
        if (e instanceof Expr.StringLit lit) {
            throw lowerer.error(lit.pos(), "a string can only be printed");
        }
        if (e instanceof Expr.Variable v) {
            return lowerer.lookup(v.name(), v.pos()).value();
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b.op(), lower(b.left()), lower(b.right()), b.pos());
        }
        if (e instanceof Expr.Conditional c) {
            return conditional(c);
        }
        if (e instanceof Expr.Call call) {
            String solver = higherOrder(call.name());
            if (solver != null) {
                throw lowerer.error(call.pos(), solver + " (" + call.name() + ") are not supported");
            }
            List<Val> args = new ArrayList<>();
            for (Expr arg : call.args()) {
                args.add(lower(arg));
            }
            return library.call(call.name(), args, call.pos());
        }
        if (e instanceof Expr.Indexed indexed) {
            return Indexing.index(lowerer, this, lower(indexed.base()), indexed.indices(), indexed.pos());
        }
        if (e instanceof Expr.Transpose t) {
            return transpose(lower(t.operand()), t.pos());
        }
        if (e instanceof Expr.ArrayLiteral a) {
            return arrayLiteral(a);
        }
        if (e instanceof Expr.RowVectorLiteral r) {
            return rowVectorLiteral(r);
        }
        throw lowerer.error(e.pos(), "unsupported expression");
    }

    /** The kind of a built-in function that takes a function as an argument, or null for other names. */
    private static String higherOrder(String name) {
        if (name.startsWith("integrate_ode") || name.matches("ode_[a-z0-9_]+")) {
            return "ODE solvers";
        }
        if (name.startsWith("algebra_solver") || name.startsWith("solve_newton") || name.startsWith("solve_powell")) {
            return "algebraic equation solvers";
        }
        if (name.equals("integrate_1d")) {
            return "one-dimensional integrators";
        }
        if (name.equals("map_rect") || name.startsWith("reduce_sum")) {
            return "parallel map and reduce functions";
        }
        if ((name.startsWith("eigen") && !name.equals("eigenvalues_sym") && !name.equals("eigenvectors_sym"))
                || name.startsWith("svd") || name.startsWith("qr_") || name.equals("singular_values")) {
            return "matrix decompositions other than Cholesky and the symmetric eigendecomposition";
        }
        return null;
    }

    /** An int-valued scalar expression (a size, an index, a loop bound). */
    IrExpr lowerInt(Expr e, String what) {
        Val v = lower(e);
        if (!v.type.equals(StanType.INT)) {
            throw lowerer.error(e.pos(), what + " must be an int, found " + v.type);
        }
        return v.scalar();
    }

    /** A scalar condition (int or real), as an int. */
    IrExpr lowerCondition(Expr e) {
        Val v = lower(e);
        if (!v.type.isScalar()) {
            throw lowerer.error(e.pos(), "a condition must be an int or a real, found " + v.type);
        }
        return Ops.truth(v.scalar());
    }

    private Val unary(Expr.Unary u) {
        Val operand = lower(u.operand());
        switch (u.op()) {
            case "+":
                return operand;
            case "-":
                requireArithmetic(operand, "-", u.pos());
                return Val.map(operand.type, List.of(operand), args -> Ops.negate(args.get(0)));
            case "!":
                if (!operand.type.isScalar()) {
                    throw lowerer.error(u.pos(), "operator ! needs an int or real, found " + operand.type);
                }
                IrExpr x = operand.scalar();
                return Val.of(x.isInt() ? Ops.call(Primitives.NOT, x) : Ops.call(Primitives.REAL_NOT, x));
            default:
                throw lowerer.error(u.pos(), "unknown operator " + u.op());
        }
    }

    private void requireArithmetic(Val v, String op, SourcePos pos) {
        if (v.type.arrayDims() > 0) {
            throw lowerer.error(pos, "operator " + op + " is not defined for arrays (" + v.type + ")");
        }
    }

    Val binary(String op, Val left, Val right, SourcePos pos) {
        switch (op) {
            case "+":
            case "-":
                return elementwise(op, left, right, pos);
            case "*":
                return multiply(left, right, pos);
            case "/":
                if (right.type.rank() == 0) {
                    if (left.type.equals(StanType.INT) && right.type.equals(StanType.INT)) {
                        return Val.of(Ops.intDivide(left.scalar(), right.scalar()));
                    }
                    return elementwise("/", left, right, pos);
                }
                throw lowerer.error(pos, "operator / is defined for a divisor that is an int or real; use ./ for "
                        + "elementwise division");
            case ".*":
            case "./":
                return elementwise(op, left, right, pos);
            case "^":
                if (!left.type.isScalar() || !right.type.isScalar()) {
                    throw lowerer.error(pos, "operator ^ needs ints or reals; use .^ for elementwise powers");
                }
                return Val.of(power(left.scalar(), right.scalar()));
            case ".^":
                return elementwise(".^", left, right, pos);
            case "%":
                requireInts(op, left, right, pos);
                return Val.of(Ops.call(Primitives.INT_MODULUS, left.scalar(), right.scalar()));
            case "%/%":
                requireInts(op, left, right, pos);
                return Val.of(Ops.intDivide(left.scalar(), right.scalar()));
            case "<":
            case "<=":
            case ">":
            case ">=":
            case "==":
            case "!=":
                return comparison(op, left, right, pos);
            case "&&":
            case "||":
                if (!left.type.isScalar() || !right.type.isScalar()) {
                    throw lowerer.error(pos, "operator " + op + " needs ints or reals");
                }
                return Val.of(Ops.call(op.equals("&&") ? Primitives.AND : Primitives.OR, Ops.truth(left.scalar()),
                        Ops.truth(right.scalar())));
            case "\\":
                throw lowerer.error(pos, "left division (\\) is not supported yet");
            default:
                throw lowerer.error(pos, "unknown operator " + op);
        }
    }

    private static IrExpr power(IrExpr base, IrExpr exponent) {
        if (exponent instanceof IrExpr.Int n && n.value() == 2) {
            return Ops.call(Primitives.SQUARE, base);
        }
        if (exponent instanceof IrExpr.Real r && r.value() == 0.5) {
            return Ops.call(Primitives.SQRT, base);
        }
        return Ops.call(Primitives.POW, base, exponent);
    }

    private void requireInts(String op, Val left, Val right, SourcePos pos) {
        if (!left.type.equals(StanType.INT) || !right.type.equals(StanType.INT)) {
            throw lowerer.error(pos, "operator " + op + " needs two ints, found " + left.type + " and " + right.type);
        }
    }

    private Val comparison(String op, Val left, Val right, SourcePos pos) {
        if (!left.type.isScalar() || !right.type.isScalar()) {
            throw lowerer.error(pos, "operator " + op + " compares ints or reals, found " + left.type + " and "
                    + right.type);
        }
        boolean ints = left.type.equals(StanType.INT) && right.type.equals(StanType.INT);
        Primitive p = switch (op) {
            case "<" -> ints ? Primitives.INT_LESS : Primitives.LESS;
            case "<=" -> ints ? Primitives.INT_LESS_EQUAL : Primitives.LESS_EQUAL;
            case ">" -> ints ? Primitives.INT_GREATER : Primitives.GREATER;
            case ">=" -> ints ? Primitives.INT_GREATER_EQUAL : Primitives.GREATER_EQUAL;
            case "==" -> ints ? Primitives.INT_EQUAL : Primitives.EQUAL;
            default -> ints ? Primitives.INT_NOT_EQUAL : Primitives.NOT_EQUAL;
        };
        return Val.of(Ops.call(p, left.scalar(), right.scalar()));
    }

    /**
     * {@code + - / .* ./ .^} between two values of one shape, or a value and a scalar. Plain {@code + -} need
     * vectors or matrices (Stan has no array arithmetic); the dotted operators need the same shape on both sides.
     */
    Val elementwise(String op, Val left, Val right, SourcePos pos) {
        boolean leftScalar = left.type.rank() == 0;
        boolean rightScalar = right.type.rank() == 0;
        if (!leftScalar) {
            requireArithmetic(left, op, pos);
        }
        if (!rightScalar) {
            requireArithmetic(right, op, pos);
        }
        StanType type;
        if (leftScalar && rightScalar) {
            type = left.type.equals(StanType.INT) && right.type.equals(StanType.INT) && !op.equals(".^")
                    && !op.equals("/") && !op.equals("./") ? StanType.INT : StanType.REAL;
        } else if (leftScalar || rightScalar) {
            type = leftScalar ? right.type : left.type;
        } else {
            if (left.type.base() != right.type.base()) {
                throw lowerer.error(pos, "operator " + op + " needs operands of one type, found " + left.type + " and "
                        + right.type);
            }
            type = left.type;
            List<IrExpr> a = left.dims();
            List<IrExpr> b = right.dims();
            for (int k = 0; k < a.size(); k++) {
                lowerer.checkSameSize(a.get(k), b.get(k), "operator " + op + " at " + pos);
            }
        }
        if (type.base() == BaseType.INT && !(leftScalar && rightScalar)) {
            type = type.promoted();
        }
        return Val.map(type, List.of(left, right), args -> scalarOp(op, args.get(0), args.get(1)));
    }

    static IrExpr scalarOp(String op, IrExpr a, IrExpr b) {
        return switch (op) {
            case "+" -> Ops.add(a, b);
            case "-" -> Ops.subtract(a, b);
            case "*", ".*" -> Ops.multiply(a, b);
            case "/", "./" -> a.isInt() && b.isInt() && op.equals("/") ? Ops.intDivide(a, b) : Ops.divide(a, b);
            case ".^" -> power(a, b);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private Val multiply(Val left, Val right, SourcePos pos) {
        if (left.type.rank() == 0 || right.type.rank() == 0) {
            return elementwise("*", left, right, pos);
        }
        requireArithmetic(left, "*", pos);
        requireArithmetic(right, "*", pos);
        return LinearAlgebra.product(lowerer, left, right, pos);
    }

    private Val conditional(Expr.Conditional c) {
        IrExpr condition = lowerCondition(c.condition());
        Val a = lower(c.ifTrue());
        Val b = lower(c.ifFalse());
        if (a.type.rank() == 0 && b.type.rank() == 0) {
            IrExpr x = a.scalar();
            IrExpr y = b.scalar();
            if (x.isInt() != y.isInt()) {
                x = Ops.toReal(x);
                y = Ops.toReal(y);
            }
            return Val.of(new IrExpr.Conditional(condition, x, y));
        }
        if (!a.type.promoted().equals(b.type.promoted())) {
            throw lowerer.error(c.pos(), "both branches of ?: must have one type, found " + a.type + " and " + b.type);
        }
        return Val.map(a.type.promoted(), List.of(a, b),
                args -> new IrExpr.Conditional(condition, Ops.toReal(args.get(0)), Ops.toReal(args.get(1))));
    }

    Val transpose(Val v, SourcePos pos) {
        StanType t = v.type;
        if (t.arrayDims() > 0 || t.base().rank() == 0) {
            throw lowerer.error(pos, "transpose needs a vector, row_vector or matrix, found " + t);
        }
        if (t.base() == BaseType.MATRIX) {
            List<IrExpr> d = v.dims();
            return new Val.ViewVal(StanType.MATRIX, v, List.of(d.get(1), d.get(0)),
                    index -> List.of(index.get(1), index.get(0)), List.of());
        }
        StanType flipped = t.base() == BaseType.VECTOR ? StanType.ROW_VECTOR : StanType.VECTOR;
        return new Val.ViewVal(flipped, v, v.dims(), index -> index, List.of());
    }

    private Val arrayLiteral(Expr.ArrayLiteral a) {
        List<Val> elements = new ArrayList<>();
        for (Expr e : a.elements()) {
            elements.add(lower(e));
        }
        StanType elementType = elements.get(0).type;
        boolean anyReal = elements.stream().anyMatch(v -> !v.type.isIntBased());
        if (anyReal) {
            elementType = elementType.promoted();
        }
        for (Val v : elements) {
            if (!v.type.promoted().equals(elementType.promoted())) {
                throw lowerer.error(a.pos(), "array elements must have one type, found " + elementType + " and "
                        + v.type);
            }
        }
        List<IrExpr> dims = new ArrayList<>();
        dims.add(Ops.integer(elements.size()));
        dims.addAll(elements.get(0).dims());
        return stack(elements, elementType.arrayOf(), dims, "array", a.pos());
    }

    private Val rowVectorLiteral(Expr.RowVectorLiteral r) {
        List<Val> elements = new ArrayList<>();
        for (Expr e : r.elements()) {
            elements.add(lower(e));
        }
        if (elements.stream().allMatch(v -> v.type.isScalar())) {
            return stack(elements, StanType.ROW_VECTOR, List.of(Ops.integer(elements.size())), "row_vector", r.pos());
        }
        if (elements.stream().allMatch(v -> v.type.equals(StanType.ROW_VECTOR))) {
            List<IrExpr> dims = List.of(Ops.integer(elements.size()), elements.get(0).dims().get(0));
            return stack(elements, StanType.MATRIX, dims, "matrix", r.pos());
        }
        throw lowerer.error(r.pos(), "[...] holds reals (a row_vector) or row_vectors (a matrix)");
    }

    /** Elements written one after another into a fresh variable whose outermost index picks the element. */
    private Val stack(List<Val> elements, StanType type, List<IrExpr> dims, String hint, SourcePos pos) {
        lowerer.requireDataSized(dims, "this " + hint, pos);
        IrVar temp = lowerer.builder.local(hint, type.isIntBased(), dims, type.base(), type.arrayDims());
        lowerer.add(new manynuts.models.stan.ir.IrStmt.Declare(temp));
        for (int k = 0; k < elements.size(); k++) {
            Val element = elements.get(k);
            if (element.isActive()) {
                temp.markActive();
            }
            IrExpr position = Ops.integer(k);
            lowerer.builder.forEachIndex(element.dims(), index -> {
                List<IrExpr> full = new ArrayList<>();
                full.add(position);
                full.addAll(index);
                IrExpr value = element.at(index);
                lowerer.add(new manynuts.models.stan.ir.IrStmt.Assign(temp, full,
                        temp.isInt() ? value : Ops.toReal(value)));
            });
        }
        return Val.of(temp, type);
    }
}
