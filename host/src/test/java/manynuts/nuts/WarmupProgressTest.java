package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;

/** The progress counters: one tick per chain and warm-up iteration, one per draw after it, pooled metric or not. */
class WarmupProgressTest {

    @Test
    void everyWarmupIterationAndDrawIsCountedOnce() {
        for (boolean pooled : new boolean[] {false, true}) {
            SamplerSettings settings = SamplerSettings.defaults(6, 3).withWarmup(120).withDraws(30).withThreads(2)
                    .withPooledMetric(pooled);
            Model model = TestModels.gaussian(1.0, 3.0);
            AtomicLong warmup = new AtomicLong();
            AtomicLong draws = new AtomicLong();
            new Sampler(model, new CpuBackend(), settings).countingWarmup(warmup)
                    .run(new DrawTable(model, settings.chains(), settings.draws()), draws);
            assertEquals(6L * 120, warmup.get(), "pooled metric " + pooled);
            assertEquals(6L * 30, draws.get(), "pooled metric " + pooled);
        }
    }
}
