package manynuts.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The estimate before a run: close to what a run writes, and a refusal that says what to change, in one line. */
class RunBudgetTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path directory;

    private static ModelRun.Request request(int chains, int draws, Path directory) {
        Model model = ModelRegistry.create("noncentered");
        SamplerSettings settings = SamplerSettings.defaults(chains, 5).withWarmup(100).withDraws(draws).withThreads(2);
        return new ModelRun.Request(model, null, settings, directory, false, false);
    }

    @Test
    void theDiskEstimateIsAtLeastWhatARunWritesAndNotMuchMore() throws IOException {
        ModelRun.Request request = request(8, 500, directory.resolve("run"));
        long estimate = RunBudget.of(request, new CpuBackend(), Long.MAX_VALUE).diskBytes();
        ModelRun.run(request, new CpuBackend(), RunProgress.of("noncentered", 4000), Long.MAX_VALUE);
        long written;
        try (Stream<Path> files = Files.walk(request.directory())) {
            written = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
        assertTrue(estimate >= written && estimate < 1.3 * written, "estimated " + estimate + ", wrote " + written);
    }

    @Test
    void aRunThatFitsIsNotRefused() {
        RunBudget budget = RunBudget.of(request(4, 1000, directory), new CpuBackend(), GIB);
        assertNull(budget.refusal(4 * GIB, 0, 100 * GIB, directory));
    }

    @Test
    void tooManyChainsForTheHeapAreRefusedWithTheSizesAndWhatToChange() {
        RunBudget budget = RunBudget.of(request(1_000_000_000, 1000, directory), new CpuBackend(), GIB);
        String line = budget.refusal(4 * GIB, GIB, Long.MAX_VALUE, directory);
        assertTrue(line.startsWith("1000000000 chains x 1000 draws of eight_schools_noncentered need about "), line);
        assertTrue(line.contains(" of heap (row buffers 4.00 MiB, chain state while sampling 5.02 TiB, "), line);
        assertTrue(line.contains("but the JVM has 3.00 GiB free of 4.00 GiB"), line);
        assertTrue(line.contains("MANYNUTS_JAVA_OPTS=-Xmx") && line.contains("lower --chains"), line);
        assertFalse(line.contains("\n"), line);
        assertTrue(budget.heapBytes() > 0 && budget.diskBytes() > 0, "sizes past a long's range saturate");
    }

    @Test
    void tooManyDrawsForTheDiskAreRefusedNamingTheFileSystem() {
        RunBudget budget = RunBudget.of(request(4, 100_000_000, directory.resolve("not/yet")), new CpuBackend(), GIB);
        String line = budget.refusal(Long.MAX_VALUE, 0, 10 * GIB, directory.resolve("not/yet"));
        assertTrue(line.contains(" of disk (draws.csv 184 GiB, column files 77.5 GiB"), line);
        assertTrue(line.contains("but " + directory.toAbsolutePath() + " has 10.0 GiB free"), line);
        assertTrue(line.contains("lower --draws or --chains (--thin N keeps every N-th iteration"), line);
        assertFalse(line.contains("of heap"), line);
    }

    /** The heap the refusal asks for holds the run, whether its draws then stay in the heap or not. */
    @ParameterizedTest
    @ValueSource(ints = {16, 1000, 4000, 40_000, 400_000})
    void theHeapAskedForIsEnough(int chains) {
        ModelRun.Request request = request(chains, 1000, directory);
        long used = 6L << 20;
        long small = 32L << 20;
        RunBudget tooSmall = RunBudget.of(request, new CpuBackend(), small / 4);
        long asked = tooSmall.heapToAskFor(used);
        RunBudget enough = RunBudget.of(request, new CpuBackend(), asked / 4);
        assertNull(enough.refusal(asked, used, Long.MAX_VALUE, directory), "asked for " + RunBudget.javaSize(asked));
    }

    @Test
    void sizesReadAsAPersonWritesThem() {
        assertEquals("512 bytes", RunBudget.size(512));
        assertEquals("1.50 KiB", RunBudget.size(1536));
        assertEquals("4.32 TiB", RunBudget.size(4_750_000_000_000L));
        assertEquals("192m", RunBudget.javaSize(130L << 20));
        assertEquals("3g", RunBudget.javaSize(2 * GIB + 1));
    }
}
