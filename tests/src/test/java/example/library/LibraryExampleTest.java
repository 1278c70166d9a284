package example.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;
import manynuts.api.Draws;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;
import manynuts.api.RunInfo;
import manynuts.api.Summary;
import manynuts.api.SummaryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that uses manynuts as a library, through its {@code manynuts.api} package only (this test's package is
 * outside the project's on purpose: nothing else is visible from here that a user would not see).
 */
class LibraryExampleTest {

    private static final PosteriorModel EIGHT_SCHOOLS = PosteriorModel.builtIn("eight_schools_noncentered");

    private static NutsSampler.Builder sampler() {
        return NutsSampler.builder(EIGHT_SCHOOLS).chains(8).warmup(500).draws(500).seed(20261206L).threads(2)
                .backend("cpu");
    }

    @Test
    void collectedDrawsMatchTheExactPosteriorWithinMonteCarloError() {
        Draws draws = sampler().build().collect();
        assertEquals(8, draws.chains());
        assertEquals(500, draws.drawsPerChain());
        assertEquals(EIGHT_SCHOOLS.columns(), draws.columns());

        Summary summary = draws.summary();
        SummaryRow logTau = summary.row("tau_log");
        double exact = EIGHT_SCHOOLS.exactMean("tau_log").orElseThrow();
        assertTrue(logTau.rhat() < 1.01, "R-hat " + logTau.rhat());
        assertTrue(logTau.essBulk() > 400, "bulk ESS " + logTau.essBulk());
        // Four Monte Carlo standard errors: a fixed seed, so this either always passes or always fails.
        assertEquals(exact, logTau.mean(), 4 * logTau.mcseMean(),
                "E[log tau] " + logTau.mean() + " +/- " + logTau.mcseMean() + " against exact " + exact);
        assertTrue(summary.table().contains("tau_log"), summary.table());

        // The summary's mean is the mean of the draws handed out.
        double[][] values = draws.of("tau_log");
        double sum = 0;
        for (double[] chain : values) {
            for (double value : chain) {
                sum += value;
            }
        }
        assertEquals(sum / (8 * 500), logTau.mean(), 1e-12);
    }

    @Test
    void streamedDrawsAreTheCollectedOnes() {
        Draws collected = sampler().build().collect();
        int column = EIGHT_SCHOOLS.columns().indexOf("mu");
        double[][] streamed = new double[8][500];
        AtomicLongArray perChain = new AtomicLongArray(8);
        RunInfo info = sampler().build().stream((chain, draw, values) -> {
            streamed[chain][draw] = values[column];
            perChain.incrementAndGet(chain);
        });
        for (int chain = 0; chain < 8; chain++) {
            assertEquals(500, perChain.get(chain));
            assertArrayEquals(collected.of("mu")[chain], streamed[chain], "chain " + chain);
        }
        assertEquals("cpu", info.backend());
        assertTrue(info.gradientEvaluations() > 8 * 1000, "at least one gradient per iteration");
    }

    @Test
    void samplesAStanProgramWithItsData(@TempDir Path directory) throws IOException {
        Path program = Files.writeString(directory.resolve("normal_mean.stan"), """
                data {
                  int<lower=1> N;
                  vector[N] y;
                }
                parameters {
                  real mu;
                }
                model {
                  mu ~ normal(0, 10);
                  y ~ normal(mu, 1);
                }
                """);
        double[] y = {1.2, 0.4, 2.9, 1.7, 0.8};
        Path data = Files.writeString(directory.resolve("normal_mean.json"),
                "{\"N\": 5, \"y\": [1.2, 0.4, 2.9, 1.7, 0.8]}");
        PosteriorModel model = PosteriorModel.stanProgram(program, data);
        assertEquals(java.util.List.of("mu"), model.outputNames());

        SummaryRow mu = NutsSampler.builder(model).chains(4).warmup(300).draws(500).seed(7).threads(2)
                .backend("cpu").build().collect().summary().row("mu");
        // Conjugate: precision 5 + 1/100, mean sum(y) / precision, sd 1 / sqrt(precision).
        double precision = y.length + 1.0 / 100;
        double sum = 0;
        for (double value : y) {
            sum += value;
        }
        assertEquals(sum / precision, mu.mean(), 4 * mu.mcseMean(), "E[mu]");
        assertEquals(1 / Math.sqrt(precision), mu.sd(), 4 * mu.mcseSd(), "sd[mu]");
    }

    @Test
    void badSettingsAndNamesSayWhatIsWrong() {
        IllegalArgumentException chains = assertThrows(IllegalArgumentException.class,
                () -> NutsSampler.builder(EIGHT_SCHOOLS).chains(0).build());
        assertTrue(chains.getMessage().contains("chains"), chains.getMessage());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> PosteriorModel.builtIn("no_such_model"));
        assertTrue(model.getMessage().contains("no_such_model"), model.getMessage());
    }
}
