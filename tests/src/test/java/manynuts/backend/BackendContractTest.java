package manynuts.backend;

import static manynuts.backend.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.CorrelatedNormal;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.ManySchools;
import manynuts.models.NealsFunnel;
import manynuts.models.NealsFunnelNonCentered;
import manynuts.models.Model;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.rng.RandomStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every backend must do, checked against independent scalar arithmetic (the model evaluated one chain at a
 * time, momentum from {@link RandomStreams}, a leapfrog step written out) and against whole NUTS runs of the CPU
 * backend with the same seeds. One subclass per backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractTest {
    /** More chains than one CUDA thread block holds, and not a multiple of it. */
    private static final int CHAINS = 300;
    private static final int FIRST_CHAIN = 5;
    private static final long SEED = 0x5EED_2024_0611L;

    private Backend backend;

    /** Opens the backend under test (once per class). */
    protected abstract Backend openBackend();

    protected Backend backend() {
        return backend;
    }

    @BeforeAll
    void openTheBackend() {
        backend = openBackend();
    }

    @AfterAll
    void closeTheBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    protected static Stream<Model> models() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        return Stream.of(new EightSchoolsCentered(data), new EightSchoolsNonCentered(data), logisticRegression(),
                new NealsFunnel(6), new NealsFunnelNonCentered(5), new CorrelatedNormal(12, 0.6),
                new EightSchoolsNonCentered(ManySchools.NONCENTERED_NAME, ManySchools.generate(50, 4)));
    }

    /** A small hierarchical logistic regression: its density is a matrix product (split on a device). */
    protected static Model logisticRegression() {
        return HierarchicalLogisticRegression.simulated(60, 3, 5, 7);
    }

    /** Uniform positions in (-3, 3), with a few far out where the model's terms overflow or vanish. */
    private static double[] positions(Model model, int chains, long seed) {
        int dimension = model.dimension();
        Random random = new Random(seed);
        double[] positions = new double[chains * dimension];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = 6.0 * random.nextDouble() - 3.0;
        }
        positions[7 * dimension + 1] = 40.0;
        positions[8 * dimension + 1] = -40.0;
        positions[9 * dimension + 1] = 800.0;
        positions[10 * dimension] = 1e6;
        return positions;
    }

    /** The model at one chain's point, evaluated alone: log density returned, gradient into {@code gradient}. */
    private static double evaluate(Model model, double[] point, double[] gradient) {
        double[] logDensity = new double[1];
        model.logDensityGradient(point, 1, 0, 1, logDensity, gradient);
        return logDensity[0];
    }

    private static int[] allChains(int chains) {
        int[] list = new int[chains];
        Arrays.setAll(list, c -> c);
        return list;
    }

    @ParameterizedTest
    @MethodSource("models")
    void initializeEvaluatesTheListedChainsOnly(Model model) {
        int dimension = model.dimension();
        int[] list = new int[CHAINS / 2 + 1];
        int count = 0;
        for (int c = 1; c < CHAINS; c += 2) {
            list[count++] = c;
        }
        list[count++] = 10;
        double[] positions = positions(model, count, 11);
        double[] logDensity = new double[CHAINS];
        Arrays.fill(logDensity, Double.NaN);
        boolean[] finite = new boolean[CHAINS];
        try (ChainBlock block = backend.allocate(model, FIRST_CHAIN, CHAINS, 6, SEED)) {
            block.initialize(list, count, positions, logDensity, finite);
            double[] read = new double[count * dimension];
            block.readDraw(list, count, read);
            assertTrue(Arrays.equals(Arrays.copyOf(positions, count * dimension), read), "readDraw returns the draws");
        }
        double[] point = new double[dimension];
        double[] gradient = new double[dimension];
        for (int i = 0; i < count; i++) {
            int c = list[i];
            System.arraycopy(positions, i * dimension, point, 0, dimension);
            double expected = evaluate(model, point, gradient);
            boolean expectFinite = Double.isFinite(expected) && Arrays.stream(gradient).allMatch(Double::isFinite);
            assertEquals(expectFinite, finite[c], "finite flag of chain " + c);
            assertClose(expected, logDensity[c], "log density of chain " + c);
        }
        for (int c = 0; c < CHAINS; c += 2) {
            if (c != 10) {
                assertTrue(Double.isNaN(logDensity[c]), "chain " + c + " was not listed and must stay untouched");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void momentumAndLeapfrogStepsFollowTheScalarIntegrator(Model model) {
        int dimension = model.dimension();
        Random random = new Random(3);
        double[] positions = positions(model, CHAINS, 5);
        for (int c = 7; c <= 10; c++) {
            // Keep the far-out points for initialize; here every chain must be able to move.
            Arrays.fill(positions, c * dimension, (c + 1) * dimension, 0.5);
        }
        double[] inverseMetric = new double[CHAINS * dimension];
        Arrays.fill(inverseMetric, 1.0);
        int[] metricList = new int[CHAINS / 2];
        double[] metricValues = new double[metricList.length * dimension];
        for (int i = 0; i < metricList.length; i++) {
            int c = 2 * i;
            metricList[i] = c;
            for (int d = 0; d < dimension; d++) {
                double value = 0.2 + 3.0 * random.nextDouble();
                metricValues[i * dimension + d] = value;
                inverseMetric[c * dimension + d] = value;
            }
        }
        long[] event = new long[CHAINS];
        double[] signedStepSize = new double[CHAINS];
        int moving = 0;
        for (int c = 0; c < CHAINS; c++) {
            event[c] = RandomStreams.momentumEvent(c % 7);
            // Every fifth chain is idle: its outputs are unspecified, but it must not disturb the others.
            signedStepSize[c] = c % 5 == 0 ? 0.0 : (c % 2 == 0 ? 1 : -1) * (0.02 + 0.2 * random.nextDouble());
            moving += signedStepSize[c] == 0.0 ? 0 : 1;
        }

        // The scalar reference: momentum from the chain's Philox stream, then two leapfrog steps.
        RandomStreams streams = new RandomStreams(SEED);
        double[][] x = new double[CHAINS][];
        double[][] p = new double[CHAINS][];
        double[][] g = new double[CHAINS][];
        double[] expectedKinetic = new double[CHAINS];
        double[] normals = new double[dimension + 1];
        for (int c = 0; c < CHAINS; c++) {
            x[c] = Arrays.copyOfRange(positions, c * dimension, (c + 1) * dimension);
            g[c] = new double[dimension];
            evaluate(model, x[c], g[c]);
            for (int pair = 0; 2 * pair < dimension; pair++) {
                streams.normalPair(event[c], FIRST_CHAIN + c, pair, normals, 2 * pair);
            }
            p[c] = new double[dimension];
            double energy = 0;
            for (int d = 0; d < dimension; d++) {
                double inverseMass = inverseMetric[c * dimension + d];
                p[c][d] = normals[d] / Math.sqrt(inverseMass);
                energy += inverseMass * p[c][d] * p[c][d];
            }
            expectedKinetic[c] = 0.5 * energy;
        }

        int[] all = allChains(CHAINS);
        double[] logDensity = new double[CHAINS];
        double[] kinetic = new double[CHAINS];
        boolean[] finite = new boolean[CHAINS];
        double[] frontier = new double[CHAINS * dimension];
        try (ChainBlock block = backend.allocate(model, FIRST_CHAIN, CHAINS, 6, SEED)) {
            block.initialize(all, CHAINS, positions, logDensity, finite);
            block.setInverseMetric(metricList, metricList.length, metricValues);
            block.beginTrajectory(all, CHAINS, event, kinetic);
            for (int c = 0; c < CHAINS; c++) {
                assertClose(expectedKinetic[c], kinetic[c], "initial kinetic energy of chain " + c);
            }
            for (int step = 1; step <= 2; step++) {
                int paid = block.leapfrog(signedStepSize, logDensity, kinetic);
                assertTrue(paid >= moving && paid <= CHAINS,
                        "paid for " + paid + " chain-steps with " + moving + " chains moving");
                block.readFrontier(all, CHAINS, frontier);
                for (int c = 0; c < CHAINS; c++) {
                    double eps = signedStepSize[c];
                    if (eps == 0.0) {
                        continue;
                    }
                    double energy = 0;
                    for (int d = 0; d < dimension; d++) {
                        p[c][d] = p[c][d] + 0.5 * eps * g[c][d];
                        x[c][d] = x[c][d] + eps * inverseMetric[c * dimension + d] * p[c][d];
                    }
                    double expectedLogDensity = evaluate(model, x[c], g[c]);
                    for (int d = 0; d < dimension; d++) {
                        p[c][d] = p[c][d] + 0.5 * eps * g[c][d];
                        energy += inverseMetric[c * dimension + d] * p[c][d] * p[c][d];
                    }
                    String where = "step " + step + ", chain " + c;
                    assertClose(expectedLogDensity, logDensity[c], where + ": log density");
                    assertClose(0.5 * energy, kinetic[c], where + ": kinetic energy");
                    for (int d = 0; d < dimension; d++) {
                        assertClose(x[c][d], frontier[c * dimension + d], where + ": position " + d);
                    }
                }
            }
            double[] draw = new double[CHAINS * dimension];
            block.readDraw(all, CHAINS, draw);
            assertTrue(Arrays.equals(positions, draw), "leapfrog steps move the frontier, not the draw");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void leapfrogStepsRetraceWithTheOppositeStepSize(Model model) {
        int dimension = model.dimension();
        int chains = 40;
        double[] positions = positions(model, chains, 17);
        for (int c = 7; c <= 10; c++) {
            Arrays.fill(positions, c * dimension, (c + 1) * dimension, -0.25);
        }
        int[] all = allChains(chains);
        long[] event = new long[chains];
        Arrays.fill(event, RandomStreams.momentumEvent(3));
        double[] forward = new double[chains];
        double[] backward = new double[chains];
        for (int c = 0; c < chains; c++) {
            forward[c] = 0.01 + 0.004 * c;
            backward[c] = -forward[c];
        }
        double[] logDensity = new double[chains];
        double[] kinetic = new double[chains];
        double[] initialKinetic = new double[chains];
        try (ChainBlock block = backend.allocate(model, 0, chains, 4, SEED)) {
            block.initialize(all, chains, positions, logDensity, new boolean[chains]);
            double[] initialLogDensity = logDensity.clone();
            block.beginTrajectory(all, chains, event, initialKinetic);
            for (int step = 0; step < 3; step++) {
                block.leapfrog(forward, logDensity, kinetic);
            }
            for (int step = 0; step < 3; step++) {
                block.leapfrog(backward, logDensity, kinetic);
            }
            double[] frontier = new double[chains * dimension];
            block.readFrontier(all, chains, frontier);
            for (int i = 0; i < frontier.length; i++) {
                assertClose(positions[i], frontier[i], 1e-9, "coordinate " + i + " after 3 steps out and back");
            }
            for (int c = 0; c < chains; c++) {
                assertClose(initialLogDensity[c], logDensity[c], 1e-9, "log density of chain " + c);
                assertClose(initialKinetic[c], kinetic[c], 1e-9, "kinetic energy of chain " + c);
            }
        }
    }

    /**
     * Proposals sampled leaf by leaf: a leaf taken by {@code afterLeaf} replaces the subtree's proposal, a chain
     * not listed keeps its proposal, and {@code mergeIntoTree} moves the proposal to the draw only where taken.
     */
    @ParameterizedTest
    @MethodSource("models")
    void theDrawBecomesTheLastLeafTakenWhereTheSubtreeIsTaken(Model model) {
        int dimension = model.dimension();
        int chains = 40;
        int leaves = 4;
        double[] positions = positions(model, chains, 23);
        for (int c = 7; c <= 10; c++) {
            Arrays.fill(positions, c * dimension, (c + 1) * dimension, 0.75);
        }
        int[] all = allChains(chains);
        long[] event = new long[chains];
        Arrays.fill(event, RandomStreams.momentumEvent(1));
        double[] stepSize = new double[chains];
        Arrays.fill(stepSize, 0.05);
        double[] logDensity = new double[chains];
        double[] kinetic = new double[chains];
        double[][] expected = new double[chains][];
        for (int c = 0; c < chains; c++) {
            expected[c] = Arrays.copyOfRange(positions, c * dimension, (c + 1) * dimension);
        }
        double[][] proposal = new double[chains][];
        try (ChainBlock block = backend.allocate(model, 0, chains, 4, SEED)) {
            block.initialize(all, chains, positions, logDensity, new boolean[chains]);
            block.beginTrajectory(all, chains, event, kinetic);
            block.beginSubtree(all, chains, new boolean[chains]);
            double[] frontier = new double[chains * dimension];
            int[] levels = new int[chains];
            int[] popcount = new int[chains];
            boolean[] takeLeaf = new boolean[chains];
            int[] failedLevel = new int[chains];
            int[] list = new int[chains];
            for (int n = 0; n < leaves; n++) {
                block.leapfrog(stepSize, logDensity, kinetic);
                block.readFrontier(all, chains, frontier);
                int count = 0;
                for (int c = 0; c < chains; c++) {
                    // After the first leaf, every fourth chain is left out and keeps its proposal.
                    if (n > 0 && c % 4 == 3) {
                        continue;
                    }
                    list[count++] = c;
                    levels[c] = Integer.numberOfTrailingZeros(~n);
                    popcount[c] = Integer.bitCount(n);
                    takeLeaf[c] = n == 0 || ((c >> (n - 1)) & 1) == 1;
                    if (takeLeaf[c]) {
                        proposal[c] = Arrays.copyOfRange(frontier, c * dimension, (c + 1) * dimension);
                    }
                }
                block.afterLeaf(list, count, levels, popcount, takeLeaf, failedLevel);
            }
            boolean[] take = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                take[c] = c % 3 != 0;
                if (take[c]) {
                    expected[c] = proposal[c];
                }
            }
            block.mergeIntoTree(all, chains, take, new boolean[chains]);
            double[] draw = new double[chains * dimension];
            block.readDraw(all, chains, draw);
            for (int c = 0; c < chains; c++) {
                for (int d = 0; d < dimension; d++) {
                    assertEquals(expected[c][d], draw[c * dimension + d], "chain " + c + ", coordinate " + d);
                }
            }
        }
    }

    /**
     * Runs of 100 transitions, except the centered model at a small step size: its long trajectories through the
     * funnel stretch a last-bit difference about threefold per transition, so after 25 transitions the two
     * backends' chains are still within 1e-12 but not after 30.
     */
    protected static Stream<Arguments> runs() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        return Stream.of(
                Arguments.of(new EightSchoolsNonCentered(data), 0.4, 100),
                Arguments.of(new EightSchoolsNonCentered(data), 1.2, 100),
                Arguments.of(new EightSchoolsCentered(data), 1.2, 100),
                Arguments.of(new EightSchoolsCentered(data), 0.4, 25),
                Arguments.of(logisticRegression(), 0.3, 60),
                Arguments.of(new NealsFunnel(6), 0.3, 60),
                Arguments.of(new CorrelatedNormal(12, 0.6), 0.3, 60));
    }

    /**
     * Whole NUTS transitions: the same chains, seeds and settings make the same draws as on the CPU. Without
     * warm-up: adaptation feeds each transition's statistics back into the next step size and metric, which
     * amplifies the last-bit differences between the JVM's exp/log and C's until chains part; the draws of
     * warmed-up runs are compared in distribution instead (see the device backends' tests).
     */
    @ParameterizedTest(name = "{0}, step size {1}, {2} draws")
    @MethodSource("runs")
    void samplerDrawsMatchTheCpuBackend(Model model, double stepSize, int draws) {
        SamplerSettings settings = SamplerSettings.defaults(12, 20240611L).withWarmup(0).withDraws(draws)
                .withThreads(2).withMaxDepth(8).withStepSize(stepSize);
        assertSameDraws(model, settings);
    }

    /**
     * Every block operation of a run agrees with the CPU block's, operation by operation. The run is short: the
     * chains carry their state from draw to draw, so the last-bit differences of C's and the JVM's exp, log, sin
     * and cos (momentum draws, funnel scales) accumulate, and over hundreds of transitions of the funnel or the
     * correlated normal they pass 1e-12.
     */
    @ParameterizedTest
    @MethodSource("models")
    void blockOperationsAgreeWithTheCpuInLockstep(Model model) {
        SamplerSettings settings = SamplerSettings.defaults(12, 7).withWarmup(0).withDraws(20).withThreads(1)
                .withMaxDepth(8).withStepSize(0.8);
        try (CpuBackend cpu = new CpuBackend()) {
            Backend lockstep = new LockstepBackend(cpu, backend) {
                @Override
                public int preferredBlockSize(int totalChains) {
                    // The block size of the backend under test, so both blocks hold the same chains.
                    return backend.preferredBlockSize(totalChains);
                }
            };
            new Sampler(model, lockstep, settings).run(new DrawRecorder(12, 20), new AtomicLong());
        }
    }

    /** Runs {@code settings} on the CPU and on this backend and compares every draw. */
    protected void assertSameDraws(Model model, SamplerSettings settings) {
        DrawRecorder expected = new DrawRecorder(settings.chains(), settings.draws());
        try (CpuBackend cpu = new CpuBackend()) {
            new Sampler(model, cpu, settings).run(expected, new AtomicLong());
        }
        DrawRecorder actual = new DrawRecorder(settings.chains(), settings.draws());
        new Sampler(model, backend, settings).run(actual, new AtomicLong());
        expected.assertMatches(actual);
    }
}
