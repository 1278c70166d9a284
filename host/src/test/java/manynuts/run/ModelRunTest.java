package manynuts.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.Model;
import manynuts.models.ModelOptions;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import manynuts.output.StanCsvWriter;

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

    @Test
    void aRunInSuperchainsRecordsThemForItsSummaryAndItsStanCsvFiles() throws Exception {
        Model model = ModelRegistry.create("noncentered");
        SamplerSettings settings = SamplerSettings.defaults(12, 3).withWarmup(50).withDraws(20).withThreads(1)
                .withSuperchainSize(4);
        SummaryOptions summary = SummaryOptions.defaults().withHdiProbability(0.8).withNestedDesign(4);
        Path run = directory.resolve("superchains");
        ModelRun.run(new ModelRun.Request(model, null, ModelOptions.NONE, settings, run, false, true, summary),
                new CpuBackend(), RunProgress.of(model.name(), 240));
        RunRecord record = RunRecord.read(run.resolve("run.json"));
        assertEquals(summary.withThreads(0), record.summaryOptions().withRanks(summary.ranks()));
        // Leading zeros put the chains in order wherever file names are sorted, as a glob sorts them.
        List<String> names;
        try (Stream<Path> files = Files.list(run.resolve("stan"))) {
            names = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        // The chains, then the built-in data that their data file line names (a glob of *.csv leaves it out).
        List<String> expected = new java.util.ArrayList<>(IntStream.rangeClosed(1, 12)
                .mapToObj(chain -> String.format("chain-%02d.csv", chain)).toList());
        expected.add(StanCsvWriter.BUILT_IN_DATA);
        assertEquals(expected, names);
        String config = Files.readString(run.resolve("stan").resolve("chain-12.csv"));
        assertTrue(config.contains("# id = 12\n"));
        assertTrue(config.contains("# superchain_size = 4\n"));
    }
}
