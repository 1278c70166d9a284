package manynuts.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import manynuts.diagnostics.draws.PosteriorDraws;
import manynuts.nuts.SamplerStats;

/**
 * The draws of one run after warm-up, however they were obtained (a run in memory or a draws.csv on disk): the
 * model's outputs, then Stan's sampler statistics, each as {@code [chain][draw]}.
 *
 * @param model   the model's registered name
 * @param outputs names of the model's outputs in order (mu, tau, theta[1], ..., tau_log), without sampler stats
 * @param columns every column by name, outputs and sampler stats; arrays are shared, not copied
 */
public record RunDraws(String model, List<String> outputs, Map<String, double[][]> columns) {

    public RunDraws {
        outputs = List.copyOf(outputs);
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        for (String name : outputs) {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException("no draws for output " + name);
            }
        }
        for (String name : SamplerStats.NAMES) {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException("no column " + name + " among the sampler statistics");
            }
        }
    }

    /** The draws of a finished in-memory run. */
    public static RunDraws of(DrawTable table, String model) {
        Map<String, double[][]> columns = new LinkedHashMap<>();
        for (int column = 0; column < table.columns().size(); column++) {
            columns.put(table.columns().get(column), table.column(column));
        }
        return new RunDraws(model, table.columns().subList(0, table.outputCount()), columns);
    }

    /** Draws read from a draws_df CSV: every variable that is not a sampler statistic is an output. */
    public static RunDraws of(PosteriorDraws draws, String model) {
        Map<String, double[][]> columns = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        for (int v = 0; v < draws.variables().size(); v++) {
            String name = draws.variables().get(v);
            columns.put(name, draws.values().get(v));
            if (!SamplerStats.NAMES.contains(name)) {
                outputs.add(name);
            }
        }
        return new RunDraws(model, outputs, columns);
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The draws of one column as {@code [chain][draw]}. */
    public double[][] column(String name) {
        double[][] values = columns.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no column " + name + " in the draws of " + model);
        }
        return values;
    }

    public int chains() {
        return columns.values().iterator().next().length;
    }

    public int draws() {
        return columns.values().iterator().next()[0].length;
    }

    public long totalDraws() {
        return (long) chains() * draws();
    }

    /** Whether each draw's transition diverged, {@code [chain][draw]}. */
    public boolean[][] divergent() {
        double[][] flags = column("divergent__");
        boolean[][] divergent = new boolean[flags.length][];
        for (int chain = 0; chain < flags.length; chain++) {
            divergent[chain] = new boolean[flags[chain].length];
            for (int draw = 0; draw < flags[chain].length; draw++) {
                divergent[chain][draw] = flags[chain][draw] != 0;
            }
        }
        return divergent;
    }
}
