package manynuts.models.stan.java;

import java.util.List;
import java.util.Set;
import manynuts.models.stan.emit.Code;
import manynuts.models.stan.emit.Sweeps;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;

/**
 * Writes the lowered program's statements as plain Java, without derivatives: data, transformed data, outputs. (The
 * differentiated code is written by {@link Sweeps}, shared with the CUDA generator.)
 */
final class JavaStatements {
    private final Code code;
    /** Variables kept in the workspace (allocated once); others are allocated where they are declared. */
    private final Set<IrVar> workspace;

    JavaStatements(Code code, Set<IrVar> workspace) {
        this.code = code;
        this.workspace = workspace;
    }

    // ---- plain code

    void plain(List<IrStmt> statements) {
        for (IrStmt s : statements) {
            plain(s);
            if (!Sweeps.completesNormally(List.of(s))) {
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
            String counter = Code.name(f.counter());
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
            code.line(JavaDialect.INSTANCE.fail(f, code));
        } else if (s instanceof IrStmt.Print p) {
            code.line("StanOutput.print(" + JavaDialect.message(p.parts(), code) + ");");
        } else if (s instanceof IrStmt.ReadData r) {
            readData(r.variable());
        }
    }

    private String value(IrVar target, IrExpr value) {
        return target.isInt() ? code.integer(value) : code.real(value);
    }

    /** A declaration in plain code: sizes worked out, storage allocated (outside the workspace) or reset. */
    private void declare(IrVar v) {
        String name = Code.name(v);
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
            String dim = Code.dim(v, k);
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
        String name = Code.name(v);
        String quoted = "\"" + v.stanName() + "\"";
        if (v.isScalar()) {
            code.line(name + " = data__." + (v.isInt() ? "readInt(" : "readReal(") + quoted + ");");
            return;
        }
        StringBuilder dims = new StringBuilder();
        for (int k = 0; k < v.dims().size(); k++) {
            dims.append(k == 0 ? "" : ", ").append(Code.dim(v, k));
        }
        code.line(name + " = data__." + (v.isInt() ? "readInts(" : "readReals(") + quoted + ", new int[] {" + dims
                + "});");
    }
}
