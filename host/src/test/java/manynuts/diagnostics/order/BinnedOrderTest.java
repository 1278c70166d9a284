package manynuts.diagnostics.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.SplitChains;
import manynuts.diagnostics.summary.DiagnosticsWorkspace;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.SummaryOptions;

/**
 * Binned ranks ({@link BinnedOrder}) against exact ones on the same draws: every statistic that does not rest on the
 * bulk or folded ranks must agree to rounding, and those that do (R-hat and the bulk ESS) to well inside their own
 * Monte Carlo error; exactly where every draw value is an edge.
 */
class BinnedOrderTest {

    /** Statistics that come from ranks, which binned ranks interpolate. */
    private static final List<String> RANKED = List.of("rhat", "essBulk");

    private static ParameterSummary summarise(double[][] draws, SummaryOptions.Ranks ranks) {
        DiagnosticsWorkspace workspace = new DiagnosticsWorkspace();
        workspace.useRanks(ranks);
        return workspace.summarise("x", draws, 0.9);
    }

    /** Autocorrelated draws with NUTS-like repeats, mapped through {@code shape}. */
    private static double[][] draws(int chains, int length, double repeats, DoubleUnaryOperator shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            double state = random.nextGaussian();
            for (int t = 0; t < length; t++) {
                if (t > 0 && random.nextDouble() < repeats) {
                    chain[t] = chain[t - 1];
                    continue;
                }
                state = 0.6 * state + 0.8 * random.nextGaussian();
                chain[t] = shape.applyAsDouble(state);
            }
        }
        return draws;
    }

    /** Compares every field; {@code rankedTolerance} for the ranked ones, 1e-12 relative for the rest. */
    private static void assertAgree(ParameterSummary exact, ParameterSummary binned, double rankedTolerance)
            throws ReflectiveOperationException {
        for (RecordComponent component : ParameterSummary.class.getRecordComponents()) {
            if (component.getType() != double.class) {
                continue;
            }
            double expected = (double) component.getAccessor().invoke(exact);
            double actual = (double) component.getAccessor().invoke(binned);
            if (!Double.isFinite(expected)) {
                assertEquals(expected, actual, component.getName());
                continue;
            }
            // The mean's rounding is relative to the spread, not to a mean near zero.
            double scale = component.getName().equals("mean") && Double.isFinite(exact.sd())
                    ? Math.max(Math.abs(expected), exact.sd()) : Math.abs(expected);
            if (expected == 0.0) {
                assertEquals(0, Double.compare(expected, actual), component.getName() + ": the sign of zero");
                continue;
            }
            double tolerance = RANKED.contains(component.getName()) ? rankedTolerance : 1e-12;
            assertEquals(expected, actual, tolerance * scale + 1e-300, component.getName());
        }
    }

    @Test
    void everyStatisticButTheRankedOnesIsExact() throws ReflectiveOperationException {
        // Odd lengths drop a middle draw from the ranks but not from the quantiles.
        int[][] shapes = {{256, 1001}, {512, 400}};
        List<DoubleUnaryOperator> kinds = List.of(x -> x, Math::exp, x -> Math.tan(0.49 * Math.PI * Math.tanh(x)),
                x -> x < -0.5 ? -0.5 : x, x -> 1e6 + 1e-6 * x,
                // Signed zeros: -0.0 and 0.0 share an edge but not a place in the order.
                x -> x > 0.3 ? x : x > -0.1 ? 0.0 : x > -0.5 ? -0.0 : x);
        long seed = 1;
        for (int[] shape : shapes) {
            for (DoubleUnaryOperator kind : kinds) {
                double[][] draws = draws(shape[0], shape[1], 0.2, kind, seed++);
                assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), summarise(draws, SummaryOptions.Ranks.BINNED),
                        1e-4);
            }
        }
    }

    @Test
    void ranksAreExactWhenEveryValueIsAnEdge() throws ReflectiveOperationException {
        // A few dozen distinct values: each is in the sample, so every draw is an atom with its exact average rank.
        double[][] draws = draws(1024, 999, 0.1, x -> Math.floor(4.0 * x), 3);
        assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), summarise(draws, SummaryOptions.Ranks.BINNED),
                1e-12);
    }

    @Test
    void interpolatedRanksAreCloseToExactOnesForManyChains() {
        // 2,048 chains of 1,000: 65,536 slots of about 30 draws each. Measured: R-hat agrees to 8e-9 and the bulk ESS
        // to 3.2e-7 relative; placing every draw at the middle of its slot instead of interpolating doubles both.
        double[][] draws = draws(2048, 1000, 0.2, x -> x, 5);
        ParameterSummary exact = summarise(draws, SummaryOptions.Ranks.EXACT);
        ParameterSummary binned = summarise(draws, SummaryOptions.Ranks.BINNED);
        assertEquals(exact.rhat(), binned.rhat(), 1.5e-8 * exact.rhat());
        assertEquals(exact.essBulk(), binned.essBulk(), 5e-7 * exact.essBulk());
        // Far inside the Monte Carlo error of the bulk ESS itself, which is a few percent.
        assertTrue(exact.essBulk() != binned.essBulk(), "the bulk ranks really are interpolated");
    }

    @Test
    void missingAndInfiniteDrawsBehaveAsWithExactRanks() throws ReflectiveOperationException {
        double[][] draws = draws(64, 100, 0.0, x -> x, 7);
        draws[3][5] = Double.POSITIVE_INFINITY;
        assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), summarise(draws, SummaryOptions.Ranks.BINNED), 0.0);
        draws[4][6] = Double.NaN;
        assertEquals(ParameterSummary.missing("x"), summarise(draws, SummaryOptions.Ranks.BINNED));
    }

    @Test
    void aFallbackToExactRanksWaitsForItsTurnAndLetsItsBuffersGo() throws Exception {
        double[][] draws = draws(64, 100, 0.0, x -> x, 8);
        draws[10][20] = Double.NEGATIVE_INFINITY;
        Semaphore turns = new Semaphore(1);
        DiagnosticsWorkspace workspace = new DiagnosticsWorkspace();
        workspace.useRanks(SummaryOptions.Ranks.BINNED, turns);
        // Another worker holds the only turn: this one must wait for it.
        turns.acquire();
        ParameterSummary[] result = new ParameterSummary[1];
        Thread worker = new Thread(() -> result[0] = workspace.summarise("x", draws, 0.9));
        worker.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!turns.hasQueuedThreads() && worker.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(turns.hasQueuedThreads(), "the fallback waits for a turn");
        assertTrue(result[0] == null);
        turns.release();
        worker.join(30_000);
        assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), result[0], 0.0);
        assertEquals(1, turns.availablePermits(), "the turn is given back");
        assertFalse(workspace.holdsExactBuffers(), "the exact buffers are let go");
        // Finite draws take the binned path and hold no exact buffers at all.
        workspace.summarise("y", draws(64, 100, 0.0, x -> x, 9), 0.9);
        assertFalse(workspace.holdsExactBuffers());
        // Without a limit on turns, the exact buffers stay for the next parameter.
        DiagnosticsWorkspace unlimited = new DiagnosticsWorkspace();
        unlimited.useRanks(SummaryOptions.Ranks.BINNED);
        unlimited.summarise("x", draws, 0.9);
        assertTrue(unlimited.holdsExactBuffers());
    }

    @Test
    void drawsNearTheLargestDoublesFallBackToExactRanks() throws ReflectiveOperationException {
        // Finite draws whose distance from the median overflows to infinity.
        double[][] draws = draws(64, 200, 0.0, x -> 1e308 * Math.signum(x), 9);
        assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), summarise(draws, SummaryOptions.Ranks.BINNED), 0.0);
    }

    @Test
    void edgesSpreadOverTheIterationsWhateverTheChainCount() {
        // As many chains as edges and a drift along the iterations (warm-up left in): edges taken at one iteration
        // of every chain would leave nearly every draw in a tail, all gathered.
        int chains = 8192;
        int length = 21;
        double[][] draws = new double[chains][length];
        SplittableRandom random = new SplittableRandom(13);
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                chain[t] = t + 0.1 * random.nextGaussian();
            }
        }
        SplitChains split = new SplitChains(chains, length);
        BinnedOrder order = new BinnedOrder();
        order.rankDraws();
        assertTrue(order.count(draws, split, 8192, 8));
        order.gather(draws, split, new int[] {chains * length / 2}, 0.9);
        assertTrue(order.gatheredDraws() < chains * length / 20, order.gatheredDraws() + " draws gathered");
    }

    @Test
    void constantDrawsGiveTheSameNas() throws ReflectiveOperationException {
        double[][] draws = new double[8][51];
        for (double[] chain : draws) {
            Arrays.fill(chain, 2.5);
        }
        assertAgree(summarise(draws, SummaryOptions.Ranks.EXACT), summarise(draws, SummaryOptions.Ranks.BINNED), 0.0);
    }

    @Test
    void slotsAreOrderedAndHoldTheirValuesWithinTheirBounds() {
        SplittableRandom random = new SplittableRandom(11);
        double[] sample = new double[4096];
        for (int i = 0; i < sample.length; i++) {
            // Repeats, a long tail and a cluster, so cells hold from none to many edges.
            sample[i] = i % 7 == 0 ? 1.0 : i % 5 == 0 ? Math.exp(8 * random.nextDouble()) : random.nextGaussian();
        }
        SampledBins bins = new SampledBins();
        bins.build(sample.clone(), sample.length, 8);
        double[] values = new double[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? sample[random.nextInt(sample.length)]
                    : random.nextGaussian() * Math.exp(4 * random.nextDouble());
        }
        Arrays.sort(values);
        int previous = -1;
        for (double value : values) {
            int slot = bins.slotOf(value);
            assertTrue(slot >= previous, "slots ascend with the values at " + value);
            previous = slot;
            if (bins.isTail(slot)) {
                assertTrue(slot == 0 ? value < bins.edge(0) : value > bins.edge(bins.edgeCount() - 1));
                continue;
            }
            assertTrue(bins.lowerBound(slot) <= value && value <= bins.upperBound(slot),
                    value + " outside slot " + slot);
            assertEquals(bins.isAtom(slot), value == bins.edge(bins.edgeOf(slot)), "atom at " + value);
        }
        assertEquals(-1, bins.slotOf(Double.NaN));
    }

    @Test
    void aSerializedOrderScoresAsTheOriginalAndLeavesItsGatheredDrawsBehind() throws Exception {
        double[][] draws = draws(16, 501, 0.3, x -> x, 23);
        SplitChains split = new SplitChains(16, 501);
        int total = 16 * 501;
        // Both gather the tails; only the first gathers the many slots an interval of 90 % may end in.
        BinnedOrder wide = prepared(draws, split, OrderStatistics.medianPositions(total), 0.9);
        BinnedOrder narrow = prepared(draws, split, OrderStatistics.medianPositions(total), Double.NaN);
        assertTrue(wide.gatheredDraws() > 2 * narrow.gatheredDraws(), wide.gatheredDraws() + " gathered");
        byte[] wideBytes = serialized(wide);
        assertEquals(serialized(narrow).length, wideBytes.length, "serialized sizes");

        BinnedOrder copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(wideBytes))) {
            copy = (BinnedOrder) in.readObject();
        }
        int length = split.splitLength();
        double[] expected = new double[length];
        double[] actual = new double[length];
        int[] scratch = new int[length];
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            double[] source = draws[split.sourceChain(chain)];
            wide.scores(source, split.sourceOffset(chain), length, expected, scratch);
            copy.scores(source, split.sourceOffset(chain), length, actual, scratch);
            assertArrayEquals(expected, actual, "split chain " + chain);
        }
    }

    private static BinnedOrder prepared(double[][] draws, SplitChains split, int[] positions, double hdi) {
        BinnedOrder order = new BinnedOrder();
        order.rankDraws();
        assertTrue(order.count(draws, split, 256, 4));
        order.gather(draws, split, positions, hdi);
        order.prepareScores();
        return order;
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
