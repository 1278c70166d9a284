package manynuts.models.stan.emit;

import java.util.List;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Reverse mode by source transformation, in any {@link Dialect}: the forward sweep runs the statements, saving every
 * value it overwrites and every branch and loop count on the tapes; the reverse sweep walks the statements backwards,
 * restoring them and propagating adjoints. Both generators (Java, CUDA C++) write the log density's gradient this way.
 */
public final class Sweeps {
    private final Code code;
    private final Dialect dialect;
    /** Whether the forward sweep is inside a {@link #silent} statement: its branches and loop counts are not kept. */
    private boolean quiet;

    public Sweeps(Code code) {
        this.code = code;
        this.dialect = code.dialect();
    }

    // ---- the forward sweep

    public void forward(List<IrStmt> statements) {
        for (IrStmt s : statements) {
            forward(s);
            if (!completesNormally(List.of(s))) {
                return;
            }
        }
    }

    private void forward(IrStmt s) {
        code.forget();
        if (!quiet && silent(s) && !(s instanceof IrStmt.Assign)) {
            quiet = true;
            try {
                forward(s);
            } finally {
                quiet = false;
            }
            return;
        }
        if (s instanceof IrStmt.Assign a) {
            IrVar v = a.variable();
            String cell = code.cell(v, a.index());
            String value = v.isInt() ? code.integer(a.value()) : code.real(a.value());
            if (!v.isWrittenOnce()) {
                code.line(dialect.push(v.isInt(), cell));
            }
            code.line(cell + " = " + value + ";");
        } else if (s instanceof IrStmt.TargetPlus t) {
            if (WrittenOnce.readsOnlySettled(t.value())) {
                // Nothing it reads changes later in the sweep: its derivatives now, while its values are at hand.
                code.line("target__ += " + code.valueAndBackpropagate(t.value(), dialect.literal(1.0)) + ";");
            } else {
                code.line("target__ += " + code.real(t.value()) + ";");
            }
        } else if (s instanceof IrStmt.For f) {
            String counter = Code.name(f.counter());
            String lower = code.fresh("lower");
            String upper = code.fresh("upper");
            code.line(dialect.constant("int") + " " + lower + " = " + code.integer(f.lower()) + ";");
            code.line(dialect.constant("int") + " " + upper + " = " + code.integer(f.upper()) + ";");
            code.open("for (int " + counter + " = " + lower + "; " + counter + " <= " + upper + "; " + counter + "++)");
            forward(f.body());
            code.close();
            if (!stableBounds(f) && !quiet) {
                code.line(dialect.push(true, lower));
                code.line(dialect.push(true, upper));
            }
        } else if (s instanceof IrStmt.While w) {
            String count = code.fresh("count");
            code.line("int " + count + " = 0;");
            code.open("while (true)");
            code.line("if (" + dialect.whileExit(code.integer(w.condition())) + ") break;");
            forward(w.body());
            if (completesNormally(w.body())) {
                code.line(count + "++;");
            }
            code.close();
            if (!quiet) {
                code.line(dialect.push(true, count));
            }
        } else if (s instanceof IrStmt.If i) {
            code.open("if (" + code.integer(i.condition()) + " != 0)");
            forward(i.then());
            if (completesNormally(i.then()) && !quiet) {
                code.line(dialect.push(true, "1"));
            }
            code.reopen("else");
            forward(i.otherwise());
            if (completesNormally(i.otherwise()) && !quiet) {
                code.line(dialect.push(true, "0"));
            }
            code.close();
        } else if (s instanceof IrStmt.Fail f) {
            code.line(dialect.fail(f, code));
        } else if (s instanceof IrStmt.Declare || s instanceof IrStmt.Print) {
            // Workspace storage needs no allocation; printing is left to the plain code.
        } else {
            throw new IllegalStateException("not differentiable: " + s);
        }
    }

    /**
     * Whether statements can finish without failing, as javac judges it: code after a statement that cannot
     * (a failure, or a branch whose both arms fail) would not compile in Java.
     */
    public static boolean completesNormally(List<IrStmt> statements) {
        if (statements.isEmpty()) {
            return true;
        }
        IrStmt last = statements.get(statements.size() - 1);
        if (last instanceof IrStmt.Fail) {
            return false;
        }
        if (last instanceof IrStmt.If i) {
            return completesNormally(i.then()) || completesNormally(i.otherwise());
        }
        return true;
    }

    /**
     * Whether a statement leaves the reverse sweep nothing to do: it assigns only inactive variables whose overwritten
     * values need no restoring (written once, or the scratch of a detached computation), so the forward sweep keeps
     * none of its branches and loop counts and the reverse sweep skips it.
     */
    static boolean silent(IrStmt s) {
        if (s instanceof IrStmt.Assign a) {
            return !a.variable().isActive() && a.variable().isWrittenOnce();
        }
        if (s instanceof IrStmt.For f) {
            return f.body().stream().allMatch(Sweeps::silent);
        }
        if (s instanceof IrStmt.While w) {
            return w.body().stream().allMatch(Sweeps::silent);
        }
        if (s instanceof IrStmt.If i) {
            return i.then().stream().allMatch(Sweeps::silent) && i.otherwise().stream().allMatch(Sweeps::silent);
        }
        if (s instanceof IrStmt.Declare d) {
            return !(d.variable().isActive() && d.variable().role() == IrVar.Role.LOCAL);
        }
        return s instanceof IrStmt.Fail || s instanceof IrStmt.Print;
    }

    /** Whether a loop's bounds read only data and enclosing counters: the reverse sweep recomputes them. */
    private static boolean stableBounds(IrStmt.For f) {
        return WrittenOnce.isStable(f.lower()) && WrittenOnce.isStable(f.upper());
    }

    // ---- the reverse sweep

    public void reverse(List<IrStmt> statements) {
        int end = 0;
        while (end < statements.size() && completesNormally(List.of(statements.get(end)))) {
            end++;
        }
        // Statements after one that cannot complete never ran forward; the one that cannot has nothing to undo.
        for (int k = Math.min(end, statements.size()) - 1; k >= 0; k--) {
            reverse(statements.get(k));
        }
    }

    private void reverse(IrStmt s) {
        code.forget();
        if (silent(s)) {
            return;
        }
        if (s instanceof IrStmt.Assign a) {
            reverseAssign(a);
        } else if (s instanceof IrStmt.TargetPlus t) {
            if (!WrittenOnce.readsOnlySettled(t.value())) {
                code.open("");
                code.backpropagate(t.value(), dialect.literal(1.0));
                code.close();
            }
        } else if (s instanceof IrStmt.For f) {
            String counter = Code.name(f.counter());
            String lower = code.fresh("lower");
            String upper = code.fresh("upper");
            code.open("");
            String bound = dialect.constant("int") + " ";
            if (stableBounds(f)) {
                code.line(bound + upper + " = " + code.integer(f.upper()) + ";");
                code.line(bound + lower + " = " + code.integer(f.lower()) + ";");
            } else {
                code.line(bound + upper + " = " + dialect.pop(true) + ";");
                code.line(bound + lower + " = " + dialect.pop(true) + ";");
            }
            code.open("for (int " + counter + " = " + upper + "; " + counter + " >= " + lower + "; " + counter + "--)");
            reverse(f.body());
            code.close();
            code.close();
        } else if (s instanceof IrStmt.While w) {
            String count = code.fresh("count");
            code.open("for (int " + count + " = " + dialect.pop(true) + "; " + count + " > 0; " + count + "--)");
            reverse(w.body());
            code.close();
        } else if (s instanceof IrStmt.If i) {
            code.open("if (" + dialect.pop(true) + " != 0)");
            reverse(i.then());
            code.reopen("else");
            reverse(i.otherwise());
            code.close();
        } else if (s instanceof IrStmt.Declare d) {
            IrVar v = d.variable();
            if (v.isActive() && v.role() == IrVar.Role.LOCAL) {
                code.line(v.isScalar() ? Code.adjoint(v) + " = " + dialect.literal(0.0) + ";"
                        : dialect.fill(v, Code.adjoint(v), dialect.literal(0.0)));
            }
        }
    }

    /** Undoes an assignment: restores the value it overwrote and passes its adjoint on to what it read. */
    private void reverseAssign(IrStmt.Assign a) {
        IrVar v = a.variable();
        code.open("");
        String position = null;
        if (!a.index().isEmpty()) {
            position = code.fresh("p");
            code.line(dialect.constant("int") + " " + position + " = " + code.position(v, a.index()) + ";");
        }
        String cell = position == null ? Code.name(v) : dialect.element(v, Code.name(v), position);
        if (v.isInt()) {
            if (!v.isWrittenOnce()) {
                code.line(cell + " = " + dialect.pop(true) + ";");
            }
        } else if (v.isActive()) {
            String adjointCell = position == null ? Code.adjoint(v) : dialect.element(v, Code.adjoint(v), position);
            String adjoint = code.fresh("g");
            code.line(dialect.constant(dialect.real()) + " " + adjoint + " = " + adjointCell + ";");
            code.line(adjointCell + " = " + dialect.literal(0.0) + ";");
            if (!v.isWrittenOnce()) {
                code.line(cell + " = " + dialect.pop(false) + ";");
            } else {
                // The variable still holds what this assignment wrote: the value's derivatives may read it.
                code.know(a.value(), cell);
            }
            code.backpropagate(a.value(), adjoint);
        } else if (!v.isWrittenOnce()) {
            code.line(cell + " = " + dialect.pop(false) + ";");
        }
        code.close();
    }
}
