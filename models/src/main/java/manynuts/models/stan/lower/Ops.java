package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitive;
import manynuts.models.stan.ir.Primitives;

/** Scalar expressions built with Stan's promotion rules (an int meeting a real becomes a real) and constants folded. */
final class Ops {
    static final IrExpr ZERO = new IrExpr.Real(0.0);
    static final IrExpr ONE = new IrExpr.Real(1.0);

    private Ops() {
    }

    static IrExpr real(double value) {
        return new IrExpr.Real(value);
    }

    static IrExpr integer(long value) {
        return new IrExpr.Int(value);
    }

    static IrExpr read(IrVar variable) {
        return new IrExpr.Read(variable, List.of());
    }

    /** The value as a real. */
    static IrExpr toReal(IrExpr e) {
        if (!e.isInt()) {
            return e;
        }
        if (e instanceof IrExpr.Int n) {
            return new IrExpr.Real(n.value());
        }
        return new IrExpr.Call(Primitives.TO_REAL, List.of(e));
    }

    static IrExpr call(Primitive primitive, IrExpr... args) {
        IrExpr[] converted = args.clone();
        if (!primitive.integerArgs()) {
            for (int k = 0; k < converted.length; k++) {
                converted[k] = toReal(converted[k]);
            }
        }
        return new IrExpr.Call(primitive, List.of(converted));
    }

    static IrExpr add(IrExpr a, IrExpr b) {
        if (a.isInt() && b.isInt()) {
            if (a instanceof IrExpr.Int x && b instanceof IrExpr.Int y) {
                return integer(x.value() + y.value());
            }
            if (b instanceof IrExpr.Int y && y.value() == 0) {
                return a;
            }
            if (a instanceof IrExpr.Int x && x.value() == 0) {
                return b;
            }
            return call(Primitives.INT_ADD, a, b);
        }
        if (isRealConstant(a, 0.0)) {
            return toReal(b);
        }
        if (isRealConstant(b, 0.0)) {
            return toReal(a);
        }
        return call(Primitives.ADD, a, b);
    }

    static IrExpr subtract(IrExpr a, IrExpr b) {
        if (a.isInt() && b.isInt()) {
            if (a instanceof IrExpr.Int x && b instanceof IrExpr.Int y) {
                return integer(x.value() - y.value());
            }
            if (b instanceof IrExpr.Int y && y.value() == 0) {
                return a;
            }
            return call(Primitives.INT_SUBTRACT, a, b);
        }
        if (isRealConstant(b, 0.0)) {
            return toReal(a);
        }
        return call(Primitives.SUBTRACT, a, b);
    }

    static IrExpr multiply(IrExpr a, IrExpr b) {
        if (a.isInt() && b.isInt()) {
            if (a instanceof IrExpr.Int x && b instanceof IrExpr.Int y) {
                return integer(x.value() * y.value());
            }
            if (a instanceof IrExpr.Int x && x.value() == 1) {
                return b;
            }
            if (b instanceof IrExpr.Int y && y.value() == 1) {
                return a;
            }
            return call(Primitives.INT_MULTIPLY, a, b);
        }
        if (isRealConstant(a, 1.0)) {
            return toReal(b);
        }
        if (isRealConstant(b, 1.0)) {
            return toReal(a);
        }
        return call(Primitives.MULTIPLY, a, b);
    }

    /** Real division; ints are promoted (Stan's int division is {@link #intDivide}). */
    static IrExpr divide(IrExpr a, IrExpr b) {
        if (isRealConstant(b, 1.0)) {
            return toReal(a);
        }
        return call(Primitives.DIVIDE, a, b);
    }

    static IrExpr intDivide(IrExpr a, IrExpr b) {
        if (a instanceof IrExpr.Int x && b instanceof IrExpr.Int y && y.value() != 0) {
            return integer(x.value() / y.value());
        }
        return call(Primitives.INT_DIVIDE, a, b);
    }

    static IrExpr negate(IrExpr a) {
        if (a instanceof IrExpr.Int x) {
            return integer(-x.value());
        }
        if (a instanceof IrExpr.Real x) {
            return real(-x.value());
        }
        return a.isInt() ? call(Primitives.INT_NEGATE, a) : call(Primitives.NEGATE, a);
    }

    /** The sum of several terms; zero for none. */
    static IrExpr sum(List<IrExpr> terms) {
        IrExpr total = null;
        for (IrExpr term : terms) {
            total = total == null ? toReal(term) : add(total, term);
        }
        return total == null ? ZERO : total;
    }

    /** Whether an int or real is nonzero, as an int. */
    static IrExpr truth(IrExpr e) {
        return e.isInt() ? e : call(Primitives.REAL_TRUTH, e);
    }

    static boolean isRealConstant(IrExpr e, double value) {
        return (e instanceof IrExpr.Real r && r.value() == value) || (e instanceof IrExpr.Int n && n.value() == value);
    }

    /** A 1-based Stan index checked against {@code size} and made 0-based. */
    static IrExpr index(IrExpr stanIndex, IrExpr size) {
        return call(Primitives.INDEX, stanIndex, size);
    }

    /** The product of sizes (the number of elements); 1 for none. */
    static IrExpr product(List<IrExpr> dims) {
        IrExpr total = integer(1);
        for (IrExpr d : dims) {
            total = multiply(total, d);
        }
        return total;
    }

    /** The row-major flat position of {@code index} in storage of sizes {@code dims}. */
    static IrExpr flat(List<IrExpr> index, List<IrExpr> dims) {
        IrExpr position = integer(0);
        for (int k = 0; k < index.size(); k++) {
            position = add(multiply(position, dims.get(k)), index.get(k));
        }
        return position;
    }
}
