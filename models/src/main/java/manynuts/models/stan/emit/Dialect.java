package manynuts.models.stan.emit;

import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * What differs between the languages the differentiated code is written in (Java, CUDA C++): type names, how a
 * variable's element and the tapes are addressed, what a failure does. Everything else of the forward and reverse
 * sweeps, in {@link Code} and {@link Sweeps}, is written once over this.
 */
public interface Dialect {

    /** The type of reals in the differentiated code: {@code double}, or {@code Real} over both precisions. */
    String real();

    /** A local that is assigned once where it is declared: {@code final double x = ...} or {@code const Real x}. */
    String constant(String type);

    /** A real literal, e.g. {@code 0.5}, infinities and NaN included. */
    String literal(double value);

    /** The largest or smallest int, the start of an int reduction. */
    String intLimit(boolean smallest);

    /** An int expression converted to a real. */
    default String toReal(String integer) {
        return "((" + real() + ") " + integer + ")";
    }

    /** A primitive's value or partial template as this language writes it (before its arguments are put in). */
    default String template(String template) {
        return template;
    }

    /** A scalar variable's value (its name, or a conversion of a data scalar to {@link #real()}). */
    default String scalar(IrVar v, String name) {
        return name;
    }

    /**
     * Element {@code position} of {@code array}, the storage of {@code v}'s values or adjoints (for the unconstrained
     * point: {@code u__}, {@code g__}).
     */
    String element(IrVar v, String array, String position);

    /** The position of unconstrained coordinate {@code index} in {@code u__} and {@code g__}. */
    String unconstrained(String index);

    /** The test that ends a while loop whose condition (an int) is {@code condition}. */
    default String whileExit(String condition) {
        return condition + " == 0";
    }

    /** The statement that saves {@code value} on the real or the int tape. */
    String push(boolean integer, String value);

    /** The expression that takes the last value off the real or the int tape. */
    String pop(boolean integer);

    /** The statement that sets every element of {@code v}'s storage {@code array} to {@code value}. */
    String fill(IrVar v, String array, String value);

    /** The statement that stops the evaluation with a failure (its message's values written through code). */
    String fail(IrStmt.Fail failure, Code code);
}
