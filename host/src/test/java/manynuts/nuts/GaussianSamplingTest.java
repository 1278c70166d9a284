package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;

/**
 * Whole runs with warm-up on independent normals of very different scales, where the answer is exact: the
 * adaptation must find a step size and metric that sample every scale, and the thread count must not matter.
 */
class GaussianSamplingTest {
    private static final double[] SCALES = {1.0, 10.0, 0.1};

    private static DrawTable run(SamplerSettings settings) {
        Model model = TestModels.gaussian(SCALES);
        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
        return table;
    }

    @Test
    void meansAndVariancesWithinMonteCarloError() {
        SamplerSettings settings = SamplerSettings.defaults(128, 42).withWarmup(400).withDraws(400).withThreads(2);
        DrawTable table = run(settings);
        for (int d = 0; d < SCALES.length; d++) {
            double[][] draws = table.column(d);
            int chains = draws.length;
            double[] chainMeans = new double[chains];
            double[] chainVariances = new double[chains];
            for (int c = 0; c < chains; c++) {
                double mean = 0;
                for (double x : draws[c]) {
                    mean += x;
                }
                mean /= draws[c].length;
                double variance = 0;
                for (double x : draws[c]) {
                    variance += (x - mean) * (x - mean);
                }
                chainMeans[c] = mean;
                chainVariances[c] = variance / (draws[c].length - 1);
            }
            // Chains are independent, so the spread of per-chain estimates gives their Monte Carlo error.
            assertWithinStandardErrors(0.0, chainMeans, 4, "mean of x[" + (d + 1) + "]");
            assertWithinStandardErrors(SCALES[d] * SCALES[d], chainVariances, 4, "variance of x[" + (d + 1) + "]");
        }
        double[][] divergent = table.column("divergent__");
        double total = 0;
        for (double[] chain : divergent) {
            for (double x : chain) {
                total += x;
            }
        }
        assertEquals(0.0, total, "a Gaussian never diverges");
        double[][] accept = table.column("accept_stat__");
        double meanAccept = 0;
        for (double[] chain : accept) {
            for (double x : chain) {
                meanAccept += x;
            }
        }
        meanAccept /= accept.length * accept[0].length;
        // Stan's averaged final step size is smaller than the last iterate, so the acceptance after warm-up lands
        // above the target (about 0.9 for Gaussians at delta 0.8), never far below it.
        assertTrue(meanAccept > settings.targetAccept() - 0.03 && meanAccept < 0.97,
                "acceptance after warm-up " + meanAccept + " for target " + settings.targetAccept());
    }

    private static void assertWithinStandardErrors(double expected, double[] estimates, double errors, String what) {
        double mean = 0;
        for (double x : estimates) {
            mean += x;
        }
        mean /= estimates.length;
        double spread = 0;
        for (double x : estimates) {
            spread += (x - mean) * (x - mean);
        }
        double standardError = Math.sqrt(spread / (estimates.length - 1) / estimates.length);
        assertTrue(Math.abs(mean - expected) < errors * standardError,
                what + ": " + mean + " vs exact " + expected + " (standard error " + standardError + ")");
    }

    @Test
    void sameSeedSameDrawsOnOneAndTwoThreads() {
        SamplerSettings settings = SamplerSettings.defaults(150, 7).withWarmup(150).withDraws(60);
        DrawTable one = run(settings.withThreads(1));
        DrawTable two = run(settings.withThreads(2));
        for (int column = 0; column < one.columns().size(); column++) {
            for (int c = 0; c < settings.chains(); c++) {
                assertArrayEquals(one.column(column)[c], two.column(column)[c], one.columns().get(column) + " chain " + c);
            }
        }
        DrawTable other = run(settings.withThreads(2).withSeed(8));
        assertFalse(java.util.Arrays.equals(one.column(0)[0], other.column(0)[0]), "another seed gives other draws");
    }

    @Test
    void pooledMetricIsAlsoIndependentOfThreads() {
        SamplerSettings settings = SamplerSettings.defaults(130, 11).withWarmup(200).withDraws(50).withPooledMetric(true);
        DrawTable one = run(settings.withThreads(1));
        DrawTable two = run(settings.withThreads(2));
        for (int c = 0; c < settings.chains(); c++) {
            assertArrayEquals(one.column(0)[c], two.column(0)[c], "chain " + c);
        }
    }
}
