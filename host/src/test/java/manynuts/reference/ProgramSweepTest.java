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

    /**
     * A conjugate program whose posterior KnownPosteriors computes from the data: Rate_1's theta ~ Beta(1 + k, 1 + n -
     * k). The run's diagnostics are filled in, its mean agrees within 5 MCSE, and a program under another name has no
     * outside answer.
     */
    @Test
    void aConjugateProgramIsComparedWithItsExactMean() throws IOException {
        String rate = "data { int<lower=1> n; int<lower=0> k; } parameters { real<lower=0, upper=1> theta; } "
                + "model { theta ~ beta(1, 1); k ~ binomial(n, theta); }";
        Path folder = directory.resolve("Rate_1_data-Rate_1_model");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("model.stan"), rate);
        Files.writeString(folder.resolve("data.json"), "{\"n\": 40, \"k\": 30}");
        SamplerSettings settings = SamplerSettings.defaults(4, 11L).withWarmup(200).withDraws(300).withThreads(1);
        ProgramSweep.Sampled s = assertInstanceOf(ProgramSweep.Sampled.class,
                ProgramSweep.run(folder, settings, Double.POSITIVE_INFINITY));
        assertEquals(4, s.chains());
        assertEquals(300, s.drawsKept());
        assertEquals("theta", s.convergence().rhatOutput());
        assertTrue(s.convergence().maxRhat() < 1.05, "R-hat " + s.convergence().maxRhat());
        assertTrue(s.convergence().minEssBulk() > 100, "bulk ESS " + s.convergence().minEssBulk());
        KnownComparison comparison = s.comparison().orElseThrow();
        assertEquals("theta", comparison.worstOutput());
        assertEquals(31.0 / 42.0, comparison.worstKnown(), 1e-15);
        assertTrue(comparison.agrees(), comparison.describe());
        assertTrue(comparison.describe().endsWith("conjugate: theta ~ Beta(31, 11)"), comparison.describe());

        Path other = directory.resolve("rate-elsewhere");
        Files.createDirectories(other);
        Files.copy(folder.resolve("model.stan"), other.resolve("model.stan"));
        Files.copy(folder.resolve("data.json"), other.resolve("data.json"));
        ProgramSweep.Sampled unknown = assertInstanceOf(ProgramSweep.Sampled.class,
                ProgramSweep.run(other, settings.withWarmup(20).withDraws(20), Double.POSITIVE_INFINITY));
        assertTrue(unknown.comparison().isEmpty());
        String table = ProgramTable.markdown(List.of(s, unknown));
        assertTrue(table.contains("| Rate_1_data-Rate_1_model | yes | yes (200+300) | 4 x 300 | 0 | "), table);
        assertTrue(table.contains("| no outside answer |"), table);
        assertTrue(table.startsWith("2 of 2 programs compile; 2 sampled (0 of them stopped at the time limit), "
                + "0 refused by the compiler, 0 failed while sampling; 1 of the 1 compared with a known posterior "
                + "agree."), table);
    }

    /** A comparison far outside 5 MCSE is reported as disagreeing, naming the output. */
    @Test
    void aMeanFarFromTheKnownOneDisagrees() {
        KnownPosteriors.Known known = new KnownPosteriors.Known(List.of(
                new manynuts.models.PosteriorMoments("a", 1.0, Double.NaN),
                new manynuts.models.PosteriorMoments("b", 2.0, Double.NaN)), "test");
        double na = Double.NaN;
        List<manynuts.diagnostics.summary.ParameterSummary> summaries = List.of(
                new manynuts.diagnostics.summary.ParameterSummary("a", 1.05, na, na, na, na, na, na, na, na, na, na, na, na,
                        na, na, na, na, 0.1, na, na, na, na),
                new manynuts.diagnostics.summary.ParameterSummary("b", 2.6, na, na, na, na, na, na, na, na, na, na, na, na,
                        na, na, na, na, 0.1, na, na, na, na));
        KnownComparison comparison = KnownComparison.of(known, summaries);
        assertEquals("b", comparison.worstOutput());
        assertEquals(6.0, comparison.worstScore(), 1e-9);
        assertFalse(comparison.agrees());
        assertTrue(comparison.describe().startsWith("DISAGREES: 2 means, worst b 2.6 vs 2 (6.0 MCSE)"),
                comparison.describe());
    }

    @Test
    void theTableReplacesOnlyItsOwnBlockOfAPage() {
        String page = "# Title\n\nbefore\n" + ProgramTable.BEGIN + "\nold table\n" + ProgramTable.END
                + "\nafter\n";
        assertEquals("# Title\n\nbefore\n" + ProgramTable.BEGIN + "\nnew table\n" + ProgramTable.END + "\nafter\n",
                ProgramTable.replaceBlock(page, "new table"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProgramTable.replaceBlock("# no markers\n", "x"));
        assertTrue(e.getMessage().contains(ProgramTable.BEGIN), e.getMessage());
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
