package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.stan.syntax.Declaration;
import manynuts.models.stan.syntax.Expr;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.syntax.Stmt;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/** Lowers statements: assignments element by element, sampling statements to target increments, loops, branches. */
final class Statements {
    private final Lowerer lowerer;
    private final Expressions expressions;

    Statements(Lowerer lowerer, Expressions expressions) {
        this.lowerer = lowerer;
        this.expressions = expressions;
    }

    void lowerAll(List<Stmt> statements) {
        for (int k = 0; k < statements.size(); k++) {
            Stmt s = statements.get(k);
            lower(s);
            IrVar returned = returnedFlag();
            if (returned != null && Functions.containsReturn(s) && k + 1 < statements.size()) {
                // The rest runs only where no return was taken.
                List<Stmt> rest = statements.subList(k + 1, statements.size());
                List<IrStmt> body = lowerer.builder.collect(() -> lowerAll(rest));
                lowerer.add(new IrStmt.If(notReturned(returned), body, List.of()));
                return;
            }
        }
    }

    /** The flag of a function that returns before its end, while its body is lowered; else null. */
    private IrVar returnedFlag() {
        return lowerer.functionReturn == null ? null : lowerer.functionReturn.returned;
    }

    private static IrExpr notReturned(IrVar returned) {
        return Ops.call(Primitives.INT_EQUAL, Ops.read(returned), Ops.integer(0));
    }

    /** A loop body that may return, made to do nothing once a return was taken (the loop runs out idle). */
    private List<IrStmt> guarded(Stmt body, List<IrStmt> lowered) {
        IrVar returned = returnedFlag();
        if (returned == null || !Functions.containsReturn(body)) {
            return lowered;
        }
        return List.of(new IrStmt.If(notReturned(returned), lowered, List.of()));
    }

    void lower(Stmt s) {
        if (s instanceof Stmt.Declare d) {
            declareLocal(d.declaration());
        } else if (s instanceof Stmt.Assign a) {
            assign(a);
        } else if (s instanceof Stmt.Tilde t) {
            tilde(t);
        } else if (s instanceof Stmt.TargetPlus t) {
            requireTarget(t.pos());
            lowerer.add(new IrStmt.TargetPlus(total(expressions.lower(t.value()))));
        } else if (s instanceof Stmt.For f) {
            forLoop(f);
        } else if (s instanceof Stmt.ForEach f) {
            forEach(f);
        } else if (s instanceof Stmt.While w) {
            IrExpr condition = expressions.lowerCondition(w.condition());
            List<IrStmt> body = nested(w.body());
            IrVar returned = returnedFlag();
            if (returned != null && Functions.containsReturn(w.body())) {
                condition = Ops.call(Primitives.AND, condition, notReturned(returned));
            }
            lowerer.add(new IrStmt.While(condition, body));
        } else if (s instanceof Stmt.If i) {
            IrExpr condition = expressions.lowerCondition(i.condition());
            List<IrStmt> then = nested(i.then());
            List<IrStmt> otherwise = i.otherwise() == null ? List.of() : nested(i.otherwise());
            lowerer.add(new IrStmt.If(condition, then, otherwise));
        } else if (s instanceof Stmt.Block b) {
            lowerer.scoped(() -> lowerAll(b.statements()));
        } else if (s instanceof Stmt.Print p) {
            print(p);
        } else if (s instanceof Stmt.Return r) {
            Lowerer.FunctionReturn slot = lowerer.functionReturn;
            if (slot == null || slot.returned == null) {
                throw lowerer.error(r.pos(), slot == null ? "return outside a function"
                        : "a return here is not supported");
            }
            if (r.value() != null) {
                expressions.library().functions().returnValue(expressions.lower(r.value()), r.pos());
            }
            lowerer.add(new IrStmt.Assign(slot.returned, List.of(), Ops.integer(1)));
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            if (lowerer.builder.differentiated()) {
                throw lowerer.error(s.pos(), "break and continue are not supported yet where the log density is "
                        + "computed");
            }
            lowerer.add(s instanceof Stmt.Break ? new IrStmt.Break() : new IrStmt.Continue());
        } else if (s instanceof Stmt.CallStatement c) {
            Val result = expressions.lower(c.call());
            if (result.type.base() != manynuts.models.stan.syntax.BaseType.VOID) {
                throw lowerer.error(c.pos(), "the value of " + c.call().name() + " is not used");
            }
        }
    }

    /** The statements of a nested statement, in a scope of their own. */
    List<IrStmt> nested(Stmt body) {
        List<IrStmt>[] out = new List[1];
        lowerer.scoped(() -> out[0] = lowerer.builder.collect(() -> lower(body)));
        return out[0];
    }

    private void requireTarget(SourcePos pos) {
        if (lowerer.block != Lowerer.Block.MODEL) {
            throw lowerer.error(pos, "the target can only be incremented in the model block or an _lp function");
        }
    }

    /** A value summed over its elements when it is a container. */
    private IrExpr total(Val value) {
        return value.type.rank() == 0 ? Ops.toReal(value.scalar()) : Reductions.sumAll(lowerer, value, x -> x, false);
    }

    void declareLocal(Declaration d) {
        if (d.kind() != Declaration.Kind.PLAIN || !d.bounds().isEmpty()) {
            throw lowerer.error(d.pos(), "local variables cannot have constraints");
        }
        IrVar v = declare(d, IrVar.Role.LOCAL, Symbol.Origin.LOCAL);
        if (d.initial() != null) {
            assignWhole(v, expressions.lower(d.initial()), d.initial().pos(), d.name());
        }
    }

    /**
     * Declares a variable of {@code role}: its sizes lowered, its symbol in scope, its Declare statement emitted.
     */
    IrVar declare(Declaration d, IrVar.Role role, Symbol.Origin origin) {
        StanType type = new StanType(d.base(), d.arrayDims().size());
        List<IrExpr> dims = new ArrayList<>();
        for (Expr size : d.arrayDims()) {
            dims.add(expressions.lowerInt(size, "an array size"));
        }
        for (Expr size : d.sizes()) {
            dims.add(expressions.lowerInt(size, "a size"));
        }
        if (d.base() == manynuts.models.stan.syntax.BaseType.MATRIX && d.sizes().size() == 1) {
            dims.add(dims.get(dims.size() - 1));
        }
        boolean integer = d.base() == manynuts.models.stan.syntax.BaseType.INT;
        IrVar v;
        if (role == IrVar.Role.LOCAL) {
            lowerer.requireDataSized(dims, d.name(), d.pos());
            v = lowerer.builder.local(d.name(), integer, dims, d.base(), d.arrayDims().size());
        } else {
            v = new IrVar(lowerer.names.fresh(d.name()), d.name(), role, integer, dims, d.base(),
                    d.arrayDims().size());
        }
        if (role == IrVar.Role.LOCAL) {
            lowerer.declared(v, d.pos());
        }
        Symbol symbol = new Symbol(d.name(), Val.of(v, type), origin, v);
        if (role == IrVar.Role.LOCAL) {
            lowerer.declareLocal(symbol, d.pos());
        } else {
            lowerer.declareGlobal(symbol, d.pos());
        }
        lowerer.add(new IrStmt.Declare(v));
        return v;
    }

    private void assign(Stmt.Assign a) {
        Expr target = a.target();
        // x, x[i, j] or x[i][j]: the index lists from the variable outward.
        List<List<Expr.Index>> indexings = new ArrayList<>();
        Expr base = target;
        while (base instanceof Expr.Indexed ix) {
            indexings.add(0, ix.indices());
            base = ix.base();
        }
        if (!(base instanceof Expr.Variable v)) {
            throw lowerer.error(a.pos(), "only a variable or an indexed variable can be assigned");
        }
        String name = v.name();
        Symbol symbol = lowerer.lookup(name, target.pos());
        if (symbol.variable() == null || !assignable(symbol)) {
            throw lowerer.error(target.pos(), "\"" + name + "\" cannot be assigned here");
        }
        Val view = symbol.value();
        for (List<Expr.Index> indices : indexings) {
            view = Indexing.index(lowerer, expressions, view, indices, target.pos());
        }
        Val value = expressions.lower(a.value());
        if (!a.op().equals("=")) {
            String op = a.op().substring(0, a.op().length() - 1);
            value = expressions.binary(op, view, value, a.pos());
        }
        assignView(symbol.variable(), view, value, a.pos(), name);
    }

    private boolean assignable(Symbol symbol) {
        return switch (symbol.origin()) {
            case LOCAL -> true;
            case TRANSFORMED_DATA -> lowerer.block == Lowerer.Block.TRANSFORMED_DATA;
            case TRANSFORMED_PARAMETER -> lowerer.block == Lowerer.Block.TRANSFORMED_PARAMETERS;
            case GENERATED_QUANTITY -> lowerer.block == Lowerer.Block.GENERATED_QUANTITIES;
            default -> false;
        };
    }

    /** {@code v = value} for a whole variable. */
    void assignWhole(IrVar v, Val value, SourcePos pos, String name) {
        assignView(v, Val.of(v, new StanType(v.base(), v.arrayDims())), value, pos, name);
    }

    private void assignView(IrVar variable, Val view, Val value, SourcePos pos, String name) {
        StanType to = view.type;
        StanType from = value.type;
        boolean compatible = to.equals(from) || (to.promoted().equals(from.promoted()) && !to.isIntBased())
                || (to.base() == from.base() && to.arrayDims() == from.arrayDims());
        if (!compatible) {
            throw lowerer.error(pos, "cannot assign " + from + " to " + name + " of type " + to);
        }
        if (value.reads(variable) && view.type.rank() > 0) {
            value = lowerer.materialize(value, name + "_value", pos);
        }
        List<IrExpr> targetDims = view.dims();
        List<IrExpr> valueDims = value.dims();
        for (int k = 0; k < targetDims.size(); k++) {
            lowerer.checkSameSize(targetDims.get(k), valueDims.get(k), "assignment to " + name + " at " + pos);
        }
        if (value.isActive()) {
            variable.markActive();
        }
        Val source = value;
        lowerer.builder.forEachIndex(targetDims, index -> {
            IrExpr.Read cell = (IrExpr.Read) view.at(index);
            IrExpr element = source.at(index);
            lowerer.add(new IrStmt.Assign(cell.variable(), cell.index(),
                    variable.isInt() ? element : Ops.toReal(element)));
        });
    }

    private void tilde(Stmt.Tilde t) {
        requireTarget(t.pos());
        List<Val> args = new ArrayList<>();
        args.add(expressions.lower(t.left()));
        for (Expr arg : t.args()) {
            args.add(expressions.lower(arg));
        }
        String user = userDensity(t.distribution());
        IrExpr increment;
        if (user != null) {
            increment = total(expressions.library().functions().inline(user, args, t.pos()));
        } else if (Distributions.isKnownFamily(t.distribution())) {
            String suffix = args.get(0).type.isIntBased() ? "_lpmf" : "_lpdf";
            increment = expressions.library().distributions().density(t.distribution() + suffix, args, t.pos(), true);
        } else {
            throw lowerer.error(t.pos(), "unknown distribution \"" + t.distribution() + "\" (or not supported yet)");
        }
        lowerer.add(new IrStmt.TargetPlus(increment));
        if (t.truncated()) {
            if (user != null) {
                throw lowerer.error(t.pos(), "truncation T[,] of a user-defined distribution is not supported yet");
            }
            truncate(t, args);
        }
    }

    /**
     * {@code y ~ F(theta) T[L, U]}: a y outside [L, U] rejects the point, and the log probability of [L, U] under F
     * is subtracted: log(F(U) - F(L)) from the log CDFs, or log(1 - F(L)) or log F(U) with one bound. For an int y
     * the lower bound counts, so F(L - 1) stands for F(L).
     */
    private void truncate(Stmt.Tilde t, List<Val> args) {
        for (Val arg : args) {
            if (arg.type.rank() > 0) {
                throw lowerer.error(t.pos(), "truncation T[,] needs a scalar variate and scalar arguments, found "
                        + arg.type);
            }
        }
        Distributions distributions = expressions.library().distributions();
        IrExpr y = args.get(0).scalar();
        boolean discrete = args.get(0).type.isIntBased();
        IrExpr lower = null;
        IrExpr upper = null;
        if (t.truncateLower() != null) {
            lower = scalar(t.truncateLower(), "a truncation bound");
            lowerer.add(new IrStmt.If(Ops.call(Primitives.LESS, Ops.toReal(y), Ops.toReal(lower)), List.of(
                    new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of("the variate ", y, " is below its truncation ",
                            lower))), List.of()));
            if (discrete) {
                lower = Ops.subtract(lower, Ops.integer(1));
            }
        }
        if (t.truncateUpper() != null) {
            upper = scalar(t.truncateUpper(), "a truncation bound");
            lowerer.add(new IrStmt.If(Ops.call(Primitives.GREATER, Ops.toReal(y), Ops.toReal(upper)), List.of(
                    new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of("the variate ", y, " is above its truncation ",
                            upper))), List.of()));
        }
        String family = t.distribution();
        IrExpr mass;
        if (lower != null && upper != null) {
            mass = Ops.call(Primitives.LOG_DIFF_EXP, cdf(distributions, family + "_lcdf", upper, args, t.pos()),
                    cdf(distributions, family + "_lcdf", lower, args, t.pos()));
        } else if (lower != null) {
            mass = cdf(distributions, family + "_lccdf", lower, args, t.pos());
        } else if (upper != null) {
            mass = cdf(distributions, family + "_lcdf", upper, args, t.pos());
        } else {
            return;
        }
        lowerer.add(new IrStmt.TargetPlus(Ops.negate(mass)));
    }

    private IrExpr scalar(Expr e, String what) {
        Val v = expressions.lower(e);
        if (!v.type.isScalar()) {
            throw lowerer.error(e.pos(), what + " must be an int or a real, found " + v.type);
        }
        return v.scalar();
    }

    /** A log CDF (or CCDF) of the truncated distribution at {@code at}. */
    private IrExpr cdf(Distributions distributions, String name, IrExpr at, List<Val> args, SourcePos pos) {
        List<Val> withBound = new ArrayList<>(args);
        // A discrete family's log cdf takes an int bound; a continuous one's a real.
        withBound.set(0, Val.of(args.get(0).type.isIntBased() && at.isInt() ? at : Ops.toReal(at)));
        return distributions.density(name, withBound, pos, false);
    }

    private String userDensity(String family) {
        for (String suffix : List.of("_lpdf", "_lpmf", "_log")) {
            if (lowerer.functions.containsKey(family + suffix)) {
                return family + suffix;
            }
        }
        return null;
    }

    private void forLoop(Stmt.For f) {
        IrExpr lower = expressions.lowerInt(f.lower(), "a loop bound");
        IrExpr upper = expressions.lowerInt(f.upper(), "a loop bound");
        IrVar counter = lowerer.builder.counter(f.variable());
        List<IrStmt>[] body = new List[1];
        lowerer.scoped(() -> {
            lowerer.declareLocal(new Symbol(f.variable(), Val.of(Ops.read(counter)), Symbol.Origin.LOOP, null),
                    f.pos());
            lowerer.builder.inLoop(counter, lower, upper,
                    () -> body[0] = lowerer.builder.collect(() -> lower(f.body())));
        });
        lowerer.add(new IrStmt.For(counter, lower, upper, guarded(f.body(), body[0])));
    }

    private void forEach(Stmt.ForEach f) {
        Val container = lowerer.cheap(expressions.lower(f.container()), "loop_container", f.pos());
        if (container.type.rank() == 0) {
            throw lowerer.error(f.container().pos(), "a foreach loop needs an array, vector or matrix");
        }
        IrVar counter = lowerer.builder.counter(f.variable());
        IrExpr position = Ops.read(counter);
        List<IrExpr> rest = container.dims().subList(1, container.dims().size());
        StanType elementType = container.type.dropIndices(1);
        Val element = new Val.ViewVal(elementType, container, rest, index -> {
            List<IrExpr> full = new ArrayList<>();
            full.add(position);
            full.addAll(index);
            return full;
        }, List.of());
        List<IrStmt>[] body = new List[1];
        lowerer.scoped(() -> {
            lowerer.declareLocal(new Symbol(f.variable(), element, Symbol.Origin.LOOP, null), f.pos());
            lowerer.builder.inLoop(counter, Ops.integer(0), IrBuilder.minusOne(container.dims().get(0)),
                    () -> body[0] = lowerer.builder.collect(() -> lower(f.body())));
        });
        lowerer.add(new IrStmt.For(counter, Ops.integer(0), IrBuilder.minusOne(container.dims().get(0)),
                guarded(f.body(), body[0])));
    }

    private void print(Stmt.Print p) {
        List<Object> parts = new ArrayList<>();
        for (Expr arg : p.args()) {
            if (arg instanceof Expr.StringLit s) {
                parts.add(s.value());
            } else {
                Val v = expressions.lower(arg);
                if (v.type.rank() == 0) {
                    parts.add(v.scalar());
                } else {
                    parts.add("[" + v.type + "]");
                }
            }
        }
        switch (p.kind()) {
            case "print":
                if (!lowerer.builder.differentiated()) {
                    lowerer.add(new IrStmt.Print(parts));
                }
                break;
            case "reject":
                lowerer.add(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, parts));
                break;
            default:
                lowerer.add(new IrStmt.Fail(IrStmt.Fail.Kind.FATAL, parts));
                break;
        }
    }
}
