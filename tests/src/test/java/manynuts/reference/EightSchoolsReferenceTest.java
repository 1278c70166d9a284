package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written non-centered eight schools model against posteriordb's reference draws of
 * {@code eight_schools-eight_schools_noncentered} (rstan, 10 x 1,000 draws): it passes the comparison rule, and fails
 * it, naming the output, once that output's draws are moved.
 */
class EightSchoolsReferenceTest {
    private static final String POSTERIOR = "eight_schools-eight_schools_noncentered";
    private static final SummaryOptions OPTIONS = SummaryOptions.defaults().withThreads(2);

    private static ReferencePosterior reference;
    private static Map<String, double[][]> ours;

    @BeforeAll
    static void sample() {
        reference = ReferencePosterior.read(PosteriorDb.referenceFolder(POSTERIOR));
        Model model = ModelRegistry.create("eight_schools_noncentered");
        SamplerSettings settings = SamplerSettings.defaults(64, 20261201L).withThreads(2);
        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
        ours = new LinkedHashMap<>();
        for (int column = 0; column < table.outputCount(); column++) {
            ours.put(table.columns().get(column), table.column(column));
        }
    }

    /** Our draws with one output's replaced. */
    private static Map<String, double[][]> with(String name, double[][] draws) {
        Map<String, double[][]> changed = new LinkedHashMap<>(ours);
        changed.put(name, draws);
        return changed;
    }

    private static double[][] shifted(double[][] draws, double shift) {
        double[][] moved = new double[draws.length][];
        for (int chain = 0; chain < draws.length; chain++) {
            moved[chain] = draws[chain].clone();
            for (int d = 0; d < moved[chain].length; d++) {
                moved[chain][d] += shift;
            }
        }
        return moved;
    }

    @Test
    void samplesTheReferencePosterior() {
        ReferenceComparison comparison = ReferenceComparison.compare(ours, reference, OPTIONS);
        System.out.println(comparison.describe());
        assertTrue(comparison.passed(), comparison.describe());
        assertEquals(reference.names(), comparison.outputs().stream().map(OutputComparison::name).toList(),
                "every reference output (mu, tau, theta[1..8]) is compared; nu and tau_log are not referenced");
        assertEquals(List.of(), comparison.missing());
    }

    @Test
    void aShiftedMeanFailsNamingTheOutput() {
        ReferenceComparison comparison = ReferenceComparison.compare(with("mu", shifted(ours.get("mu"), 1.0)),
                reference, OPTIONS);
        assertFalse(comparison.passed());
        assertEquals("mu", comparison.worstName());
        assertEquals(1, comparison.failures().size(), comparison.describe());
        assertTrue(comparison.failures().get(0).startsWith("mu: mean "), comparison.describe());
    }

    @Test
    void aMissingOutputFailsNamingIt() {
        Map<String, double[][]> fewer = new LinkedHashMap<>(ours);
        fewer.remove("theta[8]");
        ReferenceComparison comparison = ReferenceComparison.compare(fewer, reference, OPTIONS);
        assertFalse(comparison.passed());
        assertEquals("theta[8]", comparison.worstName());
        assertEquals(List.of("theta[8]: not among the run's outputs"), comparison.failures());
    }

    @Test
    void theRunnerSamplesComparesAndReportsThroughput() {
        ReferenceRow.Compared row = ReferenceRun.run(PosteriorDb.referenceFolder(POSTERIOR),
                ModelRegistry.create("eight_schools_noncentered"), 16, 500, 500, 20261202L, 2);
        System.out.print(ReferenceTable.text(List.of(row)));
        assertEquals(POSTERIOR, row.posterior());
        assertTrue(row.passed(), row.comparison().describe());
        assertTrue(row.seconds() > 0 && row.gradientsPerSecond() > 0, row.toString());
        assertEquals(16, row.chains());
        assertEquals(500, row.draws());
    }
}
