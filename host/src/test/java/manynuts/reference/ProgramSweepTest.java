package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep over program folders: sampled (cut down to a budget if slow) or refused with its reason. */
class ProgramSweepTest {
    private static final SamplerSettings SHORT = SamplerSettings.defaults(2, 7L).withWarmup(20).withDraws(20)
            .withThreads(1);

    @TempDir
    Path directory;

    private Path program(String name, String text) throws IOException {
        Path folder = directory.resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model.stan"), text);
        Files.writeString(folder.resolve("data.json"), "{\"N\": 3, \"y\": [0.5, -1.0, 2.0]}");
        return folder;
    }

    @Test
    void samplesRefusesAndCutsDownWhatIsSlow() throws IOException {
        Path normal = program("a-normal", "data { int N; vector[N] y; } parameters { real mu; real<lower=0> s; } "
                + "model { y ~ normal(mu, s); s ~ exponential(1); }");
        Path ode = program("b-ode", "data { int N; vector[N] y; } parameters { real mu; } "
                + "model { target += integrate_1d(mu, 0, 1); }");
        ProgramSweep.Outcome sampled = ProgramSweep.run(normal, SHORT, Double.POSITIVE_INFINITY);
        ProgramSweep.Sampled s = assertInstanceOf(ProgramSweep.Sampled.class, sampled);
        assertEquals(2, s.dimension());
        assertTrue(s.gradientsPerSecond() > 0);
        ProgramSweep.Refused refused = assertInstanceOf(ProgramSweep.Refused.class,
                ProgramSweep.run(ode, SHORT, Double.POSITIVE_INFINITY));
        assertEquals("compile", refused.stage());
        assertEquals(20, s.warmup());
        assertEquals(20, s.draws());
        ProgramSweep.Sampled cut = assertInstanceOf(ProgramSweep.Sampled.class, ProgramSweep.run(normal, SHORT, 0.0));
        assertEquals(ProgramSweep.FEWEST_ITERATIONS, cut.warmup());
        assertEquals(ProgramSweep.FEWEST_ITERATIONS, cut.draws());
        assertFalse(cut.stoppedAtLimit(), "a two-parameter normal takes well under the three-second limit");
        String table = ProgramSweep.table(List.of(sampled, refused, cut));
        assertTrue(table.contains("2 of 3 programs compiled and sampled"), table);
        assertTrue(table.contains(" 10+10"), table);
        assertTrue(table.contains("  1  compile: " + refused.reason().replaceAll("\"[^\"]*\"", "\"...\"")), table);
    }

    @Test
    void aBudgetScalesWarmupAndDrawsAlike() {
        SamplerSettings settings = SamplerSettings.defaults(4, 7L).withWarmup(200).withDraws(100).withThreads(2);
        // 2 rounds of chains x 300 iterations x 32 gradients x 1 ms = 19.2 s; a 4.8 s budget keeps a quarter.
        SamplerSettings cut = ProgramSweep.withinBudget(settings, 1e-3, 4.8);
        assertEquals(50, cut.warmup(), 1);
        assertEquals(25, cut.draws(), 1);
        assertEquals(settings, ProgramSweep.withinBudget(settings, 1e-3, 20.0));
        SamplerSettings floor = ProgramSweep.withinBudget(settings, 1.0, 1.0);
        assertEquals(ProgramSweep.FEWEST_ITERATIONS, floor.warmup());
        assertEquals(ProgramSweep.FEWEST_ITERATIONS, floor.draws());
    }
}
