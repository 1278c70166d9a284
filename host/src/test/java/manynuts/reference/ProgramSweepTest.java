package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep over program folders: sampled, refused with its reason, or compiled but too slow to sample. */
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
    void samplesRefusesAndSkipsWhatIsTooSlow() throws IOException {
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
        ProgramSweep.TooSlow slow = assertInstanceOf(ProgramSweep.TooSlow.class, ProgramSweep.run(normal, SHORT, 0.0));
        assertTrue(slow.gradientSeconds() > 0);
        String table = ProgramSweep.table(List.of(sampled, refused, slow));
        assertTrue(table.contains("1 of 3 programs compiled and sampled; 1 more compiled but too slow"), table);
        assertTrue(table.contains("  1  compile: " + refused.reason().replaceAll("\"[^\"]*\"", "\"...\"")), table);
    }
}
