package manynuts.models.stan.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.stan.syntax.BaseType;
import manynuts.models.stan.syntax.Declaration;
import manynuts.models.stan.syntax.Expr;
import manynuts.models.stan.syntax.FunctionDef;
import manynuts.models.stan.syntax.Program;
import manynuts.models.stan.syntax.SourcePos;
import manynuts.models.stan.syntax.Stmt;
import manynuts.models.stan.ir.IrExpr;
import manynuts.models.stan.ir.IrStmt;
import manynuts.models.stan.ir.IrVar;
import manynuts.models.stan.ir.LoweredProgram;

/**
 * Lowers a parsed program block by block: the data read and checked, transformed data computed once, parameters
 * constrained from the unconstrained coordinates (with their log-Jacobians where the density is computed),
 * transformed parameters and the model differentiated, generated quantities computed for each draw.
 */
public final class ProgramLowering {
    private final Program program;
    private final Lowerer lowerer;
    private final Expressions expressions;
    private final Statements statements;
    private final List<IrVar> fields = new ArrayList<>();
    private final List<IrVar> outputs = new ArrayList<>();
    private final Map<Stmt.Declare, IrVar> blockVariables = new HashMap<>();

    private ProgramLowering(Program program, java.util.Set<SourcePos> activeDeclarations) {
        this.program = program;
        this.lowerer = new Lowerer(program.source(), activeDeclarations);
        this.expressions = new Expressions(lowerer);
        lowerer.expressions = expressions;
        this.statements = new Statements(lowerer, expressions);
    }

    /**
     * Lowers {@code program}.
     *
     * @throws manynuts.models.stan.syntax.StanException for a type error or an unsupported feature, naming where it is
     */
    public static LoweredProgram lower(Program program, String name) {
        // Twice: decisions made while lowering (which density terms ~ drops, which values get adjoints) need to
        // know which variables depend on the parameters, and in a loop a variable read early may only become so
        // later. The first lowering finds them all (to a fixed point); the second marks them from the start.
        ProgramLowering first = new ProgramLowering(program, java.util.Set.of());
        first.lower(name);
        return new ProgramLowering(program, first.lowerer.activeDeclarations()).lower(name);
    }

    private LoweredProgram lower(String name) {
        for (FunctionDef f : program.functions()) {
            lowerer.functions.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f);
        }
        IrBuilder build = new IrBuilder(lowerer.names, lowerer.workspace, false);
        lowerer.builder = build;
        for (Declaration d : program.data()) {
            readData(d);
        }
        lowerer.block = Lowerer.Block.TRANSFORMED_DATA;
        topLevel(program.transformedData(), IrVar.Role.TRANSFORMED_DATA, Symbol.Origin.TRANSFORMED_DATA, true);

        IrBuilder density = new IrBuilder(lowerer.names, lowerer.workspace, true);
        IrBuilder generate = new IrBuilder(lowerer.names, lowerer.workspace, false);
        List<ParameterTransform> transforms = new ArrayList<>();
        IrExpr offset = Ops.integer(0);
        lowerer.builder = density;
        java.util.concurrent.atomic.AtomicReference<IrVar> point = new java.util.concurrent.atomic.AtomicReference<>();
        for (Declaration d : program.parameters()) {
            ParameterTransform t = ParameterTransform.declare(lowerer, expressions, d, offset, point::get);
            transforms.add(t);
            offset = Ops.add(offset, t.unconstrainedSize());
            outputs.add(t.variable());
            lowerer.workspace.add(t.variable());
        }
        IrVar unconstrained = new IrVar(lowerer.names.fresh("unconstrained"), "unconstrained",
                IrVar.Role.UNCONSTRAINED, false, List.of(offset), BaseType.VECTOR, 0);
        point.set(unconstrained);
        for (ParameterTransform t : transforms) {
            lowerer.builder = density;
            t.emit(unconstrained, true);
            lowerer.builder = generate;
            t.emit(unconstrained, false);
        }
        lowerer.block = Lowerer.Block.TRANSFORMED_PARAMETERS;
        lowerer.builder = density;
        topLevel(program.transformedParameters(), IrVar.Role.TRANSFORMED_PARAMETER,
                Symbol.Origin.TRANSFORMED_PARAMETER, true);
        lowerer.builder = generate;
        topLevel(program.transformedParameters(), IrVar.Role.TRANSFORMED_PARAMETER,
                Symbol.Origin.TRANSFORMED_PARAMETER, false);
        lowerer.block = Lowerer.Block.MODEL;
        lowerer.builder = density;
        lowerer.scoped(() -> statements.lowerAll(program.model()));
        lowerer.block = Lowerer.Block.GENERATED_QUANTITIES;
        lowerer.builder = generate;
        topLevel(program.generatedQuantities(), IrVar.Role.GENERATED, Symbol.Origin.GENERATED_QUANTITY, true);

        Activity.propagate(density.statements());
        List<LoweredProgram.Parameter> parameters = new ArrayList<>();
        for (ParameterTransform t : transforms) {
            parameters.add(new LoweredProgram.Parameter(t.variable(), t.offset(), t.unconstrainedSize(),
                    t.describe()));
        }
        return new LoweredProgram(name, fields, build.statements(), lowerer.workspace, unconstrained, parameters,
                density.statements(), generate.statements(), outputs);
    }

    private void readData(Declaration d) {
        IrVar v = statements.declare(d, IrVar.Role.DATA, Symbol.Origin.DATA);
        fields.add(v);
        // The Declare statement sized the variable; reading fills it.
        lowerer.add(new IrStmt.ReadData(v));
        Checks.declared(lowerer, expressions, d, v, IrStmt.Fail.Kind.DATA);
    }

    /**
     * A block with variables at its top level: each one declared once (the first time the block is lowered) and
     * checked against its constraints after the block's statements, as Stan checks them.
     */
    private void topLevel(List<Stmt> block, IrVar.Role role, Symbol.Origin origin, boolean first) {
        List<Runnable> checks = new ArrayList<>();
        lowerer.scoped(() -> {
            for (Stmt s : block) {
                if (s instanceof Stmt.Declare declare) {
                    Declaration d = declare.declaration();
                    IrVar v;
                    if (first && !blockVariables.containsKey(declare)) {
                        v = statements.declare(d, role, origin);
                        blockVariables.put(declare, v);
                        if (role == IrVar.Role.TRANSFORMED_DATA) {
                            fields.add(v);
                        } else {
                            if (!IrBuilder.dataSized(v.dims())) {
                                throw lowerer.error(d.pos(), "the size of " + d.name() + " must be known from the "
                                        + "data alone");
                            }
                            lowerer.workspace.add(v);
                            outputs.add(v);
                        }
                    } else {
                        v = blockVariables.get(declare);
                        lowerer.add(new IrStmt.Declare(v));
                    }
                    if (d.initial() != null) {
                        statements.assignWhole(v, expressions.lower(d.initial()), d.initial().pos(), d.name());
                    }
                    IrStmt.Fail.Kind kind = role == IrVar.Role.TRANSFORMED_DATA ? IrStmt.Fail.Kind.FATAL
                            : IrStmt.Fail.Kind.REJECT;
                    checks.add(() -> Checks.declared(lowerer, expressions, d, v, kind));
                } else {
                    statements.lower(s);
                }
            }
        });
        checks.forEach(Runnable::run);
    }
}
