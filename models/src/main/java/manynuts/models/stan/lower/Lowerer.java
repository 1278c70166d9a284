package manynuts.models.stan.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.FunctionDef;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.syntax.SourceText;
import manynuts.models.stan.syntax.StanException;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * The state shared while a program is lowered: the names in scope, the block being lowered, the builder collecting
 * its statements, the functions block, and the functions being inlined.
 */
final class Lowerer {

    /** The block whose statements are being lowered: decides what may be assigned and what a statement may do. */
    enum Block {
        TRANSFORMED_DATA, TRANSFORMED_PARAMETERS, MODEL, GENERATED_QUANTITIES
    }

    final SourceText source;
    final Map<String, List<FunctionDef>> functions = new HashMap<>();
    final IrBuilder.NameSource names = new IrBuilder.NameSource();
    final List<IrVar> workspace = new ArrayList<>();
    private final Deque<Map<String, Symbol>> scopes = new ArrayDeque<>();
    private final Map<String, Symbol> globals = new HashMap<>();
    /** Whether the globals are hidden: a function's body sees its arguments and its own locals only. */
    private boolean globalsHidden;
    IrBuilder builder;
    /** The expression lowering, set once both exist. */
    Expressions expressions;
    Block block;
    /** The functions being inlined, innermost first: a call of one of them again is recursion. */
    final Deque<String> inlining = new ArrayDeque<>();
    /** Where the innermost inlined function's {@code return} writes, and its declared type. */
    FunctionReturn functionReturn;

    /** The result variable of the function being inlined, made at its first return. */
    static final class FunctionReturn {
        final FunctionDef function;
        Val result;
        IrVar variable;
        /**
         * For a function that returns before its end: an int that becomes 1 at a return, after which the rest of
         * the body is skipped. Null where every return ends the body.
         */
        IrVar returned;

        FunctionReturn(FunctionDef function) {
            this.function = function;
        }
    }

    /** Symmetric eigendecompositions of variables, reused while the variable is not assigned again. */
    final Map<IrVar, SymmetricEigen.Decomposition> eigendecompositions = new HashMap<>();

    /** Where variables that depend on the parameters are declared, as a previous lowering found. */
    private final java.util.Set<SourcePos> knownActive;
    /** The declaration of each variable declared by the program (not temporaries). */
    private final Map<IrVar, SourcePos> declaredAt = new HashMap<>();

    Lowerer(SourceText source, java.util.Set<SourcePos> knownActive) {
        this.source = source;
        this.knownActive = knownActive;
    }

    /** Records a declared variable; marks it active where a previous lowering found it to be. */
    void declared(IrVar v, SourcePos pos) {
        declaredAt.put(v, pos);
        if (knownActive.contains(pos)) {
            v.markActive();
        }
    }

    /** The declarations of the variables now known to depend on the parameters. */
    java.util.Set<SourcePos> activeDeclarations() {
        java.util.Set<SourcePos> active = new java.util.HashSet<>();
        declaredAt.forEach((v, pos) -> {
            if (v.isActive()) {
                active.add(pos);
            }
        });
        return active;
    }

    StanException error(SourcePos pos, String message) {
        return new StanException(source, pos, message);
    }

    /** A name declared at a block's top level (data, parameters, ...): visible in every later block. */
    void declareGlobal(Symbol symbol, SourcePos pos) {
        if (globals.containsKey(symbol.name()) || functions.containsKey(symbol.name())) {
            throw error(pos, "\"" + symbol.name() + "\" is already declared");
        }
        globals.put(symbol.name(), symbol);
    }

    void declareLocal(Symbol symbol, SourcePos pos) {
        if (lookupOrNull(symbol.name()) != null) {
            throw error(pos, "\"" + symbol.name() + "\" is already declared in an enclosing scope");
        }
        scopes.peek().put(symbol.name(), symbol);
    }

    Symbol lookupOrNull(String name) {
        for (Map<String, Symbol> scope : scopes) {
            Symbol s = scope.get(name);
            if (s != null) {
                return s;
            }
        }
        return globalsHidden ? null : globals.get(name);
    }

    Symbol lookup(String name, SourcePos pos) {
        Symbol s = lookupOrNull(name);
        if (s == null) {
            throw error(pos, "unknown variable \"" + name + "\"");
        }
        return s;
    }

    /** Runs {@code body} with a new innermost scope. */
    void scoped(Runnable body) {
        scopes.push(new HashMap<>());
        try {
            body.run();
        } finally {
            scopes.pop();
        }
    }

    /**
     * Runs {@code body} with nothing in scope: a function's body sees neither its caller's locals nor the program's
     * variables, so its arguments and locals may reuse their names.
     */
    void isolated(Runnable body) {
        Deque<Map<String, Symbol>> saved = new ArrayDeque<>(scopes);
        boolean savedHidden = globalsHidden;
        scopes.clear();
        scopes.push(new HashMap<>());
        globalsHidden = true;
        try {
            body.run();
        } finally {
            scopes.clear();
            scopes.addAll(saved);
            globalsHidden = savedHidden;
        }
    }

    Library expressionsLibrary() {
        return expressions.library();
    }

    void add(IrStmt statement) {
        builder.add(statement);
    }

    /**
     * A fresh local holding {@code value}: where the code is differentiated it lives in the workspace and must be
     * sized by data.
     */
    Val materialize(Val value, String hint, SourcePos pos) {
        List<IrExpr> dims = value.dims();
        requireDataSized(dims, hint, pos);
        IrVar temp = builder.local(hint, value.type.isIntBased(), dims, value.type.base(), value.type.arrayDims());
        if (value.isActive()) {
            temp.markActive();
        }
        add(new IrStmt.Declare(temp));
        builder.forEachIndex(dims, index -> add(new IrStmt.Assign(temp, index, value.at(index))));
        return Val.of(temp, value.type);
    }

    /**
     * Refuses a container in differentiated code whose storage cannot be sized from the data: it is allocated once
     * per chain, before the first evaluation, for the largest sizes its enclosing loops reach.
     */
    void requireDataSized(List<IrExpr> dims, String what, SourcePos pos) {
        if (builder.differentiated() && builder.storageSizes(dims) == null) {
            throw error(pos, SIZED_BY_DATA_ONLY + " (the size of " + what + " depends on more than the data and the "
                    + "counters of loops with data bounds)");
        }
    }

    /** The refusal of containers whose largest size is not known from the data, where the log density is computed. */
    static final String SIZED_BY_DATA_ONLY = "containers whose sizes depend on parameters or on variables other "
            + "than data and loop counters are not supported where the log density is computed";

    /** The value itself when it is cheap to read repeatedly (a variable or constant), else a materialised copy. */
    Val cheap(Val value, String hint, SourcePos pos) {
        if (value instanceof Val.VariableVal) {
            return value;
        }
        if (value.type.rank() == 0) {
            IrExpr e = value.scalar();
            if (e instanceof IrExpr.Real || e instanceof IrExpr.Int
                    || (e instanceof IrExpr.Read read && read.index().stream().allMatch(this::isSimpleIndex))) {
                return value;
            }
        }
        return materialize(value, hint, pos);
    }

    private boolean isSimpleIndex(IrExpr e) {
        return e instanceof IrExpr.Int || (e instanceof IrExpr.Read r && r.index().isEmpty());
    }

    /** A runtime check that two sizes agree, where they are not known to. */
    void checkSameSize(IrExpr a, IrExpr b, String what) {
        if (a.equals(b)) {
            return;
        }
        if (a instanceof IrExpr.Int x && b instanceof IrExpr.Int y) {
            if (x.value() != y.value()) {
                add(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(what + ": sizes " + x.value() + " and "
                        + y.value() + " differ")));
            }
            return;
        }
        add(new IrStmt.If(Ops.call(Primitives.INT_NOT_EQUAL, a, b),
                List.of(new IrStmt.Fail(IrStmt.Fail.Kind.REJECT, List.of(what + ": sizes ", a, " and ", b,
                        " differ"))), List.of()));
    }

    /**
     * The first container among the arguments of a call vectorised over its arguments (null where every one is a
     * scalar), after checking each is a scalar or one-dimensional and adding the checks that the containers' sizes
     * agree.
     */
    Val vectorisedShape(String name, List<Val> args, SourcePos pos) {
        Val shape = null;
        for (int k = 0; k < args.size(); k++) {
            Val arg = args.get(k);
            if (arg.type.rank() > 1 || arg.type.base() == BaseType.MATRIX) {
                throw error(pos, name + ": argument " + (k + 1) + " must be a scalar, vector, row_vector "
                        + "or one-dimensional array, found " + arg.type);
            }
            if (arg.type.rank() == 1) {
                if (shape == null) {
                    shape = arg;
                } else {
                    checkSameSize(shape.dims().get(0), arg.dims().get(0), name + " at " + pos);
                }
            }
        }
        return shape;
    }
}
