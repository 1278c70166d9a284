package manynuts.models.stan.java;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.LoweredProgram;

/**
 * Generates the Java source of a lowered program: a {@code CompiledProgram} whose constructor reads the data, whose
 * {@code logDensityGradient} runs the forward and the reverse sweep in one method (so the JIT sees straight-line code
 * and scalars stay in registers), and whose {@code generate} computes a draw's outputs.
 */
public final class JavaGenerator {
    /** The package generated classes are defined in. */
    public static final String PACKAGE = "manynuts.models.stan.generated";

    private final LoweredProgram program;
    private final Set<IrVar> workspace;

    private JavaGenerator(LoweredProgram program) {
        this.program = program;
        this.workspace = new LinkedHashSet<>(program.workspace());
    }

    /** The source of class {@code className} in {@link #PACKAGE}. */
    public static String generate(LoweredProgram program, String className) {
        return new JavaGenerator(program).source(className);
    }

    private String source(String className) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import static manynuts.models.stan.runtime.StanMath.*;\n");
        s.append("import static manynuts.models.stan.runtime.StanRandom.*;\n\n");
        s.append("import java.util.List;\n");
        s.append("import manynuts.models.stan.runtime.*;\n\n");
        s.append("/** Generated from the Stan program ").append(program.name().replace("*/", "* /"))
                .append(". */\n");
        s.append("@SuppressWarnings(\"all\")\n");
        s.append("public final class ").append(className).append(" extends CompiledProgram {\n");
        for (IrVar v : program.fields()) {
            field(s, v);
        }
        for (IrVar v : program.workspace()) {
            dims(s, v);
        }
        s.append("    private final int dimension__;\n");
        s.append("    private final int[] parameterSizes__ = new int[").append(program.parameters().size())
                .append("];\n\n");
        s.append("    public ").append(className).append("(DataSource data__) {\n");
        s.append("        build(data__);\n");
        JavaCode sizes = new JavaCode();
        for (IrVar v : program.workspace()) {
            for (int k = 0; k < v.dims().size(); k++) {
                sizes.line(JavaCode.dim(v, k) + " = " + sizes.integer(v.dims().get(k)) + ";");
                sizes.line("checkSize(\"" + v.stanName() + "\", " + JavaCode.dim(v, k) + ");");
            }
        }
        sizes.line("dimension__ = " + sizes.integer(program.dimension()) + ";");
        for (int k = 0; k < program.parameters().size(); k++) {
            sizes.line("parameterSizes__[" + k + "] = " + sizes.integer(program.parameters().get(k).size()) + ";");
        }
        s.append(sizes.text()).append("    }\n\n");
        s.append(buildMethod());
        s.append("    @Override\n    public int dimension() {\n        return dimension__;\n    }\n\n");
        s.append(workspaceClass());
        s.append(densityMethod());
        s.append(generateMethod());
        s.append(shapes());
        s.append("}\n");
        return s.toString();
    }

    private static void field(StringBuilder s, IrVar v) {
        String type = v.isInt() ? "int" : "double";
        s.append("    private ").append(type).append(v.isScalar() ? " " : "[] ").append(JavaCode.name(v)).append(";\n");
        dims(s, v);
    }

    private static void dims(StringBuilder s, IrVar v) {
        for (int k = 0; k < v.dims().size(); k++) {
            s.append("    private int ").append(JavaCode.dim(v, k)).append(";\n");
        }
    }

    private String buildMethod() {
        JavaCode code = new JavaCode();
        JavaStatements statements = new JavaStatements(code, workspace);
        // Transformed data draw their random numbers once, from a fixed seed: the same data for every run.
        code.line("final Rng rng__ = new Rng(0L);");
        declareLocals(code, program.build(), false);
        statements.plain(program.build());
        return "    private void build(DataSource data__) {\n" + code.text() + "    }\n\n";
    }

    private String workspaceClass() {
        StringBuilder s = new StringBuilder("    final class W extends Workspace {\n");
        for (IrVar v : program.workspace()) {
            if (v.isScalar()) {
                continue;
            }
            String size = size(v);
            String type = v.isInt() ? "int" : "double";
            s.append("        final ").append(type).append("[] ").append(JavaCode.name(v)).append(" = new ")
                    .append(type).append("[").append(size).append("];\n");
            if (v.isActive()) {
                s.append("        final double[] ").append(JavaCode.adjoint(v)).append(" = new double[").append(size)
                        .append("];\n");
            }
        }
        s.append("    }\n\n    @Override\n    public Workspace newWorkspace() {\n        return new W();\n    }\n\n");
        return s.toString();
    }

    private static String size(IrVar v) {
        StringBuilder size = new StringBuilder();
        for (int k = 0; k < v.dims().size(); k++) {
            size.append(k == 0 ? "" : " * ").append(JavaCode.dim(v, k));
        }
        return size.toString();
    }

    private String densityMethod() {
        JavaCode code = new JavaCode();
        JavaStatements statements = new JavaStatements(code, workspace);
        code.line("final W w__ = (W) ws__;");
        code.line("double[] tape__ = w__.tape;");
        code.line("int tp__ = 0;");
        code.line("int[] itape__ = w__.intTape;");
        code.line("int ip__ = 0;");
        code.line("double target__ = 0.0;");
        WrittenOnce.mark(program.density());
        Set<IrVar> used = declareLocals(code, program.density(), true);
        for (IrVar v : used) {
            if (!v.isScalar() && v.isActive() && workspace.contains(v)) {
                code.line("java.util.Arrays.fill(" + JavaCode.adjoint(v) + ", 0.0);");
            }
        }
        code.line("java.util.Arrays.fill(g__, off__, off__ + dimension__, 0.0);");
        statements.forward(program.density());
        statements.reverse(program.density());
        code.line("return target__;");
        return "    @Override\n    public double logDensityGradient(double[] u__, int off__, double[] g__, "
                + "Workspace ws__) {\n" + code.text() + "    }\n\n";
    }

    private String generateMethod() {
        JavaCode code = new JavaCode();
        JavaStatements statements = new JavaStatements(code, workspace);
        code.line("final W w__ = (W) ws__;");
        code.line("final Rng rng__ = w__.rng;");
        code.line("rng__.use(random__, randomSeed(), u__, off__, dimension__);");
        declareLocals(code, program.generate(), false);
        for (IrVar v : program.outputs()) {
            if (v.isScalar() && !usedIn(v, program.generate())) {
                code.line(v.isInt() ? "int " + JavaCode.name(v) + " = Integer.MIN_VALUE;"
                        : "double " + JavaCode.name(v) + " = Double.NaN;");
            }
        }
        statements.plain(program.generate());
        code.line("int o__ = 0;");
        for (IrVar v : program.outputs()) {
            writeColumnMajor(code, v);
        }
        return "    @Override\n    public void generate(double[] u__, int off__, double[] out__, Workspace ws__, "
                + "manynuts.models.UniformStream random__) {\n"
                + code.text() + "    }\n\n";
    }

    private static boolean usedIn(IrVar v, List<IrStmt> statements) {
        return variables(statements).contains(v);
    }

    /** Writes a variable's elements to the outputs in Stan's order: the first index fastest. */
    private static void writeColumnMajor(JavaCode code, IrVar v) {
        if (v.isScalar()) {
            code.line("out__[o__++] = " + JavaCode.name(v) + ";");
            return;
        }
        int rank = v.dims().size();
        for (int k = rank - 1; k >= 0; k--) {
            String i = "c" + k + "__";
            code.open("for (int " + i + " = 0; " + i + " < " + JavaCode.dim(v, k) + "; " + i + "++)");
        }
        String position = "c0__";
        for (int k = 1; k < rank; k++) {
            position = "(" + position + ") * " + JavaCode.dim(v, k) + " + c" + k + "__";
        }
        code.line("out__[o__++] = " + JavaCode.name(v) + "[" + position + "];");
        for (int k = 0; k < rank; k++) {
            code.close();
        }
    }

    /**
     * Declares at the top of a method every variable its statements use that is not a field: scalars (with their
     * adjoints where differentiated), workspace arrays read from the workspace, other arrays allocated later.
     */
    private Set<IrVar> declareLocals(JavaCode code, List<IrStmt> statements, boolean differentiated) {
        Set<IrVar> used = variables(statements);
        for (IrVar v : used) {
            if (v.isData() || v.role() == IrVar.Role.LOOP || v.role() == IrVar.Role.UNCONSTRAINED) {
                continue;
            }
            String name = JavaCode.name(v);
            if (v.isScalar()) {
                code.line((v.isInt() ? "int " + name + " = Integer.MIN_VALUE;" : "double " + name + " = Double.NaN;"));
                if (differentiated && v.isActive()) {
                    code.line("double " + JavaCode.adjoint(v) + " = 0.0;");
                }
            } else if (workspace.contains(v)) {
                String type = v.isInt() ? "int" : "double";
                code.line("final " + type + "[] " + name + " = w__." + name + ";");
                if (differentiated && v.isActive()) {
                    code.line("final double[] " + JavaCode.adjoint(v) + " = w__." + JavaCode.adjoint(v) + ";");
                }
            } else {
                code.line((v.isInt() ? "int[] " : "double[] ") + name + " = null;");
                for (int k = 0; k < v.dims().size(); k++) {
                    code.line("int " + JavaCode.dim(v, k) + " = 0;");
                }
            }
        }
        return used;
    }

    /** Every variable the statements declare, assign or read. */
    static Set<IrVar> variables(List<IrStmt> statements) {
        Set<IrVar> found = new LinkedHashSet<>();
        for (IrStmt s : statements) {
            collect(s, found);
        }
        return found;
    }

    private static void collect(IrStmt s, Set<IrVar> found) {
        if (s instanceof IrStmt.Assign a) {
            found.add(a.variable());
            a.index().forEach(e -> collect(e, found));
            collect(a.value(), found);
        } else if (s instanceof IrStmt.TargetPlus t) {
            collect(t.value(), found);
        } else if (s instanceof IrStmt.For f) {
            collect(f.lower(), found);
            collect(f.upper(), found);
            f.body().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.While w) {
            collect(w.condition(), found);
            w.body().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.If i) {
            collect(i.condition(), found);
            i.then().forEach(b -> collect(b, found));
            i.otherwise().forEach(b -> collect(b, found));
        } else if (s instanceof IrStmt.Declare d) {
            found.add(d.variable());
            d.variable().dims().forEach(e -> collect(e, found));
        } else if (s instanceof IrStmt.Fail f) {
            f.parts().forEach(p -> {
                if (p instanceof IrExpr e) {
                    collect(e, found);
                }
            });
        } else if (s instanceof IrStmt.Print p) {
            p.parts().forEach(x -> {
                if (x instanceof IrExpr e) {
                    collect(e, found);
                }
            });
        } else if (s instanceof IrStmt.ReadData r) {
            found.add(r.variable());
        }
    }

    private static void collect(IrExpr e, Set<IrVar> found) {
        if (e instanceof IrExpr.Read r) {
            found.add(r.variable());
            r.index().forEach(x -> collect(x, found));
        } else if (e instanceof IrExpr.Call c) {
            c.args().forEach(x -> collect(x, found));
        } else if (e instanceof IrExpr.Conditional c) {
            collect(c.condition(), found);
            collect(c.ifTrue(), found);
            collect(c.ifFalse(), found);
        } else if (e instanceof IrExpr.Sum sum) {
            collect(sum.lower(), found);
            collect(sum.upper(), found);
            collect(sum.term(), found);
        } else if (e instanceof IrExpr.Extreme m) {
            collect(m.lower(), found);
            collect(m.upper(), found);
            collect(m.term(), found);
        }
    }

    private String shapes() {
        List<String> outputs = new ArrayList<>();
        for (IrVar v : program.outputs()) {
            outputs.add("new OutputShape(\"" + v.stanName() + "\", \"" + v.base().stanName() + "\", " + v.arrayDims()
                    + ", new int[] {" + dimList(v) + "}, " + v.isInt() + ")");
        }
        List<String> parameters = new ArrayList<>();
        for (LoweredProgram.Parameter p : program.parameters()) {
            parameters.add("new ParameterShape(\"" + p.variable().stanName() + "\", \"" + p.constraint() + "\", "
                    + "new int[] {" + dimList(p.variable()) + "}, parameterSizes__[" + parameters.size() + "])");
        }
        return "    @Override\n    public List<OutputShape> outputs() {\n        return List.of("
                + String.join(",\n                ", outputs) + ");\n    }\n\n"
                + "    @Override\n    public List<ParameterShape> parameters() {\n        return List.of("
                + String.join(",\n                ", parameters) + ");\n    }\n";
    }

    private static String dimList(IrVar v) {
        List<String> dims = new ArrayList<>();
        for (int k = 0; k < v.dims().size(); k++) {
            dims.add(JavaCode.dim(v, k));
        }
        return String.join(", ", dims);
    }
}
