package manynuts.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.ModelRegistry;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run too large for the heap budget goes through the column files and ends with the same files and table. */
class ModelRunTest {
    @TempDir
    Path directory;

    @Test
    void columnFilesGiveTheSameRunAsTheHeap() throws Exception {
        Model model = ModelRegistry.create("centered");
        SamplerSettings settings = SamplerSettings.defaults(16, 21).withWarmup(150).withDraws(100).withThreads(2);
        ModelRun.Outcome inHeap = ModelRun.run(new ModelRun.Request(model, null, settings, directory.resolve("heap"),
                false, false), new CpuBackend(), RunProgress.of(model.name(), 1600), Long.MAX_VALUE);
        ModelRun.Outcome onDisk = ModelRun.run(new ModelRun.Request(model, null, settings, directory.resolve("disk"),
                false, false), new CpuBackend(), RunProgress.of(model.name(), 1600), 0);
        assertNotNull(inHeap.draws());
        assertNull(onDisk.draws(), "the draws were not held in the heap");
        assertEquals(inHeap.summary().table(), onDisk.summary().table());
        assertEquals(inHeap.summary().warnings(), onDisk.summary().warnings());
        for (String file : new String[] {"draws.csv", "divergences.csv", "summary.csv"}) {
            // Rows of different chains interleave in the order chains finish: compare them as sets of lines.
            assertEquals(Files.readAllLines(directory.resolve("heap").resolve(file)).stream().sorted().toList(),
                    Files.readAllLines(directory.resolve("disk").resolve(file)).stream().sorted().toList(), file);
        }
        assertFalse(Files.exists(directory.resolve("disk").resolve(".columns")), "the column files are removed");
    }
}
