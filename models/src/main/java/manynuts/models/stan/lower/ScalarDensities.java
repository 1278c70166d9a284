package manynuts.models.stan.lower;

import static manynuts.models.stan.lower.Ops.add;
import static manynuts.models.stan.lower.Ops.call;
import static manynuts.models.stan.lower.Ops.divide;
import static manynuts.models.stan.lower.Ops.multiply;
import static manynuts.models.stan.lower.Ops.negate;
import static manynuts.models.stan.lower.Ops.real;
import static manynuts.models.stan.lower.Ops.subtract;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.Primitives;

/**
 * The log densities of Stan's univariate distributions, each a sum of terms that say which arguments they read:
 * {@code ~} and {@code _lupdf} drop the terms whose arguments are all constant, as Stan does, and a vectorised call
 * adds once, times the size, every term that reads no container.
 */
final class ScalarDensities {

    /** One additive term; {@code uses} has bit k set when it reads argument k (the variate is argument 0). */
    record Term(int uses, Function<IrExpr[], IrExpr> value) {
    }

    /** A distribution's arity (variate included), whether its variate is an int, and its terms. */
    record Family(int arity, boolean discrete, List<Term> terms) {
    }

    private static final double LOG_SQRT_TWO_PI = 0.9189385332046728;
    private static final double LOG_PI = Math.log(Math.PI);
    private static final double LOG_TWO = Math.log(2.0);

    static final Map<String, Family> FAMILIES = Map.ofEntries(
            Map.entry("normal", new Family(3, false, List.of(
                    new Term(0b111, a -> multiply(real(-0.5), sq(divide(subtract(a[0], a[1]), a[2])))),
                    new Term(0b100, a -> negate(log(a[2]))),
                    new Term(0, a -> real(-LOG_SQRT_TWO_PI))))),
            Map.entry("std_normal", new Family(1, false, List.of(
                    new Term(0b1, a -> multiply(real(-0.5), sq(a[0]))),
                    new Term(0, a -> real(-LOG_SQRT_TWO_PI))))),
            Map.entry("cauchy", new Family(3, false, List.of(
                    new Term(0b111, a -> negate(call(Primitives.LOG1P, sq(divide(subtract(a[0], a[1]), a[2]))))),
                    new Term(0b100, a -> negate(log(a[2]))),
                    new Term(0, a -> real(-LOG_PI))))),
            Map.entry("student_t", new Family(4, false, List.of(
                    new Term(0b0010, a -> subtract(lgamma(multiply(real(0.5), add(a[1], real(1.0)))),
                            add(lgamma(multiply(real(0.5), a[1])), multiply(real(0.5), log(a[1]))))),
                    new Term(0b1000, a -> negate(log(a[3]))),
                    new Term(0b1111, a -> multiply(multiply(real(-0.5), add(a[1], real(1.0))),
                            call(Primitives.LOG1P, divide(sq(divide(subtract(a[0], a[2]), a[3])), a[1])))),
                    new Term(0, a -> real(-0.5 * LOG_PI))))),
            Map.entry("lognormal", new Family(3, false, List.of(
                    new Term(0b111, a -> multiply(real(-0.5), sq(divide(subtract(log(a[0]), a[1]), a[2])))),
                    new Term(0b100, a -> negate(log(a[2]))),
                    new Term(0b001, a -> negate(log(a[0]))),
                    new Term(0, a -> real(-LOG_SQRT_TWO_PI))))),
            Map.entry("exponential", new Family(2, false, List.of(
                    new Term(0b10, a -> log(a[1])),
                    new Term(0b11, a -> negate(multiply(a[1], a[0])))))),
            Map.entry("gamma", new Family(3, false, List.of(
                    new Term(0b010, a -> negate(lgamma(a[1]))),
                    new Term(0b110, a -> multiply(a[1], log(a[2]))),
                    new Term(0b011, a -> multiply(subtract(a[1], real(1.0)), log(a[0]))),
                    new Term(0b101, a -> negate(multiply(a[2], a[0])))))),
            Map.entry("inv_gamma", new Family(3, false, List.of(
                    new Term(0b010, a -> negate(lgamma(a[1]))),
                    new Term(0b110, a -> multiply(a[1], log(a[2]))),
                    new Term(0b011, a -> negate(multiply(add(a[1], real(1.0)), log(a[0])))),
                    new Term(0b101, a -> negate(divide(a[2], a[0])))))),
            Map.entry("beta", new Family(3, false, List.of(
                    new Term(0b110, a -> negate(call(Primitives.LBETA, a[1], a[2]))),
                    new Term(0b011, a -> multiply(subtract(a[1], real(1.0)), log(a[0]))),
                    new Term(0b101, a -> multiply(subtract(a[2], real(1.0)), call(Primitives.LOG1M, a[0])))))),
            Map.entry("uniform", new Family(3, false, List.of(
                    new Term(0b110, a -> negate(log(subtract(a[2], a[1])))),
                    new Term(0b111, a -> new IrExpr.Conditional(call(Primitives.OR,
                            call(Primitives.LESS, a[0], a[1]), call(Primitives.GREATER, a[0], a[2])),
                            real(Double.NEGATIVE_INFINITY), real(0.0)))))),
            Map.entry("double_exponential", new Family(3, false, List.of(
                    new Term(0b100, a -> negate(log(a[2]))),
                    new Term(0b111, a -> negate(divide(call(Primitives.FABS, subtract(a[0], a[1])), a[2]))),
                    new Term(0, a -> real(-LOG_TWO))))),
            Map.entry("logistic", new Family(3, false, List.of(
                    new Term(0b111, a -> {
                        IrExpr z = divide(subtract(a[0], a[1]), a[2]);
                        return subtract(negate(z), multiply(real(2.0), call(Primitives.LOG1P_EXP, negate(z))));
                    }),
                    new Term(0b100, a -> negate(log(a[2])))))),
            Map.entry("weibull", new Family(3, false, List.of(
                    new Term(0b010, a -> log(a[1])),
                    new Term(0b011, a -> multiply(subtract(a[1], real(1.0)), log(a[0]))),
                    new Term(0b110, a -> negate(multiply(a[1], log(a[2])))),
                    new Term(0b111, a -> negate(call(Primitives.POW, divide(a[0], a[2]), a[1])))))),
            Map.entry("chi_square", new Family(2, false, List.of(
                    new Term(0b10, a -> negate(add(multiply(multiply(real(0.5), a[1]), real(LOG_TWO)),
                            lgamma(multiply(real(0.5), a[1]))))),
                    new Term(0b11, a -> multiply(subtract(multiply(real(0.5), a[1]), real(1.0)), log(a[0]))),
                    new Term(0b01, a -> multiply(real(-0.5), a[0]))))),
            Map.entry("inv_chi_square", new Family(2, false, List.of(
                    new Term(0b10, a -> negate(add(multiply(multiply(real(0.5), a[1]), real(LOG_TWO)),
                            lgamma(multiply(real(0.5), a[1]))))),
                    new Term(0b11, a -> negate(multiply(add(multiply(real(0.5), a[1]), real(1.0)), log(a[0])))),
                    new Term(0b01, a -> divide(real(-0.5), a[0]))))),
            Map.entry("scaled_inv_chi_square", new Family(3, false, List.of(
                    new Term(0b010, a -> subtract(multiply(multiply(real(0.5), a[1]), log(multiply(real(0.5), a[1]))),
                            lgamma(multiply(real(0.5), a[1])))),
                    new Term(0b110, a -> multiply(a[1], log(a[2]))),
                    new Term(0b011, a -> negate(multiply(add(multiply(real(0.5), a[1]), real(1.0)), log(a[0])))),
                    new Term(0b111, a -> negate(divide(multiply(multiply(real(0.5), a[1]), sq(a[2])), a[0])))))),
            Map.entry("pareto", new Family(3, false, List.of(
                    new Term(0b100, a -> log(a[2])),
                    new Term(0b110, a -> multiply(a[2], log(a[1]))),
                    new Term(0b101, a -> negate(multiply(add(a[2], real(1.0)), log(a[0]))))))),
            Map.entry("bernoulli", new Family(2, true, List.of(
                    new Term(0b11, a -> new IrExpr.Conditional(call(Primitives.INT_EQUAL, a[0], Ops.integer(1)),
                            log(a[1]), call(Primitives.LOG1M, a[1])))))),
            Map.entry("bernoulli_logit", new Family(2, true, List.of(
                    new Term(0b11, a -> new IrExpr.Conditional(call(Primitives.INT_EQUAL, a[0], Ops.integer(1)),
                            call(Primitives.LOG_INV_LOGIT, a[1]), call(Primitives.LOG1M_INV_LOGIT, a[1])))))),
            Map.entry("binomial", new Family(3, true, List.of(
                    new Term(0b011, a -> call(Primitives.LCHOOSE, a[1], a[0])),
                    new Term(0b111, a -> add(call(Primitives.MULTIPLY_LOG, a[0], a[2]),
                            multiply(subtract(a[1], a[0]), call(Primitives.LOG1M, a[2]))))))),
            Map.entry("binomial_logit", new Family(3, true, List.of(
                    new Term(0b011, a -> call(Primitives.LCHOOSE, a[1], a[0])),
                    new Term(0b111, a -> add(multiply(a[0], call(Primitives.LOG_INV_LOGIT, a[2])),
                            multiply(subtract(a[1], a[0]), call(Primitives.LOG1M_INV_LOGIT, a[2]))))))),
            Map.entry("poisson", new Family(2, true, List.of(
                    new Term(0b11, a -> subtract(call(Primitives.MULTIPLY_LOG, a[0], a[1]), a[1])),
                    new Term(0b01, a -> negate(lgamma(add(a[0], real(1.0)))))))),
            Map.entry("poisson_log", new Family(2, true, List.of(
                    new Term(0b11, a -> subtract(multiply(a[0], a[1]), call(Primitives.EXP, a[1]))),
                    new Term(0b01, a -> negate(lgamma(add(a[0], real(1.0)))))))),
            Map.entry("neg_binomial_2", new Family(3, true, List.of(
                    new Term(0b101, a -> call(Primitives.LCHOOSE, subtract(add(a[0], a[2]), real(1.0)), a[0])),
                    new Term(0b011, a -> call(Primitives.MULTIPLY_LOG, a[0], a[1])),
                    new Term(0b100, a -> multiply(a[2], log(a[2]))),
                    new Term(0b111, a -> negate(multiply(add(a[0], a[2]), log(add(a[1], a[2])))))))),
            Map.entry("neg_binomial_2_log", new Family(3, true, List.of(
                    new Term(0b101, a -> call(Primitives.LCHOOSE, subtract(add(a[0], a[2]), real(1.0)), a[0])),
                    new Term(0b011, a -> multiply(a[0], a[1])),
                    new Term(0b100, a -> multiply(a[2], log(a[2]))),
                    new Term(0b111, a -> negate(multiply(add(a[0], a[2]),
                            call(Primitives.LOG_SUM_EXP, a[1], log(a[2])))))))),
            Map.entry("beta_binomial", new Family(4, true, List.of(
                    new Term(0b0011, a -> call(Primitives.LCHOOSE, a[1], a[0])),
                    new Term(0b1111, a -> call(Primitives.LBETA, add(a[0], a[2]), add(subtract(a[1], a[0]), a[3]))),
                    new Term(0b1100, a -> negate(call(Primitives.LBETA, a[2], a[3])))))),
            // von Mises: exp(kappa cos(y - mu)) / (2 pi I0(kappa)).
            Map.entry("von_mises", new Family(3, false, List.of(
                    new Term(0b111, a -> multiply(a[2], call(Primitives.COS, subtract(a[0], a[1])))),
                    new Term(0b100, a -> negate(call(Primitives.LOG_BESSEL_I0, a[2]))),
                    new Term(0, a -> real(-LOG_TWO - LOG_PI))))));

    /** Cumulative distribution functions on the log scale: one term reading every argument. */
    static final Map<String, Family> CUMULATIVE = Map.ofEntries(
            Map.entry("normal_lcdf", whole(3, a -> call(Primitives.LOG_PHI, divide(subtract(a[0], a[1]), a[2])))),
            Map.entry("normal_lccdf", whole(3, a -> call(Primitives.LOG_PHI, divide(subtract(a[1], a[0]), a[2])))),
            Map.entry("std_normal_lcdf", whole(1, a -> call(Primitives.LOG_PHI, a[0]))),
            Map.entry("std_normal_lccdf", whole(1, a -> call(Primitives.LOG_PHI, negate(a[0])))),
            Map.entry("exponential_lccdf", whole(2, a -> negate(multiply(a[1], a[0])))),
            Map.entry("exponential_lcdf", whole(2, a -> call(Primitives.LOG1M_EXP, negate(multiply(a[1], a[0]))))),
            Map.entry("logistic_lcdf", whole(3, a -> call(Primitives.LOG_INV_LOGIT,
                    divide(subtract(a[0], a[1]), a[2])))),
            Map.entry("logistic_lccdf", whole(3, a -> call(Primitives.LOG1M_INV_LOGIT,
                    divide(subtract(a[0], a[1]), a[2])))),
            Map.entry("cauchy_lcdf", whole(3, a -> log(add(real(0.5), divide(call(Primitives.ATAN,
                    divide(subtract(a[0], a[1]), a[2])), real(Math.PI)))))),
            Map.entry("cauchy_lccdf", whole(3, a -> log(subtract(real(0.5), divide(call(Primitives.ATAN,
                    divide(subtract(a[0], a[1]), a[2])), real(Math.PI)))))),
            Map.entry("lognormal_lcdf", whole(3, a -> call(Primitives.LOG_PHI,
                    divide(subtract(log(a[0]), a[1]), a[2])))),
            Map.entry("lognormal_lccdf", whole(3, a -> call(Primitives.LOG_PHI,
                    divide(subtract(a[1], log(a[0])), a[2])))),
            Map.entry("weibull_lcdf", whole(3, a -> call(Primitives.LOG1M_EXP,
                    negate(call(Primitives.POW, divide(a[0], a[2]), a[1]))))),
            Map.entry("weibull_lccdf", whole(3, a -> negate(call(Primitives.POW, divide(a[0], a[2]), a[1])))),
            Map.entry("pareto_lccdf", whole(3, a -> multiply(a[2], log(divide(a[1], a[0]))))),
            Map.entry("pareto_lcdf", whole(3, a -> call(Primitives.LOG1M_EXP,
                    multiply(a[2], log(divide(a[1], a[0])))))),
            Map.entry("student_t_lccdf", whole(4, a -> call(Primitives.STUDENT_T_LCCDF,
                    divide(subtract(a[0], a[2]), a[3]), a[1]))),
            Map.entry("student_t_lcdf", whole(4, a -> call(Primitives.STUDENT_T_LCDF,
                    divide(subtract(a[0], a[2]), a[3]), a[1]))));

    private ScalarDensities() {
    }

    private static Family whole(int arity, Function<IrExpr[], IrExpr> value) {
        return new Family(arity, false, List.of(new Term((1 << arity) - 1, value)));
    }

    private static IrExpr sq(IrExpr x) {
        return call(Primitives.SQUARE, x);
    }

    private static IrExpr log(IrExpr x) {
        return call(Primitives.LOG, x);
    }

    private static IrExpr lgamma(IrExpr x) {
        return call(Primitives.LGAMMA, x);
    }
}
