package manynuts.output;

/**
 * Takes a run's draws as rows: the model's outputs then Stan's sampler stats, one row per chain and draw, called
 * concurrently for different chains. The sampler's draws arrive this way once their outputs are computed, and a
 * resumed run's earlier draws as read back from draws.csv.
 */
interface DrawRows {

    /** Draw {@code draw} (0-based) of chain {@code chain} (0-based); {@code values} is reused after the call. */
    void row(int chain, int draw, double[] values);
}
