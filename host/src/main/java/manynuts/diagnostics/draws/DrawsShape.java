package manynuts.diagnostics.draws;

/**
 * The number of chains and draws per chain of a {@code [chain][draw]} array, checked to be rectangular, and at most
 * {@link Integer#MAX_VALUE} draws in all: a summary counts, ranks and splits one parameter's draws in {@code int}s.
 */
public record DrawsShape(int chains, int drawsPerChain) {

    /**
     * @throws DiagnosticsInputException if chains x draws per chain passes {@link Integer#MAX_VALUE}
     */
    public DrawsShape {
        long total = (long) chains * drawsPerChain;
        if (total > Integer.MAX_VALUE) {
            throw new DiagnosticsInputException("draws: " + chains + " chains x " + drawsPerChain + " draws is "
                    + total + " draws of one parameter, more than the " + Integer.MAX_VALUE
                    + " a summary can take; summarise fewer chains or draws at once");
        }
    }

    /** Total number of draws over all chains. */
    public int totalDraws() {
        return chains * drawsPerChain;
    }

    /** True when there is nothing to summarise. */
    public boolean isEmpty() {
        return chains == 0 || drawsPerChain == 0;
    }

    /**
     * Reads the shape of {@code draws}; not modified.
     *
     * @throws DiagnosticsInputException if a chain is missing or chains differ in length, because the
     *     between-chain variance in R-hat assumes equal lengths
     */
    public static DrawsShape of(double[][] draws) {
        if (draws == null) {
            throw new DiagnosticsInputException("draws: no array given");
        }
        if (draws.length == 0) {
            return new DrawsShape(0, 0);
        }
        int length = -1;
        for (int chain = 0; chain < draws.length; chain++) {
            if (draws[chain] == null) {
                throw new DiagnosticsInputException("draws: chain " + (chain + 1) + " is missing");
            }
            if (length < 0) {
                length = draws[chain].length;
            } else if (draws[chain].length != length) {
                throw new DiagnosticsInputException("draws: chain " + (chain + 1) + " has " + draws[chain].length
                        + " draws but chain 1 has " + length + "; all chains must have equal length");
            }
        }
        return new DrawsShape(draws.length, length);
    }
}
