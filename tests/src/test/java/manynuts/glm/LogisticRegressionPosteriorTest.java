package manynuts.glm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.SimulatedLogisticRegression;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;

/**
 * The hierarchical logistic regression on simulated data: many short chains agree with one long chain within their
 * combined Monte Carlo error, and the posterior's central 99% intervals cover the simulated truth.
 */
class LogisticRegressionPosteriorTest {
    private static final SimulatedLogisticRegression SIMULATED = SimulatedLogisticRegression.generate(400, 3, 8, 2024);
    private static final HierarchicalLogisticRegression MODEL = new HierarchicalLogisticRegression(SIMULATED.data());
    /** The main parameters: the coefficients, the intercepts' mean and scale (log), on the sampler's scale. */
    private static final String[] MAIN = {"beta[1]", "beta[2]", "beta[3]", "mu_alpha", "sigma_alpha_log"};

    private static DrawTable sample(SamplerSettings settings) {
        DrawTable table = new DrawTable(MODEL, settings.chains(), settings.draws());
        try (CpuBackend cpu = new CpuBackend()) {
            new Sampler(MODEL, cpu, settings).run(table, new AtomicLong());
        }
        return table;
    }

    @Test
    void manyChainsAgreeWithOneLongChainAndCoverTheTruth() {
        DrawTable many = sample(SamplerSettings.defaults(128, 11).withWarmup(200).withDraws(150).withThreads(2)
                .withPooledMetric(true));
        DrawTable single = sample(SamplerSettings.defaults(1, 12).withWarmup(500).withDraws(8000).withThreads(1));
        double[] truth = SIMULATED.truth();
        for (int m = 0; m < MAIN.length; m++) {
            String name = MAIN[m];
            double[][] manyDraws = many.column(name);
            double[][] singleDraws = single.column(name);
            double difference = ConvergenceDiagnostics.mean(manyDraws) - ConvergenceDiagnostics.mean(singleDraws);
            double combined = Math.hypot(ConvergenceDiagnostics.mcseMean(manyDraws),
                    ConvergenceDiagnostics.mcseMean(singleDraws));
            System.out.printf("%s: many chains %.4f, one chain %.4f, %.2f combined MCSE apart; truth %.4f%n", name,
                    ConvergenceDiagnostics.mean(manyDraws), ConvergenceDiagnostics.mean(singleDraws),
                    difference / combined, truth[m]);
            assertTrue(Math.abs(difference) < 4 * combined, name + ": many chains and one long chain differ by "
                    + difference / combined + " combined MCSE");
            double[] pooled = Arrays.stream(manyDraws).flatMapToDouble(Arrays::stream).sorted().toArray();
            double lower = pooled[(int) Math.floor(0.005 * (pooled.length - 1))];
            double upper = pooled[(int) Math.ceil(0.995 * (pooled.length - 1))];
            assertTrue(truth[m] >= lower && truth[m] <= upper, name + ": truth " + truth[m] + " outside the 99% "
                    + "interval [" + lower + ", " + upper + "]");
        }
        double divergent = ConvergenceDiagnostics.mean(many.column("divergent__"));
        assertTrue(divergent < 0.01, "share of divergent transitions " + divergent);
    }
}
