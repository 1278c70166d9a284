package manynuts.models.stan.lower;

import java.util.List;
import manynuts.models.stan.ir.IrStmt;

/**
 * Which variables depend on the parameters, to a fixed point: lowering marks a variable active when a value it is
 * assigned is, but in a loop an assignment can read a variable that only a later statement makes active (a running
 * total read before it is updated), so the marks are propagated again until nothing changes.
 */
final class Activity {
    private Activity() {
    }

    static void propagate(List<IrStmt> statements) {
        while (pass(statements)) {
            // Each pass marks at least one more variable; there are finitely many.
        }
    }

    private static boolean pass(List<IrStmt> statements) {
        boolean changed = false;
        for (IrStmt s : statements) {
            if (s instanceof IrStmt.Assign a) {
                if (!a.variable().isInt() && !a.variable().isActive() && a.value().isActive()) {
                    a.variable().markActive();
                    changed = true;
                }
            } else if (s instanceof IrStmt.For f) {
                changed |= pass(f.body());
            } else if (s instanceof IrStmt.While w) {
                changed |= pass(w.body());
            } else if (s instanceof IrStmt.If i) {
                changed |= pass(i.then());
                changed |= pass(i.otherwise());
            }
        }
        return changed;
    }
}
