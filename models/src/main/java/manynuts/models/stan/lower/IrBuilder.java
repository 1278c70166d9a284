package manynuts.models.stan.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.Primitives;

/**
 * Collects the statements being lowered, nested as the program's blocks and loops are, and makes fresh variables:
 * temporaries, loop counters, locals. Knows whether the code it collects is differentiated, where every variable
 * must be sized by data so that a chain's workspace is allocated once.
 */
final class IrBuilder {
    private final Deque<List<IrStmt>> open = new ArrayDeque<>();
    private final List<IrVar> workspace;
    private final boolean differentiated;
    private final NameSource names;
    /** The loops being lowered around the current statement, innermost first. */
    private final Deque<IrStmt.For> loops = new ArrayDeque<>();

    /** Unique identifiers for generated code. */
    static final class NameSource {
        private int next;

        String fresh(String hint) {
            return hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + next++;
        }
    }

    IrBuilder(NameSource names, List<IrVar> workspace, boolean differentiated) {
        this.names = names;
        this.workspace = workspace;
        this.differentiated = differentiated;
        open.push(new ArrayList<>());
    }

    boolean differentiated() {
        return differentiated;
    }

    NameSource names() {
        return names;
    }

    void add(IrStmt statement) {
        open.peek().add(statement);
    }

    /** The statements collected so far at the outermost level. */
    List<IrStmt> statements() {
        return open.getLast();
    }

    /** The statements collected so far where the next one goes (the innermost open list). */
    List<IrStmt> current() {
        return open.peek();
    }

    /** Collects the statements {@code body} adds into a list of their own. */
    List<IrStmt> collect(Runnable body) {
        open.push(new ArrayList<>());
        body.run();
        return open.pop();
    }

    /** A new loop counter. */
    IrVar counter(String hint) {
        return new IrVar(names.fresh(hint), hint, IrVar.Role.LOOP, true, List.of(), BaseType.INT, 0);
    }

    /**
     * A new local variable: kept in the chain's workspace where the code is differentiated, otherwise allocated where
     * it is declared. A workspace variable's storage is sized by data: the largest sizes its enclosing loops reach
     * (see {@link #storageSizes}), which the caller has checked exist.
     */
    IrVar local(String stanName, boolean integer, List<IrExpr> dims, BaseType base, int arrayDims) {
        if (!differentiated) {
            return new IrVar(names.fresh(stanName), stanName, IrVar.Role.LOCAL, integer, dims, base, arrayDims);
        }
        List<IrExpr> storage = storageSizes(dims);
        if (storage == null) {
            throw new IllegalStateException(stanName + ": sizes " + dims + " have no bound from the data");
        }
        IrVar v = new IrVar(names.fresh(stanName), stanName, IrVar.Role.LOCAL, integer, dims, storage, base,
                arrayDims);
        workspace.add(v);
        return v;
    }

    /** Lowers a loop's body: its counter runs from {@code lower} to {@code upper} while {@code body} runs. */
    void inLoop(IrVar counter, IrExpr lower, IrExpr upper, Runnable body) {
        loops.push(new IrStmt.For(counter, lower, upper, List.of()));
        try {
            body.run();
        } finally {
            loops.pop();
        }
    }

    /**
     * The largest values {@code dims} take over the enclosing loops, as expressions of data only (a size reading the
     * counter n of {@code for (n in 1:N)} becomes its maximum over n in 1..N, computed once when the model is built);
     * {@code dims} themselves where they are data already; null where a size reads anything else (a parameter, a
     * local variable).
     */
    List<IrExpr> storageSizes(List<IrExpr> dims) {
        List<IrExpr> storage = new ArrayList<>();
        for (IrExpr size : dims) {
            IrExpr largest = size;
            for (IrStmt.For loop : loops) {
                if (Reads.reads(largest, loop.counter())) {
                    largest = new IrExpr.Extreme(loop.counter(), loop.lower(), loop.upper(), largest, false, true);
                }
            }
            if (!Reads.isDataOnly(largest)) {
                return null;
            }
            // A loop that never runs leaves the smallest int: no storage.
            storage.add(largest == size ? size : new IrExpr.Call(Primitives.INT_MAX, List.of(largest,
                    new IrExpr.Int(0))));
        }
        return storage;
    }

    /** Whether every size is fixed by the data. */
    static boolean dataSized(List<IrExpr> dims) {
        return dims.stream().allMatch(Reads::isDataOnly);
    }

    /** Loops over every index of {@code dims} (row-major, 0-based), giving {@code body} the index. */
    void forEachIndex(List<IrExpr> dims, Consumer<List<IrExpr>> body) {
        loops(dims, 0, new ArrayList<>(), body);
    }

    private void loops(List<IrExpr> dims, int depth, List<IrExpr> index, Consumer<List<IrExpr>> body) {
        if (depth == dims.size()) {
            body.accept(List.copyOf(index));
            return;
        }
        IrVar counter = counter("i");
        index.add(IrExpr.of(counter));
        List<IrStmt> inner = collect(() -> loops(dims, depth + 1, index, body));
        index.remove(index.size() - 1);
        add(new IrStmt.For(counter, new IrExpr.Int(0), minusOne(dims.get(depth)), inner));
    }

    static IrExpr minusOne(IrExpr size) {
        if (size instanceof IrExpr.Int n) {
            return new IrExpr.Int(n.value() - 1);
        }
        return new IrExpr.Call(Primitives.INT_SUBTRACT, List.of(size, new IrExpr.Int(1)));
    }
}
