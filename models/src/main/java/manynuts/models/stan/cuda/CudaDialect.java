package manynuts.models.stan.cuda;

import java.util.regex.Pattern;
import manynuts.models.stan.emit.Code;
import manynuts.models.stan.emit.Dialect;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * CUDA C++ as the generated code's language, written once over {@code Real} (double or float): one thread per chain,
 * the unconstrained point and the gradient dimension-major ({@code [d * stride + c]}, the pointers {@code u__} and
 * {@code g__} already at chain c), the chain's workspace and tapes interleaved over the chains
 * ({@code [k * chains__ + c]}), data shared by all chains and converted to Real where read. A failure (a rejected
 * point, an int function's bad argument, a full tape) returns minus infinity with a zero gradient, as the Java
 * model's rejection does, and leaves its reason in the chain's status slot.
 */
final class CudaDialect implements Dialect {
    static final CudaDialect INSTANCE = new CudaDialect();

    /** A status: the point was rejected (reject, or an int function's bad argument). */
    static final int REJECTED = 1;
    /** A status: a tape was too short; the host should give the tapes more room. */
    static final int TAPE_FULL = 2;
    /** A status: the program stopped with fatal_error; the host should stop the run. */
    static final int FATAL = 3;

    private static final Pattern FAILING = Pattern.compile("\\b(ix|idiv|imod|to_int)\\(");
    private static final Pattern LITERAL = Pattern.compile("(?<![\\w.$])(\\d+\\.\\d+(?:[eE][-+]?\\d+)?)");

    private CudaDialect() {
    }

    @Override
    public String real() {
        return "Real";
    }

    @Override
    public String constant(String type) {
        return "const " + type;
    }

    @Override
    public String literal(double value) {
        if (Double.isNaN(value)) {
            return "Real(manynuts_nan())";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Real(manynuts_infinity())" : "Real(-manynuts_infinity())";
        }
        return "Real(" + value + ")";
    }

    @Override
    public String intLimit(boolean smallest) {
        return smallest ? "MANYNUTS_INT_MIN" : "MANYNUTS_INT_MAX";
    }

    /** Literals become Real (float arithmetic in float builds); int functions that can fail report to failed__. */
    @Override
    public String template(String template) {
        String text = template.replace("(double)", "(Real)");
        text = LITERAL.matcher(text).replaceAll("Real($1)");
        return FAILING.matcher(text).replaceAll("manynuts_$1(failed__, ");
    }

    @Override
    public String scalar(IrVar v, String name) {
        return v.isData() && !v.isInt() ? "((Real) " + name + ")" : name;
    }

    @Override
    public String element(IrVar v, String array, String position) {
        if (v.role() == IrVar.Role.UNCONSTRAINED) {
            return array + "[(" + position + ") * stride]";
        }
        if (v.isData()) {
            return v.isInt() ? array + "[" + position + "]" : "((Real) " + array + "[" + position + "])";
        }
        return array + "[(" + position + ") * chains__]";
    }

    @Override
    public String unconstrained(String index) {
        return index;
    }

    @Override
    public String push(boolean integer, String value) {
        String tape = integer ? "itape__" : "tape__";
        String top = integer ? "ip__" : "tp__";
        String capacity = integer ? "intTape__" : "realTape__";
        return "if (" + top + " < " + capacity + ") " + tape + "[" + top + " * chains__] = " + value + "; else failed__ = "
                + TAPE_FULL + ";\n" + top + "++;";
    }

    @Override
    public String pop(boolean integer) {
        return integer ? "itape__[(--ip__) * chains__]" : "tape__[(--tp__) * chains__]";
    }

    @Override
    public String fill(IrVar v, String array, String value) {
        return "for (long long k__ = 0; k__ < " + CudaGenerator.size(v) + "; k__++) " + array + "[k__ * chains__] = "
                + value + ";";
    }

    @Override
    public String whileExit(String condition) {
        return condition + " == 0 || failed__ != 0";
    }

    @Override
    public String fail(IrStmt.Fail failure, Code code) {
        int status = failure.kind() == IrStmt.Fail.Kind.REJECT ? REJECTED : FATAL;
        return "return rejected__(g__, stride, status__, " + status + ");";
    }
}
