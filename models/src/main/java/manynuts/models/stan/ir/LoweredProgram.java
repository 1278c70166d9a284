package manynuts.models.stan.ir;

import java.util.List;

/**
 * A Stan program lowered to scalar statements, ready for a code generator: what the model's constructor runs (read
 * the data, check it, compute the transformed data), what one log density evaluation runs (constrain the
 * parameters and add their log-Jacobians, transformed parameters, model), and what one draw's outputs run
 * (constrain, transformed parameters, generated quantities).
 *
 * @param name          the program's name (its file name without {@code .stan})
 * @param fields        data and transformed data: fixed once the model is built
 * @param build         the constructor's statements
 * @param workspace     one chain's variables: parameters, transformed parameters, generated quantities and the
 *                      locals of the differentiated code, all sized by data
 * @param unconstrained the unconstrained coordinates (one dim: the model's dimension)
 * @param parameters    each parameter's variable, its first unconstrained coordinate and how many it has
 * @param density       the log density's statements; the target is their sum of increments
 * @param generate      the outputs' statements
 * @param outputs       the variables reported for each draw, in order
 */
public record LoweredProgram(String name, List<IrVar> fields, List<IrStmt> build, List<IrVar> workspace,
        IrVar unconstrained, List<Parameter> parameters, List<IrStmt> density, List<IrStmt> generate,
        List<IrVar> outputs) {

    /** A parameter's place among the unconstrained coordinates. */
    public record Parameter(IrVar variable, IrExpr offset, IrExpr size, String constraint) {
    }

    public LoweredProgram {
        fields = List.copyOf(fields);
        build = List.copyOf(build);
        workspace = List.copyOf(workspace);
        parameters = List.copyOf(parameters);
        density = List.copyOf(density);
        generate = List.copyOf(generate);
        outputs = List.copyOf(outputs);
    }

    /** The number of unconstrained coordinates, an int expression of the data. */
    public IrExpr dimension() {
        return unconstrained.dims().get(0);
    }
}
