package manynuts.models.stan.syntax;

import java.util.List;

/**
 * A parsed Stan program: its blocks in order. The data and parameters blocks hold declarations only; transformed
 * data, transformed parameters, model and generated quantities hold statements, and the top-level
 * {@link Stmt.Declare} statements of all but the model block are the block's variables (what it outputs or keeps).
 * Absent blocks are empty.
 */
public record Program(SourceText source, List<FunctionDef> functions, List<Declaration> data,
        List<Stmt> transformedData, List<Declaration> parameters, List<Stmt> transformedParameters,
        List<Stmt> model, List<Stmt> generatedQuantities) {

    public Program {
        functions = List.copyOf(functions);
        data = List.copyOf(data);
        transformedData = List.copyOf(transformedData);
        parameters = List.copyOf(parameters);
        transformedParameters = List.copyOf(transformedParameters);
        model = List.copyOf(model);
        generatedQuantities = List.copyOf(generatedQuantities);
    }

    /** The variables a block declares at its top level, in order. */
    public static List<Declaration> declarations(List<Stmt> block) {
        return block.stream().filter(s -> s instanceof Stmt.Declare).map(s -> ((Stmt.Declare) s).declaration())
                .toList();
    }
}
