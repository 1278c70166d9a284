package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitive;
import manynuts.models.stan.ir.Primitives;

/**
 * Stan's built-in functions: each one checked against its signatures and lowered to primitives, sums and loops.
 * Distributions are in {@link Distributions}, containers' constructors and reshaping in {@link Containers}.
 */
final class Library {
    /** Functions of one real applied to every element of a container. */
    private static final Map<String, Primitive> ELEMENTWISE = Map.ofEntries(
            Map.entry("exp", Primitives.EXP), Map.entry("log", Primitives.LOG), Map.entry("sqrt", Primitives.SQRT),
            Map.entry("square", Primitives.SQUARE), Map.entry("inv", Primitives.INV),
            Map.entry("inv_sqrt", Primitives.INV_SQRT), Map.entry("inv_square", Primitives.INV_SQUARE),
            Map.entry("cbrt", Primitives.CBRT), Map.entry("exp2", Primitives.EXP2),
            Map.entry("expm1", Primitives.EXPM1), Map.entry("log2", Primitives.LOG2),
            Map.entry("log10", Primitives.LOG10), Map.entry("log1p", Primitives.LOG1P),
            Map.entry("log1m", Primitives.LOG1M), Map.entry("log1p_exp", Primitives.LOG1P_EXP),
            Map.entry("log1m_exp", Primitives.LOG1M_EXP), Map.entry("inv_logit", Primitives.INV_LOGIT),
            Map.entry("logit", Primitives.LOGIT), Map.entry("log_inv_logit", Primitives.LOG_INV_LOGIT),
            Map.entry("log1m_inv_logit", Primitives.LOG1M_INV_LOGIT), Map.entry("lgamma", Primitives.LGAMMA),
            Map.entry("digamma", Primitives.DIGAMMA), Map.entry("tgamma", Primitives.TGAMMA),
            Map.entry("erf", Primitives.ERF), Map.entry("erfc", Primitives.ERFC), Map.entry("Phi", Primitives.PHI),
            Map.entry("inv_Phi", Primitives.INV_PHI), Map.entry("Phi_approx", Primitives.PHI_APPROX),
            Map.entry("fabs", Primitives.FABS), Map.entry("sin", Primitives.SIN), Map.entry("cos", Primitives.COS),
            Map.entry("tan", Primitives.TAN), Map.entry("asin", Primitives.ASIN), Map.entry("acos", Primitives.ACOS),
            Map.entry("atan", Primitives.ATAN), Map.entry("sinh", Primitives.SINH),
            Map.entry("cosh", Primitives.COSH), Map.entry("tanh", Primitives.TANH),
            Map.entry("asinh", Primitives.ASINH), Map.entry("acosh", Primitives.ACOSH),
            Map.entry("atanh", Primitives.ATANH), Map.entry("floor", Primitives.FLOOR),
            Map.entry("ceil", Primitives.CEIL), Map.entry("round", Primitives.ROUND),
            Map.entry("trunc", Primitives.TRUNC), Map.entry("step", Primitives.STEP));

    /** Functions of two reals. */
    private static final Map<String, Primitive> BINARY = Map.ofEntries(
            Map.entry("pow", Primitives.POW), Map.entry("fmin", Primitives.FMIN), Map.entry("fmax", Primitives.FMAX),
            Map.entry("fdim", Primitives.FDIM), Map.entry("fmod", Primitives.FMOD),
            Map.entry("atan2", Primitives.ATAN2), Map.entry("hypot", Primitives.HYPOT),
            Map.entry("log_diff_exp", Primitives.LOG_DIFF_EXP), Map.entry("lbeta", Primitives.LBETA),
            Map.entry("lchoose", Primitives.LCHOOSE), Map.entry("binomial_coefficient_log", Primitives.LCHOOSE),
            Map.entry("multiply_log", Primitives.MULTIPLY_LOG), Map.entry("lmultiply", Primitives.MULTIPLY_LOG));

    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E, "sqrt2", Math.sqrt(2.0),
            "log2", Math.log(2.0), "log10", Math.log(10.0), "not_a_number", Double.NaN,
            "positive_infinity", Double.POSITIVE_INFINITY, "negative_infinity", Double.NEGATIVE_INFINITY,
            "machine_precision", Math.ulp(1.0));

    private final Lowerer lowerer;
    private final Expressions expressions;
    private final Distributions distributions;
    private final Containers containers;
    private final Functions functions;
    private final RandomNumbers random;

    Library(Lowerer lowerer, Expressions expressions) {
        this.lowerer = lowerer;
        this.expressions = expressions;
        this.distributions = new Distributions(lowerer);
        this.containers = new Containers(lowerer);
        this.functions = new Functions(lowerer, expressions);
        this.random = new RandomNumbers(lowerer);
    }

    Distributions distributions() {
        return distributions;
    }

    Functions functions() {
        return functions;
    }

    Val call(String name, List<Val> args, SourcePos pos) {
        if (lowerer.functions.containsKey(name)) {
            return functions.inline(name, args, pos);
        }
        if (Distributions.isDensity(name)) {
            return Val.of(distributions.density(name, args, pos, false));
        }
        if (name.endsWith("_rng")) {
            return random.call(name, args, pos);
        }
        if (args.isEmpty() && CONSTANTS.containsKey(name)) {
            return Val.of(Ops.real(CONSTANTS.get(name)));
        }
        Primitive unary = ELEMENTWISE.get(name);
        if (unary != null && args.size() == 1) {
            return elementwise(name, unary, args.get(0), pos);
        }
        Primitive binary = BINARY.get(name);
        if (binary != null && args.size() == 2) {
            return binaryElementwise(name, binary, args.get(0), args.get(1), pos);
        }
        Val reduced = Reductions.call(lowerer, name, args, pos);
        if (reduced != null) {
            return reduced;
        }
        if (name.equals("transpose") && args.size() == 1) {
            return expressions.transpose(args.get(0), pos);
        }
        Val decomposed = MatrixFunctions.call(lowerer, name, args, pos);
        if (decomposed != null) {
            return decomposed;
        }
        Val built = containers.call(name, args, pos);
        if (built != null) {
            return built;
        }
        return scalarFunction(name, args, pos);
    }

    private Val elementwise(String name, Primitive primitive, Val arg, SourcePos pos) {
        if (arg.type.base() == BaseType.VOID) {
            throw lowerer.error(pos, name + " needs a value");
        }
        if ((name.equals("abs") || name.equals("fabs")) && arg.type.equals(StanType.INT)) {
            return Val.of(Ops.call(Primitives.INT_ABS, arg.scalar()));
        }
        StanType type = arg.type.promoted();
        return Val.map(type, List.of(arg), x -> Ops.call(primitive, x.get(0)));
    }

    private Val binaryElementwise(String name, Primitive primitive, Val a, Val b, SourcePos pos) {
        if (a.type.rank() == 0 && b.type.rank() == 0) {
            return Val.of(Ops.call(primitive, a.scalar(), b.scalar()));
        }
        Val container = a.type.rank() > 0 ? a : b;
        if (a.type.rank() > 0 && b.type.rank() > 0) {
            for (int k = 0; k < a.dims().size(); k++) {
                lowerer.checkSameSize(a.dims().get(k), b.dims().get(k), name + " at " + pos);
            }
        }
        return Val.map(container.type.promoted(), List.of(a, b), x -> Ops.call(primitive, x.get(0), x.get(1)));
    }

    private Val scalarFunction(String name, List<Val> args, SourcePos pos) {
        List<IrExpr> scalars = new ArrayList<>();
        for (Val arg : args) {
            if (!arg.type.isScalar()) {
                throw unknown(name, args, pos);
            }
            scalars.add(arg.scalar());
        }
        boolean allInt = args.stream().allMatch(a -> a.type.equals(StanType.INT));
        switch (name + "/" + args.size()) {
            case "abs/1":
                return Val.of(allInt ? Ops.call(Primitives.INT_ABS, scalars.get(0))
                        : Ops.call(Primitives.FABS, scalars.get(0)));
            case "min/2":
                return Val.of(allInt ? Ops.call(Primitives.INT_MIN, scalars.get(0), scalars.get(1))
                        : Ops.call(Primitives.FMIN, scalars.get(0), scalars.get(1)));
            case "max/2":
                return Val.of(allInt ? Ops.call(Primitives.INT_MAX, scalars.get(0), scalars.get(1))
                        : Ops.call(Primitives.FMAX, scalars.get(0), scalars.get(1)));
            case "log_sum_exp/2":
                return Val.of(Ops.call(Primitives.LOG_SUM_EXP, scalars.get(0), scalars.get(1)));
            case "log_mix/3": {
                IrExpr theta = scalars.get(0);
                return Val.of(Ops.call(Primitives.LOG_SUM_EXP,
                        Ops.add(Ops.call(Primitives.LOG, theta), scalars.get(1)),
                        Ops.add(Ops.call(Primitives.LOG1M, theta), scalars.get(2))));
            }
            case "fma/3":
                return Val.of(Ops.call(Primitives.FMA, scalars.get(0), scalars.get(1), scalars.get(2)));
            case "int_step/1":
                return Val.of(Ops.call(Primitives.INT_STEP, scalars.get(0)));
            case "is_inf/1":
                return Val.of(Ops.call(Primitives.IS_INF, scalars.get(0)));
            case "is_nan/1":
                return Val.of(Ops.call(Primitives.IS_NAN, scalars.get(0)));
            case "inv_cloglog/1":
                return Val.of(Ops.subtract(Ops.ONE, Ops.call(Primitives.EXP,
                        Ops.negate(Ops.call(Primitives.EXP, scalars.get(0))))));
            case "log_inv_logit_diff/2":
                return Val.of(Ops.call(Primitives.LOG,
                        Ops.subtract(Ops.call(Primitives.INV_LOGIT, scalars.get(0)),
                                Ops.call(Primitives.INV_LOGIT, scalars.get(1)))));
            case "logical_negation/1":
                return Val.of(Ops.call(Primitives.REAL_NOT, scalars.get(0)));
            case "to_int/1":
                if (args.get(0).isActive()) {
                    throw lowerer.error(pos, "to_int needs data: its value cannot depend on the parameters");
                }
                return Val.of(allInt ? scalars.get(0) : Ops.call(Primitives.TO_INT, scalars.get(0)));
            default:
                throw unknown(name, args, pos);
        }
    }

    private RuntimeException unknown(String name, List<Val> args, SourcePos pos) {
        String types = String.join(", ", args.stream().map(a -> a.type.toString()).toList());
        return lowerer.error(pos, "no function " + name + "(" + types + ") is known (or it is not supported yet)");
    }
}
