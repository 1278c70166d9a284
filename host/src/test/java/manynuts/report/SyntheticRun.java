package manynuts.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.ExactPosterior;
import manynuts.models.FunnelPair;
import manynuts.models.PosteriorMoments;
import manynuts.nuts.SamplerStats;
import manynuts.output.RunDraws;
import manynuts.output.RunSummary;

/**
 * A made-up run of a hierarchy shaped like eight schools (mu, tau, theta[1..J], tau_log), with autocorrelated
 * chains, divergences where log tau is small, and an exact posterior for mu and log tau; for report tests that need
 * no sampler.
 */
final class SyntheticRun {

    private SyntheticRun() {
    }

    static ReportedRun of(Path directory, int chains, int draws, int groups, long seed) {
        return of(directory, chains, draws, groups, seed, 1.0);
    }

    /** A run whose log tau has stationary sd {@code logTauSd} about 1 (the exact posterior says 1 and 1). */
    static ReportedRun of(Path directory, int chains, int draws, int groups, long seed, double logTauSd) {
        Random random = new Random(seed);
        List<String> outputs = new ArrayList<>(List.of("mu", "tau"));
        for (int j = 1; j <= groups; j++) {
            outputs.add("theta[" + j + "]");
        }
        outputs.add("tau_log");
        Map<String, double[][]> columns = new LinkedHashMap<>();
        for (String name : outputs) {
            columns.put(name, new double[chains][draws]);
        }
        for (String name : SamplerStats.NAMES) {
            columns.put(name, new double[chains][draws]);
        }
        for (int chain = 0; chain < chains; chain++) {
            double mu = 4 + 3 * random.nextGaussian();
            double logTau = 1 + logTauSd * random.nextGaussian();
            for (int draw = 0; draw < draws; draw++) {
                mu = 4 + 0.5 * (mu - 4) + 3 * Math.sqrt(0.75) * random.nextGaussian();
                logTau = 1 + 0.8 * (logTau - 1) + 0.6 * logTauSd * random.nextGaussian();
                double tau = Math.exp(logTau);
                columns.get("mu")[chain][draw] = mu;
                columns.get("tau")[chain][draw] = tau;
                columns.get("tau_log")[chain][draw] = logTau;
                for (int j = 1; j <= groups; j++) {
                    columns.get("theta[" + j + "]")[chain][draw] = mu + tau * random.nextGaussian();
                }
                boolean divergent = logTau < -0.5 && random.nextBoolean();
                columns.get("divergent__")[chain][draw] = divergent ? 1 : 0;
                columns.get("lp__")[chain][draw] = -0.5 * groups + random.nextGaussian();
                columns.get("accept_stat__")[chain][draw] = 0.8;
                columns.get("stepsize__")[chain][draw] = 0.3;
                columns.get("treedepth__")[chain][draw] = 3;
                columns.get("n_leapfrog__")[chain][draw] = 7;
                columns.get("energy__")[chain][draw] = groups + Math.sqrt(groups) * random.nextGaussian();
            }
        }
        RunDraws runDraws = new RunDraws("synthetic", outputs, columns);
        RunSummary summary = RunSummary.of(runDraws, 10, SummaryOptions.defaults());
        ExactPosterior exact = new ExactPosterior(List.of(new PosteriorMoments("mu", 4, 3),
                new PosteriorMoments("tau_log", 1, 1), new PosteriorMoments("theta[1]", 4, 4)), "made up",
                Map.of("mu", x -> Math.exp(-0.5 * (x - 4) * (x - 4) / 9) / Math.sqrt(2 * Math.PI * 9)));
        return new ReportedRun("synthetic", directory, 100, seed, 1.0, runDraws, summary, exact,
                new FunnelPair("tau_log", "log tau", "theta[1]"), List.of());
    }
}
