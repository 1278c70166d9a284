package manynuts.models.stan.java;

import java.util.List;
import java.util.Set;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Writes the lowered program's statements as Java in one of three ways: plainly (data, transformed data, outputs),
 * or as the forward sweep of reverse mode, which saves every value it overwrites and every branch and loop count on
 * the tapes, and the reverse sweep, which walks the statements backwards restoring them and propagating adjoints.
 */
final class JavaStatements {
    private final JavaCode code;
    /** Variables kept in the workspace (allocated once); others are allocated where they are declared. */
    private final Set<IrVar> workspace;

    JavaStatements(JavaCode code, Set<IrVar> workspace) {
        this.code = code;
        this.workspace = workspace;
    }

    // ---- plain code

    void plain(List<IrStmt> statements) {
        for (IrStmt s : statements) {
            plain(s);
            if (!completesNormally(List.of(s))) {
                return;
            }
        }
    }

    private void plain(IrStmt s) {
        code.forget();
        if (s instanceof IrStmt.Assign a) {
            code.line(code.cell(a.variable(), a.index()) + " = " + value(a.variable(), a.value()) + ";");
        } else if (s instanceof IrStmt.TargetPlus t) {
            // Only the differentiated code accumulates the target.
        } else if (s instanceof IrStmt.For f) {
            String counter = JavaCode.name(f.counter());
            code.open("for (int " + counter + " = " + code.integer(f.lower()) + ", " + counter + "__end = "
                    + code.integer(f.upper()) + "; " + counter + " <= " + counter + "__end; " + counter + "++)");
            plain(f.body());
            code.close();
        } else if (s instanceof IrStmt.While w) {
            code.open("while (true)");
            code.line("if (" + code.integer(w.condition()) + " == 0) break;");
            plain(w.body());
            code.close();
        } else if (s instanceof IrStmt.If i) {
            code.open("if (" + code.integer(i.condition()) + " != 0)");
            plain(i.then());
            if (!i.otherwise().isEmpty()) {
                code.reopen("else");
                plain(i.otherwise());
            }
            code.close();
        } else if (s instanceof IrStmt.Declare d) {
            declare(d.variable());
        } else if (s instanceof IrStmt.Break) {
            code.line("break;");
        } else if (s instanceof IrStmt.Continue) {
            code.line("continue;");
        } else if (s instanceof IrStmt.Fail f) {
            fail(f);
        } else if (s instanceof IrStmt.Print p) {
            code.line("StanOutput.print(" + message(p.parts()) + ");");
        } else if (s instanceof IrStmt.ReadData r) {
            readData(r.variable());
        }
    }

    private String value(IrVar target, IrExpr value) {
        return target.isInt() ? code.integer(value) : code.real(value);
    }

    /** A declaration in plain code: sizes worked out, storage allocated (outside the workspace) or reset. */
    private void declare(IrVar v) {
        String name = JavaCode.name(v);
        if (v.isScalar()) {
            code.line(name + " = " + (v.isInt() ? "Integer.MIN_VALUE" : "Double.NaN") + ";");
            return;
        }
        if (workspace.contains(v)) {
            if (!v.isInt()) {
                code.line("java.util.Arrays.fill(" + name + ", Double.NaN);");
            }
            return;
        }
        StringBuilder size = new StringBuilder();
        for (int k = 0; k < v.dims().size(); k++) {
            String dim = JavaCode.dim(v, k);
            code.line(dim + " = " + code.integer(v.dims().get(k)) + ";");
            code.line("checkSize(\"" + v.stanName() + "\", " + dim + ");");
            size.append(k == 0 ? "" : " * ").append(dim);
        }
        if (v.role() == IrVar.Role.DATA) {
            return;
        }
        if (v.isInt()) {
            code.line(name + " = new int[" + size + "];");
        } else {
            code.line(name + " = new double[" + size + "];");
            code.line("java.util.Arrays.fill(" + name + ", Double.NaN);");
        }
    }

    private void readData(IrVar v) {
        String name = JavaCode.name(v);
        String quoted = "\"" + v.stanName() + "\"";
        if (v.isScalar()) {
            code.line(name + " = data__." + (v.isInt() ? "readInt(" : "readReal(") + quoted + ");");
            return;
        }
        StringBuilder dims = new StringBuilder();
        for (int k = 0; k < v.dims().size(); k++) {
            dims.append(k == 0 ? "" : ", ").append(JavaCode.dim(v, k));
        }
        code.line(name + " = data__." + (v.isInt() ? "readInts(" : "readReals(") + quoted + ", new int[] {" + dims
                + "});");
    }

    private void fail(IrStmt.Fail f) {
        String message = message(f.parts());
        switch (f.kind()) {
            case REJECT -> code.line("throw new StanReject(" + message + ");");
            case FATAL -> code.line("throw new StanFatal(" + message + ");");
            case DATA -> code.line("throw data__.invalid(" + message + ");");
        }
    }

    private String message(List<Object> parts) {
        StringBuilder text = new StringBuilder("\"\"");
        for (Object part : parts) {
            if (part instanceof String s) {
                text.append(" + \"").append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                IrExpr e = (IrExpr) part;
                text.append(" + ").append(e.isInt() ? "(" + code.integer(e) + ")" : "(" + code.real(e) + ")");
            }
        }
        return text.toString();
    }

    // ---- reverse mode: the forward sweep

    void forward(List<IrStmt> statements) {
        for (IrStmt s : statements) {
            forward(s);
            if (!completesNormally(List.of(s))) {
                return;
            }
        }
    }

    private void forward(IrStmt s) {
        code.forget();
        if (s instanceof IrStmt.Assign a) {
            IrVar v = a.variable();
            String cell = code.cell(v, a.index());
            String value = value(v, a.value());
            if (!v.isWrittenOnce()) {
                push(v.isInt(), cell);
            }
            code.line(cell + " = " + value + ";");
        } else if (s instanceof IrStmt.TargetPlus t) {
            if (WrittenOnce.readsOnlySettled(t.value())) {
                // Nothing it reads changes later in the sweep: its derivatives now, while its values are at hand.
                code.line("target__ += " + code.valueAndBackpropagate(t.value(), "1.0") + ";");
            } else {
                code.line("target__ += " + code.real(t.value()) + ";");
            }
        } else if (s instanceof IrStmt.For f) {
            String counter = JavaCode.name(f.counter());
            String lower = code.fresh("lower");
            String upper = code.fresh("upper");
            code.line("final int " + lower + " = " + code.integer(f.lower()) + ";");
            code.line("final int " + upper + " = " + code.integer(f.upper()) + ";");
            code.open("for (int " + counter + " = " + lower + "; " + counter + " <= " + upper + "; " + counter + "++)");
            forward(f.body());
            code.close();
            if (!stableBounds(f)) {
                push(true, lower);
                push(true, upper);
            }
        } else if (s instanceof IrStmt.While w) {
            String count = code.fresh("count");
            code.line("int " + count + " = 0;");
            code.open("while (true)");
            code.line("if (" + code.integer(w.condition()) + " == 0) break;");
            forward(w.body());
            if (completesNormally(w.body())) {
                code.line(count + "++;");
            }
            code.close();
            push(true, count);
        } else if (s instanceof IrStmt.If i) {
            code.open("if (" + code.integer(i.condition()) + " != 0)");
            forward(i.then());
            if (completesNormally(i.then())) {
                push(true, "1");
            }
            code.reopen("else");
            forward(i.otherwise());
            if (completesNormally(i.otherwise())) {
                push(true, "0");
            }
            code.close();
        } else if (s instanceof IrStmt.Fail f) {
            fail(f);
        } else if (s instanceof IrStmt.Declare || s instanceof IrStmt.Print) {
            // Workspace storage needs no allocation; printing is left to the plain code.
        } else {
            throw new IllegalStateException("not differentiable: " + s);
        }
    }

    /**
     * Whether statements can finish without throwing, as javac judges it: code after a statement that cannot
     * (a failure, or a branch whose both arms fail) would not compile.
     */
    static boolean completesNormally(List<IrStmt> statements) {
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

    /** Whether a loop's bounds read only data and enclosing counters: the reverse sweep recomputes them. */
    private static boolean stableBounds(IrStmt.For f) {
        return WrittenOnce.isStable(f.lower()) && WrittenOnce.isStable(f.upper());
    }

    private void push(boolean integer, String value) {
        if (integer) {
            code.line("if (ip__ == itape__.length) itape__ = w__.growIntTape();");
            code.line("itape__[ip__++] = " + value + ";");
        } else {
            code.line("if (tp__ == tape__.length) tape__ = w__.growTape();");
            code.line("tape__[tp__++] = " + value + ";");
        }
    }

    // ---- reverse mode: the reverse sweep

    void reverse(List<IrStmt> statements) {
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
        if (s instanceof IrStmt.Assign a) {
            IrVar v = a.variable();
            code.open("");
            String position = null;
            if (!a.index().isEmpty()) {
                position = code.fresh("p");
                code.line("final int " + position + " = " + code.position(v, a.index()) + ";");
            }
            String cell = position == null ? JavaCode.name(v) : JavaCode.name(v) + "[" + position + "]";
            if (v.isInt()) {
                if (!v.isWrittenOnce()) {
                    code.line(cell + " = itape__[--ip__];");
                }
            } else if (v.isActive()) {
                String adjointCell = position == null ? JavaCode.adjoint(v) : JavaCode.adjoint(v) + "[" + position
                        + "]";
                String adjoint = code.fresh("g");
                code.line("final double " + adjoint + " = " + adjointCell + ";");
                code.line(adjointCell + " = 0.0;");
                if (!v.isWrittenOnce()) {
                    code.line(cell + " = tape__[--tp__];");
                } else {
                    // The variable still holds what this assignment wrote: the value's derivatives may read it.
                    code.know(a.value(), cell);
                }
                code.backpropagate(a.value(), adjoint);
            } else if (!v.isWrittenOnce()) {
                code.line(cell + " = tape__[--tp__];");
            }
            code.close();
        } else if (s instanceof IrStmt.TargetPlus t) {
            if (!WrittenOnce.readsOnlySettled(t.value())) {
                code.open("");
                code.backpropagate(t.value(), "1.0");
                code.close();
            }
        } else if (s instanceof IrStmt.For f) {
            String counter = JavaCode.name(f.counter());
            String lower = code.fresh("lower");
            String upper = code.fresh("upper");
            code.open("");
            if (stableBounds(f)) {
                code.line("final int " + upper + " = " + code.integer(f.upper()) + ";");
                code.line("final int " + lower + " = " + code.integer(f.lower()) + ";");
            } else {
                code.line("final int " + upper + " = itape__[--ip__];");
                code.line("final int " + lower + " = itape__[--ip__];");
            }
            code.open("for (int " + counter + " = " + upper + "; " + counter + " >= " + lower + "; " + counter + "--)");
            reverse(f.body());
            code.close();
            code.close();
        } else if (s instanceof IrStmt.While w) {
            String count = code.fresh("count");
            code.open("for (int " + count + " = itape__[--ip__]; " + count + " > 0; " + count + "--)");
            reverse(w.body());
            code.close();
        } else if (s instanceof IrStmt.If i) {
            code.open("if (itape__[--ip__] != 0)");
            reverse(i.then());
            code.reopen("else");
            reverse(i.otherwise());
            code.close();
        } else if (s instanceof IrStmt.Declare d) {
            IrVar v = d.variable();
            if (v.isActive() && v.role() == IrVar.Role.LOCAL) {
                code.line(v.isScalar() ? JavaCode.adjoint(v) + " = 0.0;"
                        : "java.util.Arrays.fill(" + JavaCode.adjoint(v) + ", 0.0);");
            }
        }
    }
}
