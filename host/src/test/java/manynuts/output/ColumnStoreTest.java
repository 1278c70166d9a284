package manynuts.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Divergence;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column files hold exactly what the in-memory table holds, written from several threads. */
class ColumnStoreTest {
    @TempDir
    Path directory;

    @Test
    void columnsMatchTheInMemoryTableAndVanishOnClose() throws Exception {
        Model model = ModelRegistry.create("centered");
        SamplerSettings settings = SamplerSettings.defaults(40, 3).withWarmup(100).withDraws(30).withThreads(2);
        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        Path columns = directory.resolve("columns");
        try (ColumnStore store = new ColumnStore(columns, model, settings.chains(), settings.draws())) {
            new Sampler(model, new CpuBackend(), settings).run(new DrawSink() {
                @Override
                public void draw(int chain, int draw, double[] position, SamplerStats stats) {
                    table.draw(chain, draw, position, stats);
                    store.draw(chain, draw, position, stats);
                }

                @Override
                public void divergence(Divergence divergence) {
                }
            }, new AtomicLong());
            for (int column = 0; column < table.columns().size(); column++) {
                double[][] expected = table.column(column);
                double[][] actual = store.column(column);
                for (int c = 0; c < settings.chains(); c++) {
                    assertArrayEquals(expected[c], actual[c], table.columns().get(column) + " chain " + c);
                }
            }
        }
        assertFalse(Files.exists(columns), "the scratch columns are deleted");
    }
}
