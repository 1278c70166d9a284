package manynuts.diagnostics;

import java.util.List;

/** Draws of named variables, each a [chain][draw] array with the same number of chains and draws. */
public record PosteriorDraws(List<String> variables, List<double[][]> values) {

    public PosteriorDraws {
        if (variables.size() != values.size()) {
            throw new IllegalArgumentException(variables.size() + " names for " + values.size() + " variables");
        }
        variables = List.copyOf(variables);
        values = List.copyOf(values);
    }

    /** The draws of one variable, [chain][draw]; the array is shared, not copied. */
    public double[][] of(String variable) {
        int index = variables.indexOf(variable);
        if (index < 0) {
            throw new DiagnosticsInputException("no variable named " + variable);
        }
        return values.get(index);
    }

    public int chains() {
        return values.isEmpty() ? 0 : values.get(0).length;
    }

    public int drawsPerChain() {
        return values.isEmpty() || values.get(0).length == 0 ? 0 : values.get(0)[0].length;
    }
}
