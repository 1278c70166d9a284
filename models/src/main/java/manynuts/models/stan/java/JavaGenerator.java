package manynuts.models.stan.java;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import manynuts.models.stan.emit.Code;
import manynuts.models.stan.emit.DataLayout;
import manynuts.models.stan.emit.Sweeps;
import manynuts.models.stan.emit.Variables;
import manynuts.models.stan.emit.WrittenOnce;
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
        s.append("import static manynuts.models.stan.runtime.StanRandom.*;\n");
        s.append("import static manynuts.models.stan.runtime.SpecialFunctions.*;\n\n");
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
        Code sizes = new Code(JavaDialect.INSTANCE, 2);
        for (IrVar v : program.workspace()) {
            for (int k = 0; k < v.dims().size(); k++) {
                sizes.line(Code.dim(v, k) + " = " + sizes.integer(v.storageDims().get(k)) + ";");
                sizes.line("checkSize(\"" + v.stanName() + "\", " + Code.dim(v, k) + ");");
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
        s.append(kernelData());
        s.append(shapes());
        s.append("}\n");
        return s.toString();
    }

    private static void field(StringBuilder s, IrVar v) {
        String type = v.isInt() ? "int" : "double";
        s.append("    private ").append(type).append(v.isScalar() ? " " : "[] ").append(Code.name(v)).append(";\n");
        dims(s, v);
    }

    private static void dims(StringBuilder s, IrVar v) {
        for (int k = 0; k < v.dims().size(); k++) {
            s.append("    private int ").append(Code.dim(v, k)).append(";\n");
        }
    }

    private String buildMethod() {
        Code code = new Code(JavaDialect.INSTANCE, 2);
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
            s.append("        final ").append(type).append("[] ").append(Code.name(v)).append(" = new ")
                    .append(type).append("[").append(size).append("];\n");
            if (v.isActive()) {
                s.append("        final double[] ").append(Code.adjoint(v)).append(" = new double[").append(size)
                        .append("];\n");
            }
        }
        s.append("    }\n\n    @Override\n    public Workspace newWorkspace() {\n        return new W();\n    }\n\n");
        return s.toString();
    }

    private static String size(IrVar v) {
        StringBuilder size = new StringBuilder();
        for (int k = 0; k < v.dims().size(); k++) {
            size.append(k == 0 ? "" : " * ").append(Code.dim(v, k));
        }
        return size.toString();
    }

    private String densityMethod() {
        Code code = new Code(JavaDialect.INSTANCE, 2);
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
                code.line("java.util.Arrays.fill(" + Code.adjoint(v) + ", 0.0);");
            }
        }
        code.line("java.util.Arrays.fill(g__, off__, off__ + dimension__, 0.0);");
        Sweeps sweeps = new Sweeps(code);
        sweeps.forward(program.density());
        sweeps.reverse(program.density());
        code.line("return target__;");
        return "    @Override\n    public double logDensityGradient(double[] u__, int off__, double[] g__, "
                + "Workspace ws__) {\n" + code.text() + "    }\n\n";
    }

    private String generateMethod() {
        Code code = new Code(JavaDialect.INSTANCE, 2);
        JavaStatements statements = new JavaStatements(code, workspace);
        code.line("final W w__ = (W) ws__;");
        code.line("final Rng rng__ = w__.rng;");
        code.line("rng__.use(random__, randomSeed(), u__, off__, dimension__);");
        declareLocals(code, program.generate(), false);
        for (IrVar v : program.outputs()) {
            if (v.isScalar() && !usedIn(v, program.generate())) {
                code.line(v.isInt() ? "int " + Code.name(v) + " = Integer.MIN_VALUE;"
                        : "double " + Code.name(v) + " = Double.NaN;");
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
        return Variables.of(statements).contains(v);
    }

    /** Writes a variable's elements to the outputs in Stan's order: the first index fastest. */
    private static void writeColumnMajor(Code code, IrVar v) {
        if (v.isScalar()) {
            code.line("out__[o__++] = " + Code.name(v) + ";");
            return;
        }
        int rank = v.dims().size();
        for (int k = rank - 1; k >= 0; k--) {
            String i = "c" + k + "__";
            code.open("for (int " + i + " = 0; " + i + " < " + Code.dim(v, k) + "; " + i + "++)");
        }
        String position = "c0__";
        for (int k = 1; k < rank; k++) {
            position = "(" + position + ") * " + Code.dim(v, k) + " + c" + k + "__";
        }
        code.line("out__[o__++] = " + Code.name(v) + "[" + position + "];");
        for (int k = 0; k < rank; k++) {
            code.close();
        }
    }

    /**
     * Declares at the top of a method every variable its statements use that is not a field: scalars (with their
     * adjoints where differentiated), workspace arrays read from the workspace, other arrays allocated later.
     */
    private Set<IrVar> declareLocals(Code code, List<IrStmt> statements, boolean differentiated) {
        Set<IrVar> used = Variables.of(statements);
        for (IrVar v : used) {
            if (v.isData() || v.role() == IrVar.Role.LOOP || v.role() == IrVar.Role.UNCONSTRAINED) {
                continue;
            }
            String name = Code.name(v);
            if (v.isScalar()) {
                code.line((v.isInt() ? "int " + name + " = Integer.MIN_VALUE;" : "double " + name + " = Double.NaN;"));
                if (differentiated && v.isActive()) {
                    code.line("double " + Code.adjoint(v) + " = 0.0;");
                }
            } else if (workspace.contains(v)) {
                String type = v.isInt() ? "int" : "double";
                code.line("final " + type + "[] " + name + " = w__." + name + ";");
                if (differentiated && v.isActive()) {
                    code.line("final double[] " + Code.adjoint(v) + " = w__." + Code.adjoint(v) + ";");
                }
            } else {
                code.line((v.isInt() ? "int[] " : "double[] ") + name + " = null;");
                for (int k = 0; k < v.dims().size(); k++) {
                    code.line("int " + Code.dim(v, k) + " = 0;");
                }
            }
        }
        return used;
    }

    /** The data as the device reads them, in the order of {@link DataLayout}. */
    private String kernelData() {
        DataLayout layout = new DataLayout(program);
        Code ints = new Code(JavaDialect.INSTANCE, 2);
        StringBuilder length = new StringBuilder(Integer.toString(layout.sizesEnd()));
        for (IrVar v : layout.integers()) {
            length.append(" + ").append(v.isScalar() ? "1" : size(v));
        }
        ints.line("final int[] out__ = new int[" + length + "];");
        ints.line("out__[" + DataLayout.DIMENSION + "] = dimension__;");
        for (IrVar v : layout.sized()) {
            for (int k = 0; k < v.dims().size(); k++) {
                ints.line("out__[" + layout.sizeAt(v, k) + "] = " + Code.dim(v, k) + ";");
            }
        }
        flatten(ints, layout.integers(), layout.sizesEnd());
        Code reals = new Code(JavaDialect.INSTANCE, 2);
        length = new StringBuilder("0");
        for (IrVar v : layout.reals()) {
            length.append(" + ").append(v.isScalar() ? "1" : size(v));
        }
        reals.line("final double[] out__ = new double[" + length + "];");
        flatten(reals, layout.reals(), 0);
        return "    @Override\n    public int[] kernelIntegers() {\n" + ints.text() + "        return out__;\n    }\n\n"
                + "    @Override\n    public double[] kernelReals() {\n" + reals.text()
                + "        return out__;\n    }\n\n";
    }

    /** Copies variables' values one after another into {@code out__} from position {@code start}. */
    private static void flatten(Code code, List<IrVar> variables, int start) {
        code.line("int k__ = " + start + ";");
        for (IrVar v : variables) {
            if (v.isScalar()) {
                code.line("out__[k__++] = " + Code.name(v) + ";");
            } else {
                code.line("System.arraycopy(" + Code.name(v) + ", 0, out__, k__, " + size(v) + ");");
                code.line("k__ += " + size(v) + ";");
            }
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
            dims.add(Code.dim(v, k));
        }
        return String.join(", ", dims);
    }
}
