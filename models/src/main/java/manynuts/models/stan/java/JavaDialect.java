package manynuts.models.stan.java;

import java.util.List;
import manynuts.models.stan.emit.Code;
import manynuts.models.stan.emit.Dialect;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Java as the generated code's language: doubles, one chain's flat arrays in its workspace, the unconstrained point
 * at an offset, tapes that grow, failures as exceptions.
 */
final class JavaDialect implements Dialect {
    static final JavaDialect INSTANCE = new JavaDialect();

    private JavaDialect() {
    }

    @Override
    public String real() {
        return "double";
    }

    @Override
    public String constant(String type) {
        return "final " + type;
    }

    @Override
    public String literal(double value) {
        if (Double.isNaN(value)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return value < 0 ? "(" + value + ")" : Double.toString(value);
    }

    @Override
    public String intLimit(boolean smallest) {
        return smallest ? "Integer.MIN_VALUE" : "Integer.MAX_VALUE";
    }

    @Override
    public String element(IrVar v, String array, String position) {
        return array + "[" + position + "]";
    }

    @Override
    public String unconstrained(String index) {
        return "off__ + " + index;
    }

    @Override
    public String push(boolean integer, String value) {
        return integer ? "if (ip__ == itape__.length) itape__ = w__.growIntTape();\n" + "itape__[ip__++] = " + value + ";"
                : "if (tp__ == tape__.length) tape__ = w__.growTape();\n" + "tape__[tp__++] = " + value + ";";
    }

    @Override
    public String pop(boolean integer) {
        return integer ? "itape__[--ip__]" : "tape__[--tp__]";
    }

    @Override
    public String fill(IrVar v, String array, String value) {
        return "java.util.Arrays.fill(" + array + ", " + value + ");";
    }

    @Override
    public String fail(IrStmt.Fail failure, Code code) {
        String message = message(failure.parts(), code);
        return switch (failure.kind()) {
            case REJECT -> "throw new StanReject(" + message + ");";
            case FATAL -> "throw new StanFatal(" + message + ");";
            case DATA -> "throw data__.invalid(" + message + ");";
        };
    }

    /** A failure's or a print's message as a Java string expression. */
    static String message(List<Object> parts, Code code) {
        StringBuilder text = new StringBuilder("\"\"");
        for (Object part : parts) {
            if (part instanceof String s) {
                text.append(" + \"").append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                IrExpr e = (IrExpr) part;
                text.append(" + ").append(e.isInt() ? "(" + code.integer(e) + ")" : "(" + code.real(e) + ")");
            }
        }
        return text.toString();
    }
}
