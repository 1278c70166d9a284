package manynuts.diagnostics.draws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws of named variables read chain by chain, whose chains may differ in length, as a run stopped part way
 * leaves them.
 *
 * @param source       the file the draws came from, for messages
 * @param variables    the variables' names in column order
 * @param values       each variable's draws as {@code [chain][draw]}; chains may differ in length
 * @param chainNumbers each chain's number as the file gives it ({@code .chain}), in increasing order
 * @param cutRowLine   the line of a last row cut short and dropped (the file ended inside it), 0 if none
 */
public record ChainDraws(String source, List<String> variables, List<double[][]> values, int[] chainNumbers,
        long cutRowLine) {

    public ChainDraws {
        variables = List.copyOf(variables);
        values = List.copyOf(values);
        if (variables.size() != values.size()) {
            throw new IllegalArgumentException(variables.size() + " names for " + values.size() + " variables");
        }
    }

    public int chains() {
        return chainNumbers.length;
    }

    /** Draws of the chain at {@code index} (0-based, in the order of {@link #chainNumbers}). */
    public int length(int index) {
        return values.isEmpty() ? 0 : values.get(0)[index].length;
    }

    public int shortest() {
        return Arrays.stream(lengths()).min().orElse(0);
    }

    public int longest() {
        return Arrays.stream(lengths()).max().orElse(0);
    }

    /** Each chain's number of draws, in the order of {@link #chainNumbers}. */
    public int[] lengths() {
        int[] lengths = new int[chains()];
        for (int chain = 0; chain < lengths.length; chain++) {
            lengths[chain] = length(chain);
        }
        return lengths;
    }

    /** Whether the last row was cut short and dropped. */
    public boolean lastRowCut() {
        return cutRowLine > 0;
    }

    /** The line that says a cut last row was dropped. */
    public String cutRowNote() {
        return source + ":" + cutRowLine + ": the last row is cut short (the file ends inside it); dropped";
    }

    /**
     * The first {@code draws} draws of every chain, as equal-length draws to summarise. Chains of exactly that length
     * share their arrays; longer ones are copied.
     *
     * @throws IllegalArgumentException if a chain has fewer draws
     */
    public PosteriorDraws firstDraws(int draws) {
        if (draws > shortest()) {
            throw new IllegalArgumentException("asked for " + draws + " draws of each chain but the shortest has "
                    + shortest());
        }
        List<double[][]> cut = new ArrayList<>(values.size());
        for (double[][] variable : values) {
            double[][] chains = new double[variable.length][];
            for (int chain = 0; chain < chains.length; chain++) {
                chains[chain] = variable[chain].length == draws ? variable[chain]
                        : Arrays.copyOf(variable[chain], draws);
            }
            cut.add(chains);
        }
        return new PosteriorDraws(variables, cut);
    }
}
