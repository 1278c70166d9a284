package manynuts.models.stan.emit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Finds the variables of the differentiated code that are assigned at most once per evaluation, element by element:
 * one assignment, either outside every loop (a scalar) or inside exactly the loop nest that visits each element once
 * ({@code for i0 in 0..d0-1: ... v[i0, ...] = ...}), which is how whole-variable assignments are lowered. Reverse
 * mode need not save what such an assignment overwrites, and a target increment that reads only such variables can
 * be differentiated in the forward sweep, while its values are at hand.
 */
public final class WrittenOnce {
    private final Map<IrVar, Integer> assignments = new HashMap<>();
    private final Map<IrVar, Boolean> shaped = new HashMap<>();
    private final Deque<IrStmt.For> loops = new ArrayDeque<>();
    private int whileDepth;

    private WrittenOnce() {
    }

    /** Marks every variable of {@code statements} that qualifies. */
    public static void mark(List<IrStmt> statements) {
        WrittenOnce analysis = new WrittenOnce();
        analysis.walk(statements);
        analysis.assignments.forEach((v, count) -> {
            if (count == 1 && analysis.shaped.get(v) && (v.role() == IrVar.Role.TRANSFORMED_PARAMETER
                    || v.role() == IrVar.Role.LOCAL)) {
                v.markWrittenOnce();
            }
        });
    }

    private void walk(List<IrStmt> statements) {
        for (IrStmt s : statements) {
            if (s instanceof IrStmt.Assign a) {
                assignments.merge(a.variable(), 1, Integer::sum);
                shaped.merge(a.variable(), visitsEachElementOnce(a), Boolean::logicalAnd);
            } else if (s instanceof IrStmt.For f) {
                loops.push(f);
                walk(f.body());
                loops.pop();
            } else if (s instanceof IrStmt.While w) {
                whileDepth++;
                walk(w.body());
                whileDepth--;
            } else if (s instanceof IrStmt.If i) {
                walk(i.then());
                walk(i.otherwise());
            }
        }
    }

    /** Whether the enclosing loops are exactly the element loops of the assignment's index, outermost first. */
    private boolean visitsEachElementOnce(IrStmt.Assign a) {
        if (whileDepth > 0) {
            return false;
        }
        List<IrExpr> index = a.index();
        List<IrExpr> dims = a.variable().dims();
        if (loops.size() != index.size()) {
            return false;
        }
        IrStmt.For[] nest = loops.toArray(new IrStmt.For[0]);
        for (int k = 0; k < index.size(); k++) {
            IrStmt.For loop = nest[nest.length - 1 - k];
            if (!(index.get(k) instanceof IrExpr.Read r) || r.variable() != loop.counter()
                    || !(loop.lower() instanceof IrExpr.Int zero) || zero.value() != 0
                    || !isSizeMinusOne(loop.upper(), dims.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSizeMinusOne(IrExpr upper, IrExpr size) {
        if (size instanceof IrExpr.Int n) {
            return upper instanceof IrExpr.Int u && u.value() == n.value() - 1;
        }
        return upper instanceof IrExpr.Call call && call.primitive().name().equals("int_subtract")
                && call.args().get(0).equals(size) && call.args().get(1) instanceof IrExpr.Int one && one.value() == 1;
    }

    /** Whether every active variable {@code e} reads is written once (or is the unconstrained point itself). */
    public static boolean readsOnlySettled(IrExpr e) {
        if (e instanceof IrExpr.Read r) {
            boolean settled = !r.variable().isActive() || r.variable().isWrittenOnce()
                    || r.variable().role() == IrVar.Role.UNCONSTRAINED;
            return settled && r.index().stream().allMatch(WrittenOnce::readsOnlySettled);
        }
        if (e instanceof IrExpr.Call c) {
            return c.args().stream().allMatch(WrittenOnce::readsOnlySettled);
        }
        if (e instanceof IrExpr.Conditional c) {
            return readsOnlySettled(c.condition()) && readsOnlySettled(c.ifTrue()) && readsOnlySettled(c.ifFalse());
        }
        if (e instanceof IrExpr.Sum sum) {
            return readsOnlySettled(sum.term());
        }
        if (e instanceof IrExpr.Extreme m) {
            return readsOnlySettled(m.term());
        }
        return true;
    }

    /**
     * Whether an int expression reads only data and loop counters, which the reverse sweep sees with the same values
     * as the forward sweep: its value need not be saved.
     */
    public static boolean isStable(IrExpr e) {
        if (e instanceof IrExpr.Read r) {
            IrVar v = r.variable();
            return (v.isData() || v.role() == IrVar.Role.LOOP) && r.index().stream().allMatch(WrittenOnce::isStable);
        }
        if (e instanceof IrExpr.Call c) {
            return c.args().stream().allMatch(WrittenOnce::isStable);
        }
        if (e instanceof IrExpr.Conditional c) {
            return isStable(c.condition()) && isStable(c.ifTrue()) && isStable(c.ifFalse());
        }
        return e instanceof IrExpr.Int || e instanceof IrExpr.Real;
    }
}
