package manynuts.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import manynuts.models.Model;
import manynuts.models.UniformStream;
import manynuts.nuts.DrawSink;
import manynuts.nuts.SamplerStats;

/**
 * Every draw of a run, column by column, in memory-mapped files ({@code [chain][draw]} float64 per column):
 * the heap holds no draws, the operating system pages them to disk when they do not fit in memory, and the
 * summary reads one column at a time. Columns: the model's outputs, then Stan's sampler stats.
 */
public final class ColumnStore implements DrawSink, DrawRows, DrawColumns, AutoCloseable {
    /** A mapping holds at most this many doubles (a mapped buffer addresses at most 2 GiB). */
    private static final int DOUBLES_PER_MAPPING = 1 << 27;

    private final Model model;
    private final Path directory;
    private final int chains;
    private final int draws;
    private final List<String> columns;
    private final int outputCount;
    private final List<DoubleBuffer[]> mappings = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    /** Fills each draw's row and hands it to {@link #row}. */
    private final DrawSink rows;

    public ColumnStore(Path directory, Model model, int chains, int draws) throws IOException {
        this.model = model;
        this.directory = Files.createDirectories(directory);
        this.chains = chains;
        this.draws = draws;
        List<String> names = new ArrayList<>(model.outputNames());
        this.outputCount = names.size();
        names.addAll(SamplerStats.NAMES);
        this.columns = List.copyOf(names);
        this.rows = DrawRows.sink(model, this);
        long total = (long) chains * draws;
        for (int column = 0; column < columns.size(); column++) {
            FileChannel channel = FileChannel.open(file(column), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            channels.add(channel);
            int parts = (int) ((total + DOUBLES_PER_MAPPING - 1) / DOUBLES_PER_MAPPING);
            DoubleBuffer[] buffers = new DoubleBuffer[Math.max(1, parts)];
            for (int part = 0; part < buffers.length; part++) {
                long first = (long) part * DOUBLES_PER_MAPPING;
                long size = Math.min(DOUBLES_PER_MAPPING, total - first);
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, first * 8, Math.max(0, size) * 8);
                buffers[part] = mapped.order(ByteOrder.nativeOrder()).asDoubleBuffer();
            }
            mappings.add(buffers);
        }
    }

    private Path file(int column) {
        return directory.resolve(column + ".f64");
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats) {
        draw(chain, draw, position, stats, null);
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
        rows.draw(chain, draw, position, stats, random);
    }

    @Override
    public void row(int chain, int draw, double[] values) {
        long at = (long) chain * draws + draw;
        int part = (int) (at / DOUBLES_PER_MAPPING);
        int index = (int) (at % DOUBLES_PER_MAPPING);
        for (int column = 0; column < values.length; column++) {
            // Absolute puts on distinct indices: safe from several threads at once.
            mappings.get(column)[part].put(index, values[column]);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public int outputCount() {
        return outputCount;
    }

    @Override
    public int chains() {
        return chains;
    }

    @Override
    public int draws() {
        return draws;
    }

    /** One column's draws as {@code [chain][draw]}, read into a new array. */
    @Override
    public double[][] column(int column) {
        DoubleBuffer[] buffers = mappings.get(column);
        double[][] values = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            for (int d = 0; d < draws; d++) {
                long at = (long) c * draws + d;
                values[c][d] = buffers[(int) (at / DOUBLES_PER_MAPPING)].get((int) (at % DOUBLES_PER_MAPPING));
            }
        }
        return values;
    }

    /** Closes the files and deletes them: the store is scratch space, draws.csv is the record. */
    @Override
    public void close() throws IOException {
        mappings.clear();
        for (FileChannel channel : channels) {
            channel.close();
        }
        for (int column = 0; column < columns.size(); column++) {
            Files.deleteIfExists(file(column));
        }
        try (var left = Files.list(directory)) {
            if (left.findAny().isEmpty()) {
                Files.delete(directory);
            }
        } catch (IOException | UncheckedIOException e) {
            // An unrelated file in the directory: leave it.
        }
    }
}
