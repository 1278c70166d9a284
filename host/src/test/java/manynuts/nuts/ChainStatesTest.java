package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped at any iteration and continued from its chains' recorded states (through the checkpoint file)
 * makes exactly the draws of the run uninterrupted: per-chain and pooled metrics, with thinning, stopped in
 * warm-up or after it.
 */
class ChainStatesTest {
    private static final Model MODEL = TestModels.funnel(3);

    @TempDir
    Path directory;

    @ParameterizedTest(name = "pooled {0}, stopped once chain 1 reaches iteration {1}")
    @CsvSource({"false, 30", "false, 260", "true, 110", "true, 400"})
    void stoppedAndResumedRunsMakeTheUninterruptedDraws(boolean pooled, int stopAt) throws Exception {
        SamplerSettings settings = SamplerSettings.defaults(6, 99).withWarmup(300).withDraws(150).withThin(2)
                .withThreads(2).withPooledMetric(pooled);
        Map<String, String> uninterrupted = new ConcurrentHashMap<>();
        new Sampler(MODEL, new CpuBackend(), settings).run(recorder(uninterrupted), new AtomicLong());

        Map<String, String> resumed = new ConcurrentHashMap<>();
        ChainStates states = new ChainStates(settings.chains(), MODEL.dimension(), settings.seed());
        StopRequest stop = new StopRequest();
        Thread watcher = new Thread(() -> {
            while (states.iteration(0) < stopAt && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            stop.request("test");
        });
        watcher.start();
        new Sampler(MODEL, new CpuBackend(), settings).run(recorder(resumed), new AtomicLong(), states, stop);
        watcher.interrupt();
        watcher.join();
        assertTrue(stop.requested());
        Path file = directory.resolve("checkpoint.bin");
        states.copy().write(file);
        ChainStates read = ChainStates.read(file, settings.chains(), MODEL.dimension(), settings.seed());
        for (int c = 0; c < settings.chains(); c++) {
            int made = read.drawsMade(c, settings);
            // Draws after the recorded states are made again; the uninterrupted run's are the ones to keep.
            int chain = c;
            resumed.keySet().removeIf(key -> key.startsWith(chain + ",") && Integer.parseInt(key.split(",")[1]) >= made);
        }
        new Sampler(MODEL, new CpuBackend(), settings.withThreads(1)).run(recorder(resumed), new AtomicLong(), read,
                new StopRequest());
        assertEquals(uninterrupted.size(), resumed.size());
        assertEquals(uninterrupted, resumed);
    }

    @Test
    void aCheckpointOfAnotherRunOrCutShortIsRefusedNamingTheFile() throws IOException {
        ChainStates states = new ChainStates(4, 3, 7);
        Path file = directory.resolve("checkpoint.bin");
        states.write(file);
        IOException otherRun = assertThrows(IOException.class, () -> ChainStates.read(file, 5, 3, 7));
        assertTrue(otherRun.getMessage().startsWith(file + ": a checkpoint of 4 chains"), otherRun.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        IOException cut = assertThrows(IOException.class, () -> ChainStates.read(file, 4, 3, 7));
        assertEquals(file + ": cut short; it is not a whole checkpoint", cut.getMessage());
        Files.writeString(file, "{\"not\": \"a checkpoint\"}");
        IOException other = assertThrows(IOException.class, () -> ChainStates.read(file, 4, 3, 7));
        assertTrue(other.getMessage().contains("not a manynuts checkpoint"), other.getMessage());
    }

    /** Keeps each draw as text, keyed by "chain,draw": the position and every sampler statistic. */
    private static DrawSink recorder(Map<String, String> draws) {
        return (chain, draw, position, stats) -> draws.put(chain + "," + draw,
                java.util.Arrays.toString(position) + stats);
    }
}
