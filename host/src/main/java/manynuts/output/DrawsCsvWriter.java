package manynuts.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.models.Model;
import manynuts.nuts.DrawSink;
import manynuts.models.UniformStream;
import manynuts.nuts.SamplerStats;

/**
 * Streams draws to a CSV in posterior's draws_df layout ({@code .chain}, {@code .iteration}, {@code .draw},
 * one column per output, then Stan's sampler stats) as chains make them, so memory stays bounded and a run
 * stopped half way leaves every completed draw readable. Rows of different chains interleave.
 */
public final class DrawsCsvWriter implements DrawSink, AutoCloseable {
    private final Model model;
    private final int draws;
    private final int width;
    private final BufferedWriter out;

    public DrawsCsvWriter(Path file, Model model, int draws) throws IOException {
        this.model = model;
        this.draws = draws;
        List<String> outputs = model.outputNames();
        this.width = outputs.size() + SamplerStats.NAMES.size();
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(".chain,.iteration,.draw");
        for (String name : outputs) {
            header.append(',').append(name);
        }
        for (String name : SamplerStats.NAMES) {
            header.append(',').append(name);
        }
        out.write(header.append('\n').toString());
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats) {
        draw(chain, draw, position, stats, null);
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
        double[] row = new double[width];
        if (random == null) {
            model.outputs(position, row);
        } else {
            model.outputs(position, row, random);
        }
        stats.write(row, model.outputNames().size());
        StringBuilder line = new StringBuilder(24 * width);
        line.append(chain + 1).append(',').append(draw + 1).append(',').append((long) chain * draws + draw + 1);
        for (double value : row) {
            line.append(',');
            Numbers.appendCsv(line, value);
        }
        line.append('\n');
        synchronized (out) {
            try {
                out.write(line.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Pushes buffered rows to the file. */
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
