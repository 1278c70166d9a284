package manynuts.output;

import manynuts.models.Model;
import manynuts.models.UniformStream;
import manynuts.nuts.DrawSink;
import manynuts.nuts.SamplerStats;

/**
 * Takes a run's draws as rows: the model's outputs then Stan's sampler stats, one row per chain and draw, called
 * concurrently for different chains. The sampler's draws arrive this way once their outputs are computed, and a
 * resumed run's earlier draws as read back from draws.csv.
 */
public interface DrawRows {

    /** Draw {@code draw} (0-based) of chain {@code chain} (0-based); {@code values} is reused after the call. */
    void row(int chain, int draw, double[] values);

    /**
     * Fills {@code row} with a draw's outputs (its generated quantities from {@code random}, or from the model's own
     * stream when null) followed by its sampler stats.
     */
    static void fill(Model model, double[] position, SamplerStats stats, UniformStream random, double[] row) {
        if (random == null) {
            model.outputs(position, row);
        } else {
            model.outputs(position, row, random);
        }
        stats.write(row, model.outputNames().size());
    }

    /**
     * The sampler's sink that fills each draw's row ({@link #fill}, in a row of its thread's own) and hands it to
     * {@code rows}.
     */
    static DrawSink sink(Model model, DrawRows rows) {
        int width = model.outputNames().size() + SamplerStats.NAMES.size();
        ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[width]);
        return new DrawSink() {
            @Override
            public void draw(int chain, int draw, double[] position, SamplerStats stats) {
                draw(chain, draw, position, stats, null);
            }

            @Override
            public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
                double[] row = buffers.get();
                fill(model, position, stats, random, row);
                rows.row(chain, draw, row);
            }
        };
    }
}
