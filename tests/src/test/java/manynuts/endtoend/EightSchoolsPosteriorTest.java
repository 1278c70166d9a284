package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.models.ExactPosterior;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.models.PosteriorMoments;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;

/**
 * The eight schools story against the exact posterior (quadrature over log tau): the non-centered model samples
 * it to within Monte Carlo error; the centered model diverges and overestimates E[log tau].
 */
class EightSchoolsPosteriorTest {
    private static final ExactPosterior EXACT = new HierarchicalNormalExact(HierarchicalNormalData.eightSchools()).posterior();

    private static DrawTable sample(String model, int chains, long seed) {
        Model chosen = ModelRegistry.create(model);
        SamplerSettings settings = SamplerSettings.defaults(chains, seed).withThreads(2);
        DrawTable table = new DrawTable(chosen, chains, settings.draws());
        new Sampler(chosen, new CpuBackend(), settings).run(table, new AtomicLong());
        return table;
    }

    @Test
    void nonCenteredMatchesTheExactPosterior() {
        DrawTable table = sample("eight_schools_noncentered", 1024, 20261125L);
        int checked = 0;
        for (PosteriorMoments exact : EXACT.moments()) {
            double[][] draws = table.column(exact.name());
            double mean = ConvergenceDiagnostics.mean(draws);
            double mcse = ConvergenceDiagnostics.mcseMean(draws);
            double sd = ConvergenceDiagnostics.sd(draws);
            assertTrue(Math.abs(mean - exact.mean()) < 4 * mcse, exact.name() + ": mean " + mean + " vs exact "
                    + exact.mean() + ", " + Math.abs(mean - exact.mean()) / mcse + " MCSE away");
            assertEquals(exact.sd(), sd, 0.10 * exact.sd(), exact.name() + ": sd");
            checked++;
        }
        assertEquals(2 + 1 + 8 + 8, checked, "mu, tau, tau_log, theta[1..8] and nu[1..8] are all checked");
    }

    @Test
    void centeredDivergesAndOverestimatesLogTau() {
        DrawTable table = sample("eight_schools_centered", 256, 20261126L);
        double divergent = ConvergenceDiagnostics.mean(table.column("divergent__"));
        assertTrue(divergent > 0.005, "share of divergent draws after warm-up " + divergent);
        double[][] tauLog = table.column("tau_log");
        double mean = ConvergenceDiagnostics.mean(tauLog);
        double mcse = ConvergenceDiagnostics.mcseMean(tauLog);
        assertTrue(mean - EXACT.mean("tau_log") > 4 * mcse, "E[log tau] " + mean + " vs exact "
                + EXACT.mean("tau_log") + " with MCSE " + mcse + ": the funnel's neck should be missed");
    }
}
