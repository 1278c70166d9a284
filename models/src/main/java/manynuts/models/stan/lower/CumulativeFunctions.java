package manynuts.models.stan.lower;

import static manynuts.models.stan.lower.Ops.add;
import static manynuts.models.stan.lower.Ops.call;
import static manynuts.models.stan.lower.Ops.divide;
import static manynuts.models.stan.lower.Ops.integer;
import static manynuts.models.stan.lower.Ops.real;
import static manynuts.models.stan.lower.Ops.subtract;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.Primitives;

/**
 * The log distribution functions ({@code _lcdf}, {@code _lccdf}) whose value needs the regularised incomplete gamma
 * or beta function, or a case split: gamma, inv_gamma, chi_square, inv_chi_square, scaled_inv_chi_square, beta,
 * uniform, double_exponential and the discrete families bernoulli, poisson, binomial and neg_binomial_2. Each is one term reading every argument, vectorised as the
 * densities are; every argument may be a parameter (the incomplete functions carry their shape derivatives).
 */
final class CumulativeFunctions {
    private static final double LOG_HALF = Math.log(0.5);
    private static final IrExpr LOG_ZERO = real(Double.NEGATIVE_INFINITY);
    private static final IrExpr LOG_ONE = real(0.0);

    static final Map<String, ScalarDensities.Family> FAMILIES = Map.ofEntries(
            Map.entry("gamma_lcdf", continuous(3, a -> log(call(Primitives.GAMMA_P, a[1], Ops.multiply(a[2], a[0]))))),
            Map.entry("gamma_lccdf", continuous(3, a -> log(call(Primitives.GAMMA_Q, a[1],
                    Ops.multiply(a[2], a[0]))))),
            Map.entry("inv_gamma_lcdf", continuous(3, a -> log(call(Primitives.GAMMA_Q, a[1], divide(a[2], a[0]))))),
            Map.entry("inv_gamma_lccdf", continuous(3, a -> log(call(Primitives.GAMMA_P, a[1],
                    divide(a[2], a[0]))))),
            // chi_square(nu) is gamma(nu / 2, 1 / 2); inv_chi_square and scaled_inv_chi_square are inverse gammas.
            Map.entry("chi_square_lcdf", continuous(2, a -> log(call(Primitives.GAMMA_P, half(a[1]), half(a[0]))))),
            Map.entry("chi_square_lccdf", continuous(2, a -> log(call(Primitives.GAMMA_Q, half(a[1]), half(a[0]))))),
            Map.entry("inv_chi_square_lcdf", continuous(2, a -> log(call(Primitives.GAMMA_Q, half(a[1]),
                    divide(real(0.5), a[0]))))),
            Map.entry("inv_chi_square_lccdf", continuous(2, a -> log(call(Primitives.GAMMA_P, half(a[1]),
                    divide(real(0.5), a[0]))))),
            Map.entry("scaled_inv_chi_square_lcdf", continuous(3, a -> log(call(Primitives.GAMMA_Q, half(a[1]),
                    divide(half(Ops.multiply(a[1], Ops.multiply(a[2], a[2]))), a[0]))))),
            Map.entry("scaled_inv_chi_square_lccdf", continuous(3, a -> log(call(Primitives.GAMMA_P, half(a[1]),
                    divide(half(Ops.multiply(a[1], Ops.multiply(a[2], a[2]))), a[0]))))),
            Map.entry("beta_lcdf", continuous(3, a -> log(call(Primitives.INC_BETA, a[1], a[2], a[0])))),
            Map.entry("beta_lccdf", continuous(3, a -> log(call(Primitives.INC_BETA, a[2], a[1],
                    subtract(real(1.0), a[0]))))),
            Map.entry("uniform_lcdf", continuous(3, a -> when(less(a[0], a[1]), LOG_ZERO,
                    when(call(Primitives.GREATER_EQUAL, a[0], a[2]), LOG_ONE,
                            log(divide(subtract(a[0], a[1]), subtract(a[2], a[1]))))))),
            Map.entry("uniform_lccdf", continuous(3, a -> when(call(Primitives.LESS_EQUAL, a[0], a[1]), LOG_ONE,
                    when(call(Primitives.GREATER_EQUAL, a[0], a[2]), LOG_ZERO,
                            log(divide(subtract(a[2], a[0]), subtract(a[2], a[1]))))))),
            // Laplace: below the location 0.5 e^z, above it 1 - 0.5 e^-z, z = (y - mu) / sigma.
            Map.entry("double_exponential_lcdf", continuous(3, a -> {
                IrExpr z = divide(subtract(a[0], a[1]), a[2]);
                return when(less(a[0], a[1]), add(real(LOG_HALF), z),
                        call(Primitives.LOG1M_EXP, subtract(real(LOG_HALF), z)));
            })),
            Map.entry("double_exponential_lccdf", continuous(3, a -> {
                IrExpr z = divide(subtract(a[0], a[1]), a[2]);
                return when(less(a[0], a[1]), call(Primitives.LOG1M_EXP, add(real(LOG_HALF), z)),
                        subtract(real(LOG_HALF), z));
            })),
            Map.entry("bernoulli_lcdf", discrete(2, a -> when(intLess(a[0], integer(0)), LOG_ZERO,
                    when(intLess(a[0], integer(1)), call(Primitives.LOG1M, a[1]), LOG_ONE)))),
            Map.entry("bernoulli_lccdf", discrete(2, a -> when(intLess(a[0], integer(0)), LOG_ONE,
                    when(intLess(a[0], integer(1)), log(a[1]), LOG_ZERO)))),
            // P(Y <= n) = Q(n + 1, lambda).
            Map.entry("poisson_lcdf", discrete(2, a -> when(intLess(a[0], integer(0)), LOG_ZERO,
                    log(call(Primitives.GAMMA_Q, add(a[0], integer(1)), a[1]))))),
            Map.entry("poisson_lccdf", discrete(2, a -> when(intLess(a[0], integer(0)), LOG_ONE,
                    log(call(Primitives.GAMMA_P, add(a[0], integer(1)), a[1]))))),
            // P(Y <= n) = I_(1 - theta)(N - n, n + 1) for 0 <= n < N.
            Map.entry("binomial_lcdf", discrete(3, a -> when(intLess(a[0], integer(0)), LOG_ZERO,
                    when(intLess(a[0], a[1]), log(call(Primitives.INC_BETA, subtract(a[1], a[0]),
                            add(a[0], integer(1)), subtract(real(1.0), a[2]))), LOG_ONE)))),
            Map.entry("binomial_lccdf", discrete(3, a -> when(intLess(a[0], integer(0)), LOG_ONE,
                    when(intLess(a[0], a[1]), log(call(Primitives.INC_BETA, add(a[0], integer(1)),
                            subtract(a[1], a[0]), a[2])), LOG_ZERO)))),
            // P(Y <= n) = I_p(phi, n + 1) with p = phi / (mu + phi).
            Map.entry("neg_binomial_2_lcdf", discrete(3, a -> when(intLess(a[0], integer(0)), LOG_ZERO,
                    log(call(Primitives.INC_BETA, a[2], add(a[0], integer(1)), divide(a[2], add(a[1], a[2]))))))),
            Map.entry("neg_binomial_2_lccdf", discrete(3, a -> when(intLess(a[0], integer(0)), LOG_ONE,
                    log(call(Primitives.INC_BETA, add(a[0], integer(1)), a[2], divide(a[1], add(a[1], a[2]))))))));

    private CumulativeFunctions() {
    }

    private static ScalarDensities.Family continuous(int arity, Function<IrExpr[], IrExpr> value) {
        return new ScalarDensities.Family(arity, false, List.of(new ScalarDensities.Term((1 << arity) - 1, value)));
    }

    private static ScalarDensities.Family discrete(int arity, Function<IrExpr[], IrExpr> value) {
        return new ScalarDensities.Family(arity, true, List.of(new ScalarDensities.Term((1 << arity) - 1, value)));
    }

    private static IrExpr when(IrExpr condition, IrExpr ifTrue, IrExpr ifFalse) {
        return new IrExpr.Conditional(condition, ifTrue, ifFalse);
    }

    private static IrExpr less(IrExpr a, IrExpr b) {
        return call(Primitives.LESS, a, b);
    }

    private static IrExpr intLess(IrExpr a, IrExpr b) {
        return call(Primitives.INT_LESS, a, b);
    }

    private static IrExpr half(IrExpr x) {
        return Ops.multiply(real(0.5), x);
    }

    private static IrExpr log(IrExpr x) {
        return call(Primitives.LOG, x);
    }
}
