package manynuts.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import manynuts.models.Model;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.models.UniformStream;
import manynuts.nuts.SamplerStats;

/**
 * Every draw of a run in memory, as {@code [column][chain][draw]}: the model's outputs (constrained
 * parameters, generated quantities, unconstrained coordinates) then Stan's sampler stats.
 */
public final class DrawTable implements DrawSink, DrawRows, DrawColumns {
    private final Model model;
    private final List<String> columns;
    private final double[][][] values;
    private final int outputCount;
    private final List<Divergence> divergences = Collections.synchronizedList(new ArrayList<>());

    public DrawTable(Model model, int chains, int draws) {
        this.model = model;
        List<String> names = new ArrayList<>(model.outputNames());
        outputCount = names.size();
        names.addAll(SamplerStats.NAMES);
        this.columns = List.copyOf(names);
        this.values = new double[columns.size()][chains][draws];
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats) {
        draw(chain, draw, position, stats, null);
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
        double[] row = new double[columns.size()];
        DrawRows.fill(model, position, stats, random, row);
        row(chain, draw, row);
    }

    @Override
    public void row(int chain, int draw, double[] row) {
        for (int column = 0; column < row.length; column++) {
            values[column][chain][draw] = row[column];
        }
    }

    @Override
    public void divergence(Divergence divergence) {
        divergences.add(divergence);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public int outputCount() {
        return outputCount;
    }

    /** The draws of one column as {@code [chain][draw]}; the array is the table's own, not a copy. */
    @Override
    public double[][] column(int index) {
        return values[index];
    }

    @Override
    public int chains() {
        return values[0].length;
    }

    @Override
    public int draws() {
        return values[0][0].length;
    }

    /** Divergences after warm-up, ordered by chain then draw. */
    public List<Divergence> divergences() {
        List<Divergence> sorted = new ArrayList<>(divergences);
        sorted.sort(Divergence.BY_CHAIN_AND_DRAW);
        return sorted;
    }
}
