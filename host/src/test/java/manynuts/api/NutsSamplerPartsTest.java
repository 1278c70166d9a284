package manynuts.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A part of a run's chains, run alone, makes the draws those chains make in the whole run. */
class NutsSamplerPartsTest {
    private static final PosteriorModel MODEL = PosteriorModel.builtIn("eight_schools_noncentered");

    private static NutsSampler.Builder run() {
        return NutsSampler.builder(MODEL).chains(6).warmup(120).draws(40).seed(23).threads(2).backend("cpu");
    }

    @Test
    void aPartsDrawsAreBitForBitThoseOfTheWholeRun() {
        Map<String, double[]> whole = new ConcurrentHashMap<>();
        run().build().stream((chain, draw, values) -> whole.put(chain + ":" + draw, values.clone()));
        Map<String, double[]> part = new ConcurrentHashMap<>();
        RunInfo info = run().threads(1).build()
                .streamChains(2, 3, (chain, draw, values) -> part.put(chain + ":" + draw, values.clone()));

        assertEquals(3 * 40, part.size());
        assertEquals(3, info.stepSizes().length);
        for (Map.Entry<String, double[]> draw : part.entrySet()) {
            int chain = Integer.parseInt(draw.getKey().split(":")[0]);
            assertTrue(chain >= 2 && chain < 5, "chain numbers are those of the whole run: " + draw.getKey());
            // Bit for bit: assertArrayEquals on doubles compares their bits.
            assertArrayEquals(whole.get(draw.getKey()), draw.getValue(), draw.getKey());
        }
    }

    @Test
    void refusesPartsItCannotRunAlone() {
        NutsSampler sampler = run().build();
        DrawListener ignore = (chain, draw, values) -> { };
        assertThrows(IllegalArgumentException.class, () -> sampler.streamChains(4, 3, ignore));
        assertThrows(IllegalArgumentException.class, () -> sampler.streamChains(-1, 2, ignore));
        IllegalArgumentException pooled = assertThrows(IllegalArgumentException.class,
                () -> run().pooledMetric(true).build().streamChains(0, 3, ignore));
        assertTrue(pooled.getMessage().contains("pooled metric"), pooled.getMessage());
        IllegalArgumentException superchains = assertThrows(IllegalArgumentException.class,
                () -> run().superchainSize(2).build().streamChains(1, 2, ignore));
        assertTrue(superchains.getMessage().contains("whole superchains"), superchains.getMessage());
    }
}
