package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.FunctionDef;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.syntax.Stmt;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Calls of the program's own functions, inlined: the arguments are bound to the callee's parameter names (Stan's
 * arguments are read-only, so a variable is passed as itself), the body is lowered in a scope that sees none of
 * the program's variables, and each {@code return} writes the call's result. Recursion is refused.
 */
final class Functions {
    private final Lowerer lowerer;
    private final Expressions expressions;

    Functions(Lowerer lowerer, Expressions expressions) {
        this.lowerer = lowerer;
        this.expressions = expressions;
    }

    Val inline(String name, List<Val> args, SourcePos pos) {
        FunctionDef function = null;
        for (FunctionDef candidate : lowerer.functions.get(name)) {
            if (candidate.body() != null && candidate.parameters().size() == args.size()) {
                function = candidate;
            }
        }
        if (function == null) {
            throw lowerer.error(pos, "function " + name + " is not defined for " + args.size() + " arguments");
        }
        if (lowerer.inlining.contains(name)) {
            throw lowerer.error(pos, "recursive functions are not supported (" + name + " calls itself)");
        }
        if (name.endsWith("_lp") && lowerer.block != Lowerer.Block.MODEL) {
            throw lowerer.error(pos, name + " increments the target, so it can only be called in the model block");
        }
        FunctionDef f = function;
        Val[] bound = new Val[args.size()];
        for (int k = 0; k < args.size(); k++) {
            FunctionDef.Parameter parameter = f.parameters().get(k);
            Val arg = args.get(k);
            StanType declared = new StanType(parameter.base(), parameter.arrayDims());
            if (!(arg.type.equals(declared) || (arg.type.promoted().equals(declared.promoted())
                    && !declared.isIntBased()))) {
                throw lowerer.error(pos, name + ": argument " + (k + 1) + " (" + parameter.name() + ") must be "
                        + declared + ", found " + arg.type);
            }
            bound[k] = lowerer.cheap(arg, parameter.name(), pos);
        }
        Lowerer.FunctionReturn saved = lowerer.functionReturn;
        Lowerer.FunctionReturn slot = new Lowerer.FunctionReturn(f);
        lowerer.functionReturn = slot;
        lowerer.inlining.push(name);
        Statements statements = new Statements(lowerer, expressions);
        try {
            lowerer.isolated(() -> {
                for (int k = 0; k < bound.length; k++) {
                    FunctionDef.Parameter parameter = f.parameters().get(k);
                    lowerer.declareLocal(new Symbol(parameter.name(), bound[k], Symbol.Origin.ARGUMENT, null),
                            parameter.pos());
                }
                List<Stmt> body = f.body().statements();
                if (returnsEarly(body)) {
                    slot.returned = lowerer.builder.local("returned", true, List.of(), BaseType.INT, 0);
                    lowerer.add(new IrStmt.Declare(slot.returned));
                    lowerer.add(new IrStmt.Assign(slot.returned, List.of(), Ops.integer(0)));
                    statements.lowerAll(body);
                    return;
                }
                for (int k = 0; k < body.size(); k++) {
                    tail(statements, body.get(k), k == body.size() - 1);
                }
            });
        } finally {
            lowerer.inlining.pop();
            lowerer.functionReturn = saved;
        }
        if (f.returnType() == BaseType.VOID) {
            return new VoidVal();
        }
        if (slot.result == null) {
            throw lowerer.error(f.pos(), "function " + name + " ends without returning a value");
        }
        return slot.result;
    }

    /** Whether a body has a return anywhere but at its end (the end of its last statement's branches). */
    private static boolean returnsEarly(List<Stmt> body) {
        for (int k = 0; k < body.size(); k++) {
            Stmt s = body.get(k);
            boolean last = k == body.size() - 1;
            if (!last && containsReturn(s)) {
                return true;
            }
            if (last && !(s instanceof Stmt.Return)) {
                if (s instanceof Stmt.If i) {
                    if (returnsEarly(List.of(i.then())) || (i.otherwise() != null
                            && returnsEarly(List.of(i.otherwise())))) {
                        return true;
                    }
                } else if (s instanceof Stmt.Block b) {
                    if (returnsEarly(b.statements())) {
                        return true;
                    }
                } else if (containsReturn(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a statement has a return in it, at any depth. */
    static boolean containsReturn(Stmt s) {
        if (s instanceof Stmt.Return) {
            return true;
        }
        if (s instanceof Stmt.Block b) {
            return b.statements().stream().anyMatch(Functions::containsReturn);
        }
        if (s instanceof Stmt.If i) {
            return containsReturn(i.then()) || (i.otherwise() != null && containsReturn(i.otherwise()));
        }
        if (s instanceof Stmt.For f) {
            return containsReturn(f.body());
        }
        if (s instanceof Stmt.ForEach f) {
            return containsReturn(f.body());
        }
        if (s instanceof Stmt.While w) {
            return containsReturn(w.body());
        }
        return false;
    }

    /** Lowers a statement of a function's body; {@code last} says whether a return may stand there. */
    private void tail(Statements statements, Stmt s, boolean last) {
        if (s instanceof Stmt.Return r) {
            if (!last) {
                throw lowerer.error(r.pos(), "a return before the end of a function is not supported yet");
            }
            if (r.value() != null) {
                returnValue(expressions.lower(r.value()), r.pos());
            }
            return;
        }
        if (last && s instanceof Stmt.If i) {
            IrExpr condition = expressions.lowerCondition(i.condition());
            List<IrStmt> then = nestedTail(statements, i.then());
            List<IrStmt> otherwise = i.otherwise() == null ? List.of() : nestedTail(statements, i.otherwise());
            lowerer.add(new IrStmt.If(condition, then, otherwise));
            return;
        }
        if (last && s instanceof Stmt.Block b) {
            lowerer.scoped(() -> {
                for (int k = 0; k < b.statements().size(); k++) {
                    tail(statements, b.statements().get(k), k == b.statements().size() - 1);
                }
            });
            return;
        }
        statements.lower(s);
    }

    private List<IrStmt> nestedTail(Statements statements, Stmt body) {
        List<IrStmt>[] out = new List[1];
        lowerer.scoped(() -> out[0] = lowerer.builder.collect(() -> tail(statements, body, true)));
        return out[0];
    }

    /** Writes a returned value to the call's result (declared afresh at each return, in whichever branch). */
    void returnValue(Val value, SourcePos pos) {
        Lowerer.FunctionReturn slot = lowerer.functionReturn;
        FunctionDef f = slot.function;
        StanType declared = new StanType(f.returnType(), f.returnArrayDims());
        if (!(value.type.equals(declared) || (value.type.promoted().equals(declared.promoted())
                && !declared.isIntBased()))) {
            throw lowerer.error(pos, f.name() + " returns " + declared + ", found " + value.type);
        }
        if (slot.variable == null) {
            List<IrExpr> dims = value.dims();
            lowerer.requireDataSized(dims, f.name() + "'s result", pos);
            slot.variable = lowerer.builder.local(f.name() + "_result", declared.isIntBased(), dims,
                    declared.base(), declared.arrayDims());
            slot.result = Val.of(slot.variable, declared);
        }
        // The IR has no block scoping: a result declared in one branch is in scope after it. Declaring it at each
        // return gives the plain code storage on whichever branch returns.
        lowerer.add(new IrStmt.Declare(slot.variable));
        IrVar v = slot.variable;
        if (value.isActive()) {
            v.markActive();
        }
        List<IrExpr> dims = v.dims();
        for (int k = 0; k < dims.size(); k++) {
            lowerer.checkSameSize(dims.get(k), value.dims().get(k), "the result of " + f.name());
        }
        Val source = value;
        lowerer.builder.forEachIndex(dims, index -> lowerer.add(new IrStmt.Assign(v, index,
                v.isInt() ? source.at(index) : Ops.toReal(source.at(index)))));
    }

    /** The value of a void call. */
    static final class VoidVal extends Val {
        VoidVal() {
            super(StanType.VOID);
        }

        List<IrExpr> dims() {
            return List.of();
        }

        IrExpr at(List<IrExpr> index) {
            throw new IllegalStateException("a void function has no value");
        }

        boolean isActive() {
            return false;
        }

        boolean reads(IrVar v) {
            return false;
        }
    }
}
