package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/** A failure in a sampler thread reaches the caller as itself, so the command line can say what it was. */
class SamplerFailureTest {

    @Test
    void anOutOfMemoryErrorInAPoolThreadStaysOne() {
        SamplerSettings settings = SamplerSettings.defaults(4, 7).withWarmup(10).withDraws(5).withThreads(2);
        DrawSink full = (chain, draw, position, stats) -> {
            throw new OutOfMemoryError("Java heap space");
        };
        Sampler sampler = new Sampler(TestModels.gaussian(1.0, 2.0), new CpuBackend(), settings);
        OutOfMemoryError error = assertThrows(OutOfMemoryError.class, () -> sampler.run(full, new AtomicLong()));
        assertEquals("Java heap space", error.getMessage());
    }
}
