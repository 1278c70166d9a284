package manynuts.diagnostics.draws;

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

    /** True when a column is a sampler statistic ({@code lp__}, {@code divergent__}, ...), not a variable. */
    public static boolean isSamplerColumn(String name) {
        return name.endsWith("__");
    }

    /** The columns that are variables, in file order. */
    public PosteriorDraws variablesOnly() {
        return select(false);
    }

    /** The sampler's columns ({@code lp__} and the others ending in {@code __}), in file order. */
    public PosteriorDraws samplerOnly() {
        return select(true);
    }

    private PosteriorDraws select(boolean sampler) {
        List<String> names = new java.util.ArrayList<>();
        List<double[][]> columns = new java.util.ArrayList<>();
        for (int column = 0; column < variables.size(); column++) {
            if (isSamplerColumn(variables.get(column)) == sampler) {
                names.add(variables.get(column));
                columns.add(values.get(column));
            }
        }
        return new PosteriorDraws(names, columns);
    }

    public int chains() {
        return values.isEmpty() ? 0 : values.get(0).length;
    }

    public int drawsPerChain() {
        return values.isEmpty() || values.get(0).length == 0 ? 0 : values.get(0)[0].length;
    }
}
