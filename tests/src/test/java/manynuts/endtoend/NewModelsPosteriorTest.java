package manynuts.endtoend;

import static manynuts.endtoend.PosteriorChecks.assertMeanWithinFourMcse;
import static manynuts.endtoend.PosteriorChecks.assertSdWithinFourMcse;
import static manynuts.endtoend.PosteriorChecks.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.models.ExactPosterior;
import manynuts.models.registry.ModelRegistry;
import manynuts.models.PosteriorMoments;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;
import manynuts.models.WithExactPosterior;

/**
 * Neal's funnel, the correlated normal and many schools sampled end to end against their exact posteriors: the
 * non-centered forms and the normal within Monte Carlo error, the centered funnel with divergences.
 */
class NewModelsPosteriorTest {

    /**
     * The means and sds of v and z within 4 MCSE. x[i] = exp(v/2) z[i] is a function of them and is not checked
     * itself: its kurtosis is 3 e^9, so its sample moments and their MCSE are ruled by a handful of draws.
     */
    @Test
    void nonCenteredFunnelMatchesItsExactMarginals() {
        Map<String, String> options = Map.of("dimension", "10");
        ExactPosterior exact = WithExactPosterior.of(
                ModelRegistry.configure("funnel_noncentered", null, options).model()).orElseThrow();
        DrawTable table = sample("funnel_noncentered", options, 128, 500, 500, 20261201L);
        for (PosteriorMoments moments : exact.moments()) {
            if (!moments.name().startsWith("x[")) {
                assertMeanWithinFourMcse(table, moments);
                assertSdWithinFourMcse(table, moments);
            }
        }
        assertEquals(0.0, ConvergenceDiagnostics.mean(table.column("divergent__")), 0.0, "no divergences");
    }

    /** The centered funnel's neck is out of reach of one step size: divergences, and v's low tail is missed. */
    @Test
    void centeredFunnelReportsDivergences() {
        DrawTable table = sample("funnel", Map.of("dimension", "10"), 64, 500, 500, 20261202L);
        double divergent = ConvergenceDiagnostics.mean(table.column("divergent__")) * 64 * 500;
        assertTrue(divergent >= 20, "divergent draws after warm-up: " + divergent);
        double[][] v = table.column("v");
        double mean = ConvergenceDiagnostics.mean(v);
        assertTrue(mean > 4 * ConvergenceDiagnostics.mcseMean(v), "E[v] " + mean + " is biased upward from 0");
    }

    /** All means and sds within 4 MCSE, for a correlation the diagonal metric cannot undo. */
    @Test
    void correlatedNormalMatchesItsExactMoments() {
        Map<String, String> options = Map.of("dimension", "20", "rho", "0.8");
        ExactPosterior exact = WithExactPosterior.of(
                ModelRegistry.configure("mvn", null, options).model()).orElseThrow();
        DrawTable table = sample("mvn", options, 128, 500, 500, 20261203L);
        for (PosteriorMoments moments : exact.moments()) {
            assertMeanWithinFourMcse(table, moments);
            assertSdWithinFourMcse(table, moments);
        }
    }

    /** J = 1000 groups, non-centered: E[log tau], E[mu] and sd(log tau) within 4 MCSE of the quadrature. */
    @Test
    void manySchoolsMatchesTheQuadrature() {
        Map<String, String> options = Map.of("groups", "1000", "seed", "3");
        ExactPosterior exact = WithExactPosterior.of(
                ModelRegistry.configure("many_schools_noncentered", null, options).model()).orElseThrow();
        DrawTable table = sample("many_schools_noncentered", options, 32, 300, 300, 20261204L);
        assertMeanWithinFourMcse(table, exact.moments("tau_log"));
        assertMeanWithinFourMcse(table, exact.moments("mu"));
        assertSdWithinFourMcse(table, exact.moments("tau_log"));
        System.out.printf("many schools: E[tau_log] %.4f, exact %.4f, ESS %.0f%n",
                ConvergenceDiagnostics.mean(table.column("tau_log")), exact.mean("tau_log"),
                ConvergenceDiagnostics.essBulk(table.column("tau_log")));
    }
}
