package manynuts.models.stan.syntax;

import java.util.List;

/**
 * A function of the functions block.
 *
 * @param returnType the return type, with {@code arrayDims} as the number of array dimensions; VOID for none
 * @param body       null for a forward declaration
 */
public record FunctionDef(SourcePos pos, String name, BaseType returnType, int returnArrayDims,
        List<Parameter> parameters, Stmt.Block body) {

    /** An argument: {@code data real x}, {@code array[] vector v}. */
    public record Parameter(SourcePos pos, String name, BaseType base, int arrayDims, boolean dataOnly) {
    }

    public FunctionDef {
        parameters = List.copyOf(parameters);
    }
}
