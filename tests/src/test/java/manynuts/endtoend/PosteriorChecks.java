package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.models.PosteriorMoments;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.output.DrawTable;

/** Samples a registered model on the CPU and checks draws against its exact posterior, in Monte Carlo errors. */
final class PosteriorChecks {

    private PosteriorChecks() {
    }

    /** The draws after warm-up of a model built as {@code sample -m name --set ...} builds it. */
    static DrawTable sample(String name, Map<String, String> options, int chains, int warmup, int draws, long seed) {
        Model model = ModelRegistry.configure(name, null, options).model();
        return sample(model, chains, warmup, draws, seed);
    }

    static DrawTable sample(Model model, int chains, int warmup, int draws, long seed) {
        SamplerSettings settings = SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws)
                .withThreads(2);
        DrawTable table = new DrawTable(model, chains, settings.draws());
        new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
        return table;
    }

    /** The mean lies within 4 MCSE of the exact mean; returns the error in MCSE. */
    static double assertMeanWithinFourMcse(DrawTable table, PosteriorMoments exact) {
        double[][] draws = table.column(exact.name());
        double mean = ConvergenceDiagnostics.mean(draws);
        double mcse = ConvergenceDiagnostics.mcseMean(draws);
        double error = (mean - exact.mean()) / mcse;
        assertTrue(Math.abs(error) < 4, exact.name() + ": mean " + mean + " vs exact " + exact.mean() + ", "
                + error + " MCSE away");
        return error;
    }

    /**
     * The sd lies within 4 of its Monte Carlo standard errors (posterior's mcse_sd, from the ESS of the squared
     * deviations) of the exact sd; returns the error in MCSE.
     */
    static double assertSdWithinFourMcse(DrawTable table, PosteriorMoments exact) {
        double[][] draws = table.column(exact.name());
        double sd = ConvergenceDiagnostics.sd(draws);
        double mcse = ConvergenceDiagnostics.mcseSd(draws);
        double error = (sd - exact.sd()) / mcse;
        assertTrue(Math.abs(error) < 4, exact.name() + ": sd " + sd + " vs exact " + exact.sd() + ", " + error
                + " MCSE away");
        return error;
    }
}
