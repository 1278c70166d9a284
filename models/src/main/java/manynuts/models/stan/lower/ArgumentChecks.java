package manynuts.models.stan.lower;

import static manynuts.models.stan.lower.Ops.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * The argument checks Stan makes in the log cdfs and the von Mises density: an argument outside its domain (a shape
 * that is not positive and finite, a probability outside [0, 1], ...) rejects the point with a line naming the
 * function, the argument and its value, instead of leaving a NaN to the sampler. Containers are checked element by
 * element.
 */
final class ArgumentChecks {

    /** Argument {@code argument} (the variate is 0) fails when {@code fails} of it is nonzero; it must be {@code what}. */
    record Check(int argument, String label, String what, Function<IrExpr, IrExpr> fails) {
    }

    private static final Map<String, List<Check>> CHECKS = Map.ofEntries(
            cdfs("gamma", nonNegative(0, "the variate"), positiveFinite(1, "the shape"),
                    positiveFinite(2, "the inverse scale")),
            cdfs("inv_gamma", nonNegative(0, "the variate"), positiveFinite(1, "the shape"),
                    positiveFinite(2, "the scale")),
            cdfs("chi_square", nonNegative(0, "the variate"), positiveFinite(1, "the degrees of freedom")),
            cdfs("inv_chi_square", nonNegative(0, "the variate"), positiveFinite(1, "the degrees of freedom")),
            cdfs("scaled_inv_chi_square", nonNegative(0, "the variate"),
                    positiveFinite(1, "the degrees of freedom"), positiveFinite(2, "the scale")),
            cdfs("beta", probability(0, "the variate"), positiveFinite(1, "the first shape"),
                    positiveFinite(2, "the second shape")),
            cdfs("uniform", notNan(0, "the variate"), finite(1, "the lower bound"), finite(2, "the upper bound")),
            cdfs("double_exponential", notNan(0, "the variate"), finite(1, "the location"),
                    positiveFinite(2, "the scale")),
            cdfs("bernoulli", probability(1, "the probability")),
            cdfs("poisson", nonNegative(1, "the rate")),
            cdfs("binomial", new Check(1, "the number of trials", "non-negative",
                    x -> call(Primitives.INT_LESS, x, Ops.integer(0))), probability(2, "the probability")),
            cdfs("neg_binomial_2", positiveFinite(1, "the location"), positiveFinite(2, "the precision")),
            Map.entry("von_mises", List.of(notNan(0, "the variate"), finite(1, "the location"),
                    new Check(2, "the scale", "non-negative and finite", x -> call(Primitives.OR,
                            call(Primitives.NOT, call(Primitives.GREATER_EQUAL, x, Ops.ZERO)),
                            call(Primitives.IS_INF, x))))));

    private ArgumentChecks() {
    }

    private static Map.Entry<String, List<Check>> cdfs(String family, Check... checks) {
        return Map.entry(family + "_cdf", List.of(checks));
    }

    private static Check positiveFinite(int argument, String label) {
        return new Check(argument, label, "positive and finite", x -> call(Primitives.OR,
                call(Primitives.NOT, call(Primitives.GREATER, x, Ops.ZERO)), call(Primitives.IS_INF, x)));
    }

    private static Check nonNegative(int argument, String label) {
        return new Check(argument, label, "non-negative", x -> call(Primitives.NOT,
                call(Primitives.GREATER_EQUAL, x, Ops.ZERO)));
    }

    private static Check finite(int argument, String label) {
        return new Check(argument, label, "finite", x -> call(Primitives.OR, call(Primitives.IS_NAN, x),
                call(Primitives.IS_INF, x)));
    }

    private static Check notNan(int argument, String label) {
        return new Check(argument, label, "a number", x -> call(Primitives.IS_NAN, x));
    }

    private static Check probability(int argument, String label) {
        return new Check(argument, label, "in [0, 1]", x -> call(Primitives.NOT, call(Primitives.AND,
                call(Primitives.GREATER_EQUAL, x, Ops.ZERO), call(Primitives.LESS_EQUAL, x, Ops.ONE))));
    }

    /** The checks of the function {@code name}, or none: the log cdfs share their family's. */
    static List<Check> of(String name) {
        String key = name.endsWith("_lcdf") ? name.substring(0, name.length() - 5) + "_cdf"
                : name.endsWith("_lccdf") ? name.substring(0, name.length() - 6) + "_cdf"
                : name.substring(0, name.lastIndexOf('_'));
        return CHECKS.getOrDefault(key, List.of());
    }

    /** Adds the checks of {@code name}'s arguments before the statement that evaluates it. */
    static void emit(Lowerer lowerer, String name, List<Val> args) {
        String function = name.replace("_lupdf", "_lpdf").replace("_lupmf", "_lpmf");
        for (Check check : of(name)) {
            Val arg = args.get(check.argument());
            if (arg.type.rank() == 0) {
                reject(lowerer, function, check, arg.scalar());
            } else {
                IrVar n = lowerer.builder.counter("n");
                List<IrStmt> body = lowerer.builder.collect(() -> reject(lowerer, function, check,
                        arg.at(List.of(Ops.read(n)))));
                lowerer.add(new IrStmt.For(n, Ops.integer(0), IrBuilder.minusOne(arg.dims().get(0)), body));
            }
        }
    }

    private static void reject(Lowerer lowerer, String function, Check check, IrExpr value) {
        List<Object> parts = new ArrayList<>(List.of(function + ": " + check.label() + " is ", value,
                ", not " + check.what()));
        lowerer.add(new IrStmt.If(check.fails().apply(value), List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT,
                parts)), List.of()));
    }
}
