package manynuts.models.stan.ir;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scalar primitives of the lowered program and their derivatives: every function of the Stan library is built
 * from these (its distributions as sums of terms, its container functions as loops).
 */
public final class Primitives {
    private static final Map<String, Primitive> TABLE = new LinkedHashMap<>();

    // Real arithmetic.
    public static final Primitive ADD = add(Primitive.real("add", "($0 + $1)", "1.0", "1.0"));
    public static final Primitive SUBTRACT = add(Primitive.real("subtract", "($0 - $1)", "1.0", "-1.0"));
    public static final Primitive MULTIPLY = add(Primitive.real("multiply", "($0 * $1)", "$1", "$0"));
    public static final Primitive DIVIDE = add(Primitive.real("divide", "($0 / $1)", "(1.0 / $1)", "(-$r / $1)"));
    public static final Primitive NEGATE = add(Primitive.real("negate", "(-$0)", "-1.0"));
    public static final Primitive POW = add(Primitive.real("pow", "pow($0, $1)",
            "($1 == 0.0 ? 0.0 : $1 * pow($0, $1 - 1.0))", "($r == 0.0 ? 0.0 : $r * log($0))"));
    /** An int argument used as a real. */
    public static final Primitive TO_REAL = add(new Primitive("to_real", 1, false, true, "((double) ($0))",
            java.util.List.of("0.0")));

    // Int arithmetic; division by zero is a Stan error, raised by the runtime's idiv and imod.
    public static final Primitive INT_ADD = add(Primitive.integer("int_add", 2, "($0 + $1)"));
    public static final Primitive INT_SUBTRACT = add(Primitive.integer("int_subtract", 2, "($0 - $1)"));
    public static final Primitive INT_MULTIPLY = add(Primitive.integer("int_multiply", 2, "($0 * $1)"));
    public static final Primitive INT_DIVIDE = add(Primitive.integer("int_divide", 2, "idiv($0, $1)"));
    public static final Primitive INT_MODULUS = add(Primitive.integer("int_modulus", 2, "imod($0, $1)"));
    public static final Primitive INT_NEGATE = add(Primitive.integer("int_negate", 1, "(-$0)"));
    /** A 1-based Stan index checked against a size and made 0-based. */
    public static final Primitive INDEX = add(Primitive.integer("index", 2, "ix($0, $1)"));

    // Comparisons and logic: ints 0 or 1.
    public static final Primitive LESS = add(Primitive.realTest("less", 2, "($0 < $1 ? 1 : 0)"));
    public static final Primitive LESS_EQUAL = add(Primitive.realTest("less_equal", 2, "($0 <= $1 ? 1 : 0)"));
    public static final Primitive GREATER = add(Primitive.realTest("greater", 2, "($0 > $1 ? 1 : 0)"));
    public static final Primitive GREATER_EQUAL = add(Primitive.realTest("greater_equal", 2, "($0 >= $1 ? 1 : 0)"));
    public static final Primitive EQUAL = add(Primitive.realTest("equal", 2, "($0 == $1 ? 1 : 0)"));
    public static final Primitive NOT_EQUAL = add(Primitive.realTest("not_equal", 2, "($0 != $1 ? 1 : 0)"));
    public static final Primitive INT_LESS = add(Primitive.integer("int_less", 2, "($0 < $1 ? 1 : 0)"));
    public static final Primitive INT_LESS_EQUAL = add(Primitive.integer("int_less_equal", 2, "($0 <= $1 ? 1 : 0)"));
    public static final Primitive INT_GREATER = add(Primitive.integer("int_greater", 2, "($0 > $1 ? 1 : 0)"));
    public static final Primitive INT_GREATER_EQUAL = add(Primitive.integer("int_greater_equal", 2,
            "($0 >= $1 ? 1 : 0)"));
    public static final Primitive INT_EQUAL = add(Primitive.integer("int_equal", 2, "($0 == $1 ? 1 : 0)"));
    public static final Primitive INT_NOT_EQUAL = add(Primitive.integer("int_not_equal", 2, "($0 != $1 ? 1 : 0)"));
    public static final Primitive AND = add(Primitive.integer("and", 2, "(($0 != 0 && $1 != 0) ? 1 : 0)"));
    public static final Primitive OR = add(Primitive.integer("or", 2, "(($0 != 0 || $1 != 0) ? 1 : 0)"));
    public static final Primitive NOT = add(Primitive.integer("not", 1, "($0 == 0 ? 1 : 0)"));
    public static final Primitive REAL_NOT = add(Primitive.realTest("real_not", 1, "($0 == 0.0 ? 1 : 0)"));
    public static final Primitive REAL_TRUTH = add(Primitive.realTest("real_truth", 1, "($0 != 0.0 ? 1 : 0)"));
    public static final Primitive IS_NAN = add(Primitive.realTest("is_nan", 1, "(isnan($0) ? 1 : 0)"));
    public static final Primitive IS_INF = add(Primitive.realTest("is_inf", 1, "(isinf($0) ? 1 : 0)"));
    public static final Primitive INT_STEP = add(Primitive.realTest("int_step", 1, "($0 > 0.0 ? 1 : 0)"));
    /** A real truncated toward zero to an int (Stan's to_int; of data only). */
    public static final Primitive TO_INT = add(Primitive.realTest("to_int", 1, "to_int($0)"));
    public static final Primitive INT_ABS = add(Primitive.integer("int_abs", 1, "iabs($0)"));
    public static final Primitive INT_MIN = add(Primitive.integer("int_min", 2, "imin($0, $1)"));
    public static final Primitive INT_MAX = add(Primitive.integer("int_max", 2, "imax($0, $1)"));

    // Elementary functions.
    public static final Primitive EXP = add(Primitive.real("exp", "exp($0)", "$r"));
    public static final Primitive LOG = add(Primitive.real("log", "log($0)", "(1.0 / $0)"));
    public static final Primitive SQRT = add(Primitive.real("sqrt", "sqrt($0)", "(0.5 / $r)"));
    public static final Primitive SQUARE = add(Primitive.real("square", "($0 * $0)", "(2.0 * $0)"));
    public static final Primitive INV = add(Primitive.real("inv", "(1.0 / $0)", "(-$r * $r)"));
    public static final Primitive INV_SQRT = add(Primitive.real("inv_sqrt", "(1.0 / sqrt($0))", "(-0.5 * $r / $0)"));
    public static final Primitive INV_SQUARE = add(Primitive.real("inv_square", "(1.0 / ($0 * $0))",
            "(-2.0 * $r / $0)"));
    public static final Primitive CBRT = add(Primitive.real("cbrt", "cbrt($0)", "($r / (3.0 * $0))"));
    public static final Primitive EXP2 = add(Primitive.real("exp2", "exp2($0)", "($r * 0.6931471805599453)"));
    public static final Primitive EXPM1 = add(Primitive.real("expm1", "expm1($0)", "($r + 1.0)"));
    public static final Primitive LOG2 = add(Primitive.real("log2", "log2($0)", "(1.4426950408889634 / $0)"));
    public static final Primitive LOG10 = add(Primitive.real("log10", "log10($0)", "(0.4342944819032518 / $0)"));
    public static final Primitive LOG1P = add(Primitive.real("log1p", "log1p($0)", "(1.0 / (1.0 + $0))"));
    public static final Primitive LOG1M = add(Primitive.real("log1m", "log1p(-$0)", "(-1.0 / (1.0 - $0))"));
    public static final Primitive LOG1P_EXP = add(Primitive.real("log1p_exp", "log1p_exp($0)", "inv_logit($0)"));
    public static final Primitive LOG1M_EXP = add(Primitive.real("log1m_exp", "log1m_exp($0)", "(-1.0 / expm1(-$0))"));
    public static final Primitive INV_LOGIT = add(Primitive.real("inv_logit", "inv_logit($0)", "($r * (1.0 - $r))"));
    public static final Primitive LOGIT = add(Primitive.real("logit", "log($0 / (1.0 - $0))", "(1.0 / ($0 - $0 * $0))"));
    public static final Primitive LOG_INV_LOGIT = add(Primitive.real("log_inv_logit", "log_inv_logit($0)",
            "inv_logit(-$0)"));
    public static final Primitive LOG1M_INV_LOGIT = add(Primitive.real("log1m_inv_logit", "log_inv_logit(-$0)",
            "(-inv_logit($0))"));
    public static final Primitive LGAMMA = add(Primitive.real("lgamma", "lgamma($0)", "digamma($0)"));
    public static final Primitive DIGAMMA = add(Primitive.real("digamma", "digamma($0)", "trigamma($0)"));
    public static final Primitive TGAMMA = add(Primitive.real("tgamma", "tgamma($0)", "($r * digamma($0))"));
    public static final Primitive ERF = add(Primitive.real("erf", "erf($0)",
            "(1.1283791670955126 * exp(-$0 * $0))"));
    public static final Primitive ERFC = add(Primitive.real("erfc", "erfc($0)",
            "(-1.1283791670955126 * exp(-$0 * $0))"));
    public static final Primitive PHI = add(Primitive.real("Phi", "Phi($0)", "(0.3989422804014327 * exp(-0.5 * $0 * $0))"));
    public static final Primitive INV_PHI = add(Primitive.real("inv_Phi", "inv_Phi($0)",
            "(2.5066282746310002 * exp(0.5 * $r * $r))"));
    public static final Primitive PHI_APPROX = add(Primitive.real("Phi_approx",
            "inv_logit(0.07056 * $0 * $0 * $0 + 1.5976 * $0)", "($r * (1.0 - $r) * (3.0 * 0.07056 * $0 * $0 + 1.5976))"));
    public static final Primitive LOG_PHI = add(Primitive.real("log_Phi", "log_Phi($0)", "d_log_Phi($0)"));
    public static final Primitive FABS = add(Primitive.real("fabs", "fabs($0)", "($0 > 0.0 ? 1.0 : ($0 < 0.0 ? -1.0 : 0.0))"));
    public static final Primitive SIN = add(Primitive.real("sin", "sin($0)", "cos($0)"));
    public static final Primitive COS = add(Primitive.real("cos", "cos($0)", "(-sin($0))"));
    public static final Primitive TAN = add(Primitive.real("tan", "tan($0)", "(1.0 + $r * $r)"));
    public static final Primitive ASIN = add(Primitive.real("asin", "asin($0)", "(1.0 / sqrt(1.0 - $0 * $0))"));
    public static final Primitive ACOS = add(Primitive.real("acos", "acos($0)", "(-1.0 / sqrt(1.0 - $0 * $0))"));
    public static final Primitive ATAN = add(Primitive.real("atan", "atan($0)", "(1.0 / (1.0 + $0 * $0))"));
    public static final Primitive SINH = add(Primitive.real("sinh", "sinh($0)", "cosh($0)"));
    public static final Primitive COSH = add(Primitive.real("cosh", "cosh($0)", "sinh($0)"));
    public static final Primitive TANH = add(Primitive.real("tanh", "tanh($0)", "(1.0 - $r * $r)"));
    public static final Primitive ASINH = add(Primitive.real("asinh", "asinh($0)", "(1.0 / sqrt($0 * $0 + 1.0))"));
    public static final Primitive ACOSH = add(Primitive.real("acosh", "acosh($0)", "(1.0 / sqrt($0 * $0 - 1.0))"));
    public static final Primitive ATANH = add(Primitive.real("atanh", "atanh($0)", "(1.0 / (1.0 - $0 * $0))"));
    public static final Primitive ATAN2 = add(Primitive.real("atan2", "atan2($0, $1)",
            "($1 / ($0 * $0 + $1 * $1))", "(-$0 / ($0 * $0 + $1 * $1))"));
    public static final Primitive HYPOT = add(Primitive.real("hypot", "hypot($0, $1)", "($0 / $r)", "($1 / $r)"));
    public static final Primitive FMIN = add(Primitive.real("fmin", "fmin($0, $1)", "($0 <= $1 ? 1.0 : 0.0)",
            "($0 <= $1 ? 0.0 : 1.0)"));
    public static final Primitive FMAX = add(Primitive.real("fmax", "fmax($0, $1)", "($0 >= $1 ? 1.0 : 0.0)",
            "($0 >= $1 ? 0.0 : 1.0)"));
    public static final Primitive FDIM = add(Primitive.real("fdim", "fdim($0, $1)", "($0 > $1 ? 1.0 : 0.0)",
            "($0 > $1 ? -1.0 : 0.0)"));
    public static final Primitive FMOD = add(Primitive.real("fmod", "fmod($0, $1)", "1.0", "(-trunc($0 / $1))"));
    public static final Primitive LOG_SUM_EXP = add(Primitive.real("log_sum_exp2", "log_sum_exp2($0, $1)",
            "exp($0 - $r)", "exp($1 - $r)"));
    public static final Primitive LOG_DIFF_EXP = add(Primitive.real("log_diff_exp", "log_diff_exp($0, $1)",
            "(-1.0 / expm1($1 - $0))", "(-1.0 / expm1($0 - $1))"));
    public static final Primitive LBETA = add(Primitive.real("lbeta", "lbeta($0, $1)",
            "(digamma($0) - digamma($0 + $1))", "(digamma($1) - digamma($0 + $1))"));
    public static final Primitive LCHOOSE = add(Primitive.real("lchoose", "lchoose($0, $1)",
            "(digamma($0 + 1.0) - digamma($0 - $1 + 1.0))", "(digamma($0 - $1 + 1.0) - digamma($1 + 1.0))"));
    public static final Primitive MULTIPLY_LOG = add(Primitive.real("multiply_log", "multiply_log($0, $1)",
            "log($1)", "($0 == 0.0 ? 0.0 : $0 / $1)"));
    public static final Primitive FMA = add(Primitive.real("fma", "($0 * $1 + $2)", "$1", "$0", "1.0"));
    public static final Primitive FLOOR = add(Primitive.flat("floor", 1, "floor($0)"));
    public static final Primitive CEIL = add(Primitive.flat("ceil", 1, "ceil($0)"));
    public static final Primitive ROUND = add(Primitive.flat("round", 1, "round($0)"));
    public static final Primitive TRUNC = add(Primitive.flat("trunc", 1, "trunc($0)"));
    public static final Primitive STEP = add(Primitive.flat("step", 1, "($0 < 0.0 ? 0.0 : 1.0)"));
    /** Student's t upper-tail log probability of a standardised value; data arguments only (no derivatives). */
    public static final Primitive STUDENT_T_LCCDF = add(new Primitive("student_t_lccdf_std", 2, false, false,
            "student_t_lccdf_std($0, $1)", null));
    public static final Primitive STUDENT_T_LCDF = add(new Primitive("student_t_lcdf_std", 2, false, false,
            "student_t_lcdf_std($0, $1)", null));

    // Distribution functions and the von Mises normaliser, with their shape derivatives (the runtime's
    // SpecialFunctions and stan_special.cuh): Stan's gamma_p(a, x), gamma_q(a, x) and inc_beta(a, b, x).
    public static final Primitive GAMMA_P = add(Primitive.real("gamma_p", "gamma_p($0, $1)", "gamma_p_da($0, $1)",
            "gamma_p_dx($0, $1)"));
    public static final Primitive GAMMA_Q = add(Primitive.real("gamma_q", "gamma_q($0, $1)", "(-gamma_p_da($0, $1))",
            "(-gamma_p_dx($0, $1))"));
    public static final Primitive INC_BETA = add(Primitive.real("inc_beta", "inc_beta($0, $1, $2)",
            "inc_beta_da($0, $1, $2)", "inc_beta_db($0, $1, $2)", "inc_beta_dx($0, $1, $2)"));
    /** log I0(kappa), the modified Bessel function of the first kind of order 0; its derivative is I1 / I0. */
    public static final Primitive LOG_BESSEL_I0 = add(Primitive.real("log_bessel_i0", "log_bessel_i0($0)",
            "bessel_i1_over_i0($0)"));

    /**
     * Its argument's value with no derivative: an expression of it is inactive, so what it feeds is neither taped
     * nor differentiated. Decompositions compute on detached copies and add the derivative back through their
     * adjoint formulas (see {@code SymmetricEigen}).
     */
    public static final Primitive DETACH = add(Primitive.flat("detach", 1, "$0"));

    // Random numbers (generated quantities and transformed data only): the template's rng__ is the generator.
    /** Real-valued samplers of scalar families by name, each with its number of arguments. */
    public static final java.util.Map<String, Primitive> REAL_RNG = randoms(false, "uniform:2", "normal:2",
            "std_normal:0", "lognormal:2", "exponential:1", "gamma:2", "inv_gamma:2", "chi_square:1",
            "inv_chi_square:1", "scaled_inv_chi_square:2", "beta:2", "student_t:3", "cauchy:2",
            "double_exponential:2", "logistic:2", "weibull:2", "pareto:2", "von_mises:2");
    /** Int-valued samplers of scalar families. */
    public static final java.util.Map<String, Primitive> INT_RNG = randoms(true, "bernoulli:1", "bernoulli_logit:1",
            "binomial:2", "binomial_logit:2", "poisson:1", "poisson_log:1", "neg_binomial_2:2",
            "neg_binomial_2_log:2", "beta_binomial:3");

    private Primitives() {
    }

    private static java.util.Map<String, Primitive> randoms(boolean integer, String... families) {
        java.util.Map<String, Primitive> map = new LinkedHashMap<>();
        for (String family : families) {
            String name = family.substring(0, family.indexOf(':')) + "_rng";
            int arity = Integer.parseInt(family.substring(family.indexOf(':') + 1));
            StringBuilder template = new StringBuilder(name).append("(rng__");
            for (int k = 0; k < arity; k++) {
                template.append(", $").append(k);
            }
            map.put(name, add(new Primitive(name, arity, integer, false, template.append(')').toString(), null)));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Whether a primitive draws random numbers: each call is a new draw, never reused. */
    public static boolean isRandom(Primitive primitive) {
        return primitive.name().endsWith("_rng");
    }

    private static Primitive add(Primitive primitive) {
        TABLE.put(primitive.name(), primitive);
        return primitive;
    }

    /** The primitive of that name, or null. */
    public static Primitive named(String name) {
        return TABLE.get(name);
    }

    /** Every primitive, in a stable order. */
    public static java.util.Collection<Primitive> all() {
        return TABLE.values();
    }
}
