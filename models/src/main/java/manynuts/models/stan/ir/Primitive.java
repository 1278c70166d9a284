package manynuts.models.stan.ir;

import java.util.List;

/**
 * A scalar operation with its value and its partial derivatives as expression templates, so that each code generator
 * (Java, CUDA) writes the forward and the reverse sweep from one table. Templates are C-like expressions over the
 * arguments {@code $0, $1, ...} and the result {@code $r}, calling only functions every backend's runtime defines
 * ({@code exp}, {@code log}, {@code lgamma}, {@code digamma}, ...).
 *
 * @param name          the name generated code and messages use
 * @param arity         the number of arguments
 * @param integerResult whether the result is an int (comparisons, int arithmetic); such results have no derivative
 * @param integerArgs   whether the arguments are ints (int arithmetic) rather than reals
 * @param value         the value template
 * @param partials      one template per argument: the derivative of the result with respect to it; null for
 *                      primitives without derivatives (int results, step functions whose derivative is zero)
 */
public record Primitive(String name, int arity, boolean integerResult, boolean integerArgs, String value,
        List<String> partials) {

    public Primitive {
        if (partials != null) {
            partials = List.copyOf(partials);
            if (partials.size() != arity) {
                throw new IllegalArgumentException(name + ": one partial per argument");
            }
        }
    }

    /** A real function of real arguments with derivatives. */
    public static Primitive real(String name, String value, String... partials) {
        return new Primitive(name, partials.length, false, false, value, List.of(partials));
    }

    /** A real function of real arguments whose derivative is zero wherever it exists (floor, step). */
    public static Primitive flat(String name, int arity, String value) {
        return new Primitive(name, arity, false, false, value, zeros(arity));
    }

    /** An int result of real arguments (comparisons). */
    public static Primitive realTest(String name, int arity, String value) {
        return new Primitive(name, arity, true, false, value, null);
    }

    /** An int result of int arguments. */
    public static Primitive integer(String name, int arity, String value) {
        return new Primitive(name, arity, true, true, value, null);
    }

    private static List<String> zeros(int arity) {
        return java.util.Collections.nCopies(arity, "0.0");
    }

    /** Whether the partial with respect to argument {@code k} is identically zero. */
    public boolean zeroPartial(int k) {
        return partials == null || partials.get(k).equals("0.0");
    }

    /** Whether any partial template reads the result. */
    public boolean partialsUseResult() {
        return partials != null && partials.stream().anyMatch(p -> p.contains("$r"));
    }
}
