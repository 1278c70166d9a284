package manynuts.output;

import java.io.IOException;
import java.nio.file.Path;
import manynuts.models.Model;
import manynuts.nuts.SamplerStats;

/**
 * Streams draws to a CSV in posterior's draws_df layout ({@code .chain}, {@code .iteration}, {@code .draw},
 * one column per output, then Stan's sampler stats) as chains make them, so memory stays bounded and a run
 * stopped half way leaves every completed draw readable: the header is on disk from the start, and rows reach the
 * file whole (see {@link RowFile}). Rows of different chains interleave.
 */
public final class DrawsCsvWriter implements DrawRows, AutoCloseable {
    private final int draws;
    private final RowFile file;

    private DrawsCsvWriter(RowFile file, int draws) {
        this.file = file;
        this.draws = draws;
    }

    /** A new draws.csv holding its header. */
    public static DrawsCsvWriter create(Path file, Model model, int draws) throws IOException {
        return new DrawsCsvWriter(RowFile.create(file, header(model)), draws);
    }

    /** An existing draws.csv of whole rows, continued. */
    public static DrawsCsvWriter append(Path file, int draws) throws IOException {
        return new DrawsCsvWriter(RowFile.append(file), draws);
    }

    /** The header line of a model's draws.csv. */
    public static String header(Model model) {
        StringBuilder header = new StringBuilder(".chain,.iteration,.draw");
        for (String name : model.outputNames()) {
            header.append(',').append(name);
        }
        for (String name : SamplerStats.NAMES) {
            header.append(',').append(name);
        }
        return header.append('\n').toString();
    }

    @Override
    public void row(int chain, int draw, double[] values) {
        StringBuilder line = new StringBuilder(24 * values.length + 32);
        line.append(chain + 1).append(',').append(draw + 1).append(',').append((long) chain * draws + draw + 1);
        for (double value : values) {
            line.append(',');
            Numbers.appendCsv(line, value);
        }
        file.add(line.append('\n'));
    }

    /** The file, for flushing it. */
    public RowFile file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
