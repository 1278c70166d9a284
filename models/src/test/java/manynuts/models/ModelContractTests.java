package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Tests every {@link Model} must pass: gradients against central finite differences, the dimension-major batch
 * layout, thread safety on disjoint chain ranges, the single-chain form bit for bit, consistent names, and an exact
 * posterior and funnel that name outputs. One small subclass per model; models outside this module extend it
 * through the models test-jar.
 */
public abstract class ModelContractTests {

    /**
     * Extreme and ordinary values of the model's scale coordinate (tau_log in the hierarchical models, v in Neal's
     * funnel): the funnel's neck, the prior's bulk, far into the tail.
     */
    public static final double[] TAU_LOGS = {-8, -3, 0, 1.5, 3, 6};

    /** The model under test. */
    protected abstract Model model();

    /**
     * A random unconstrained point with the given value of the model's scale coordinate (models without one may
     * use it to move the point away from the mode), where the remaining coordinates are on the scale the posterior
     * gives them (so that finite differences of lp are not swamped by rounding).
     */
    protected abstract double[] randomPoint(Random random, double tauLog);

    /**
     * The model's log density written again independently from its statement (e.g. with commons-math densities),
     * up to a constant; NaN, the default, skips the comparison.
     */
    protected double referenceLogDensity(double[] point) {
        return Double.NaN;
    }

    /** Log density of one chain through the batched interface with stride 1. */
    protected static double logDensity(Model model, double[] point, double[] gradientOut) {
        double[] logDensity = new double[1];
        double[] gradient = gradientOut == null ? new double[point.length] : gradientOut;
        model.logDensityGradient(point, 1, 0, 1, logDensity, gradient);
        return logDensity[0];
    }

    @Test
    public void gradientMatchesCentralFiniteDifferences() {
        Model model = model();
        Random random = new Random(20260517L);
        int checked = 0;
        for (double tauLog : TAU_LOGS) {
            for (int repeat = 0; repeat < 5; repeat++) {
                double[] point = randomPoint(random, tauLog);
                double[] gradient = new double[point.length];
                double lp = logDensity(model, point, gradient);
                assertTrue(Double.isFinite(lp), "lp finite at " + Arrays.toString(point));
                for (int d = 0; d < point.length; d++) {
                    double h = 1e-5 * Math.max(1, Math.abs(point[d]));
                    double[] up = point.clone();
                    double[] down = point.clone();
                    up[d] += h;
                    down[d] -= h;
                    double upLp = logDensity(model, up, null);
                    double downLp = logDensity(model, down, null);
                    double finiteDifference = (upLp - downLp) / (up[d] - down[d]);
                    // Truncation error is O(h^2); rounding error is about ulp(lp)/h.
                    double tolerance = 1e-6 * Math.max(1, Math.abs(gradient[d])) + 10 * Math.ulp(Math.abs(lp)) / h;
                    assertEquals(finiteDifference, gradient[d], tolerance,
                            model.parameterNames().get(d) + " at tau_log=" + tauLog + ", point "
                                    + Arrays.toString(point));
                    checked++;
                }
            }
        }
        assertEquals(TAU_LOGS.length * 5 * model.dimension(), checked);
    }

    @Test
    public void logDensityDifferencesMatchTheReference() {
        Model model = model();
        Random random = new Random(101L);
        // A model without a reference (NaN at its first point) skips the test; one with a reference answers at
        // every scale, so a NaN later is a failure, not a skip.
        org.junit.jupiter.api.Assumptions.assumeFalse(Double.isNaN(referenceLogDensity(randomPoint(new Random(1), 0))),
                "no independent reference density for " + model.name());
        for (double scale : TAU_LOGS) {
            double[] a = randomPoint(random, scale);
            double[] b = randomPoint(random, -1 + 3 * random.nextDouble());
            double expected = referenceLogDensity(a) - referenceLogDensity(b);
            double actual = logDensity(model, a, null) - logDensity(model, b, null);
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), "at scale " + scale);
        }
    }

    @Test
    public void batchUsesDimensionMajorLayoutAndTouchesOnlyItsChains() {
        Model model = model();
        int dimension = model.dimension();
        // A stride larger than the range and not a multiple of anything convenient; a range that starts and ends
        // inside blocks of chains, should an implementation work in blocks.
        int chains = 1000;
        int stride = 1031;
        int from = 37;
        int to = 991;
        Random random = new Random(7L);
        double[][] points = new double[chains][];
        double[] position = new double[dimension * stride];
        Arrays.fill(position, Double.NaN); // any read outside the range poisons the result
        for (int c = from; c < to; c++) {
            points[c] = randomPoint(random, TAU_LOGS[c % TAU_LOGS.length] + random.nextDouble());
            for (int d = 0; d < dimension; d++) {
                position[d * stride + c] = points[c][d];
            }
        }
        double sentinel = -12345.678;
        double[] logDensity = new double[stride];
        double[] gradient = new double[dimension * stride];
        Arrays.fill(logDensity, sentinel);
        Arrays.fill(gradient, sentinel);
        double[] positionBefore = position.clone();

        model.logDensityGradient(position, stride, from, to, logDensity, gradient);

        assertTrue(Arrays.equals(positionBefore, position), "position not modified");
        for (int c = 0; c < stride; c++) {
            boolean inRange = c >= from && c < to;
            if (!inRange) {
                assertEquals(sentinel, logDensity[c], "logDensity of chain " + c + " outside the range");
            }
            for (int d = 0; d < dimension; d++) {
                if (!inRange) {
                    assertEquals(sentinel, gradient[d * stride + c], "gradient of chain " + c + " outside the range");
                }
            }
            if (inRange) {
                double[] single = new double[dimension];
                double lp = logDensity(model, points[c], single);
                assertEquals(lp, logDensity[c], 0.0, "lp of chain " + c);
                for (int d = 0; d < dimension; d++) {
                    assertEquals(single[d], gradient[d * stride + c], 0.0, "gradient " + d + " of chain " + c);
                }
            }
        }
    }

    @Test
    public void disjointChainRangesCanRunOnSeveralThreads() throws Exception {
        Model model = model();
        int dimension = model.dimension();
        int chains = 4096;
        Random random = new Random(11L);
        double[] position = new double[dimension * chains];
        for (int c = 0; c < chains; c++) {
            double[] point = randomPoint(random, -2 + 4 * random.nextDouble());
            for (int d = 0; d < dimension; d++) {
                position[d * chains + c] = point[d];
            }
        }
        double[] expectedLp = new double[chains];
        double[] expectedGradient = new double[dimension * chains];
        model.logDensityGradient(position, chains, 0, chains, expectedLp, expectedGradient);

        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] parts = new Future<?>[8];
            for (int p = 0; p < parts.length; p++) {
                int from = p * chains / parts.length;
                int to = (p + 1) * chains / parts.length;
                parts[p] = pool.submit(() -> {
                    for (int r = 0; r < 20; r++) {
                        model.logDensityGradient(position, chains, from, to, logDensity, gradient);
                    }
                });
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Arrays.equals(expectedLp, logDensity));
        assertTrue(Arrays.equals(expectedGradient, gradient));
    }

    @Test
    public void singleChainFormAgreesWithTheBatchToTheLastBit() {
        Model model = model();
        int n = model.dimension();
        Random random = new Random(17L);
        for (double tauLog : TAU_LOGS) {
            double[] point = randomPoint(random, tauLog);
            double[] batchLogDensity = new double[1];
            double[] batchGradient = new double[n];
            model.logDensityGradient(point, 1, 0, 1, batchLogDensity, batchGradient);
            int offset = 3 * n;
            double[] contiguous = new double[5 * n];
            java.util.Arrays.fill(contiguous, Double.NaN);
            System.arraycopy(point, 0, contiguous, offset, n);
            double[] gradient = new double[5 * n];
            java.util.Arrays.fill(gradient, -7.0);
            double logDensity = model.logDensityGradientAt(contiguous, offset, gradient, new double[5 * n]);
            assertEquals(batchLogDensity[0], logDensity, 0.0, "log density at tau_log " + tauLog);
            for (int d = 0; d < n; d++) {
                assertEquals(batchGradient[d], gradient[offset + d], 0.0, "gradient " + d + " at tau_log " + tauLog);
            }
            for (int i = 0; i < gradient.length; i++) {
                if (i < offset || i >= offset + n) {
                    assertEquals(-7.0, gradient[i], 0.0, "gradient outside the chain's offsets is untouched");
                }
            }
        }
    }

    @Test
    public void namesAreDistinctAndMatchTheDimensions() {
        Model model = model();
        List<String> parameters = model.parameterNames();
        List<String> outputs = model.outputNames();
        assertEquals(model.dimension(), parameters.size());
        assertEquals(parameters.size(), new HashSet<>(parameters).size());
        assertEquals(outputs.size(), new HashSet<>(outputs).size());
    }

    @Test
    public void exactAnswerAndFunnelNameOutputs() {
        Model model = model();
        WithExactPosterior.of(model).ifPresent(exact -> {
            for (PosteriorMoments m : exact.moments()) {
                assertTrue(model.outputNames().contains(m.name()), m.name() + " is an output");
                assertTrue(Double.isFinite(m.mean()) && m.sd() > 0, m.toString());
            }
            for (String name : exact.densities().keySet()) {
                assertTrue(model.outputNames().contains(name), name + " is an output");
            }
        });
        WithFunnel.of(model).ifPresent(funnel -> {
            assertTrue(model.outputNames().contains(funnel.scale()), funnel.scale());
            assertTrue(model.outputNames().contains(funnel.member()), funnel.member());
        });
    }

    @Test
    public void farScalesGiveNoNaN() {
        Model model = model();
        for (double tauLog : new double[] {-30, -15, 15, 30, 300}) {
            double[] point = randomPoint(new Random(5L), tauLog);
            double[] gradient = new double[point.length];
            double lp = logDensity(model, point, gradient);
            assertTrue(!Double.isNaN(lp), "lp at scale " + tauLog);
            for (int d = 0; d < gradient.length; d++) {
                assertTrue(!Double.isNaN(gradient[d]), "gradient " + d + " at scale " + tauLog);
            }
        }
    }
}
