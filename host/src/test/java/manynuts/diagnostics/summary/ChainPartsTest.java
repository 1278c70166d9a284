package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.DrawsShape;
import org.junit.jupiter.api.Test;

/**
 * The binned summary's passes over the chains cut into parts: one part is the workspace's own binned summary to the
 * bit, more parts change only the order of additions, and a part lost or counted twice shows.
 */
class ChainPartsTest {

    /** Statistics read off gathered draws: the same draws whatever the parts. */
    private static final Set<String> ORDER_STATISTICS = Set.of("median", "q5", "q95", "hdiLower", "hdiUpper", "mad");

    /** Autocorrelated draws; {@code persistence} near 1 makes Geyer's sequence run long (the FFT path). */
    private static double[][] draws(int chains, int length, double persistence, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double innovation = Math.sqrt(1.0 - persistence * persistence);
        double[][] draws = new double[chains][length];
        for (int chain = 0; chain < chains; chain++) {
            double state = random.nextGaussian() + 0.01 * chain;
            for (int t = 0; t < length; t++) {
                state = persistence * state + innovation * random.nextGaussian();
                draws[chain][t] = Math.exp(state);
            }
        }
        return draws;
    }

    private static ParameterSummary binned(ChainParts parts) {
        return new DiagnosticsWorkspace().summariseBinned("x", parts, 0.9);
    }

    @Test
    void onePartIsTheWorkspacesBinnedSummaryToTheBit() {
        for (double[][] draws : List.of(draws(300, 201, 0.5, 1), draws(64, 400, 0.995, 2))) {
            DiagnosticsWorkspace workspace = new DiagnosticsWorkspace();
            workspace.useRanks(SummaryOptions.Ranks.BINNED);
            assertEquals(workspace.summarise("x", draws, 0.9), binned(ChainParts.inMemory(draws, 1)));
        }
    }

    @Test
    void partsChangeOnlyTheOrderOfAdditions() throws ReflectiveOperationException {
        for (double[][] draws : List.of(draws(300, 201, 0.5, 3), draws(64, 400, 0.995, 4))) {
            ParameterSummary whole = binned(ChainParts.inMemory(draws, 1));
            for (int parts : new int[] {2, 7}) {
                assertAddsUp(whole, binned(ChainParts.inMemory(draws, parts)));
            }
        }
    }

    /**
     * Slot counts and gathered draws merged part by part (SlotCounts.plus, Gathered.plus), which the draws in
     * memory skip by passing over all chains at once, in the parts' order and reversed.
     */
    @Test
    void mergingManyPartsInEitherOrderChangesOnlyTheOrderOfAdditions() throws ReflectiveOperationException {
        for (double[][] draws : List.of(draws(300, 201, 0.5, 6), draws(64, 400, 0.995, 7), draws(45, 150, 0.8, 8))) {
            ParameterSummary whole = binned(ChainParts.inMemory(draws, 1));
            for (int parts : new int[] {2, 7, 45}) {
                assertAddsUp(whole, binned(edited(draws, parts, UnaryOperator.identity())));
                assertAddsUp(whole, binned(edited(draws, parts, results -> {
                    Collections.reverse(results);
                    return results;
                })));
            }
        }
    }

    /** Order statistics to the bit, every other statistic to 1e-12 relative. */
    private static void assertAddsUp(ParameterSummary whole, ParameterSummary cut)
            throws ReflectiveOperationException {
        for (RecordComponent component : ParameterSummary.class.getRecordComponents()) {
            if (component.getType() != double.class) {
                continue;
            }
            double expected = (double) component.getAccessor().invoke(whole);
            double actual = (double) component.getAccessor().invoke(cut);
            if (ORDER_STATISTICS.contains(component.getName()) || !Double.isFinite(expected)) {
                assertEquals(expected, actual, component.getName());
            } else {
                assertEquals(expected, actual, 1e-12 * Math.abs(expected), component.getName());
            }
        }
    }

    /**
     * Parts whose pass results are edited before they are merged; every pass, reductions included, goes through
     * {@link ChainParts#run} and merges its results in the order the edit leaves them.
     */
    private static ChainParts edited(double[][] draws, int parts, UnaryOperator<List<Object>> edit) {
        ChainParts inner = ChainParts.inMemory(draws, parts);
        return new ChainParts() {
            @Override
            public DrawsShape shape() {
                return inner.shape();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <P> List<P> run(Pass<P> pass) {
                return (List<P>) edit.apply(new ArrayList<>(inner.run(pass)));
            }
        };
    }

    @Test
    void aPartLostOrCountedTwiceThrows() {
        double[][] draws = draws(120, 100, 0.5, 5);
        UnaryOperator<List<Object>> lose = results -> {
            results.remove(results.size() - 1);
            return results;
        };
        UnaryOperator<List<Object>> repeat = results -> {
            results.add(results.get(0));
            return results;
        };
        for (UnaryOperator<List<Object>> edit : List.of(lose, repeat)) {
            // Every pass: the slot counts no longer add up to the draws.
            assertThrows(IllegalStateException.class, () -> binned(edited(draws, 4, edit)));
            // The series pass alone, and the folded scores' pass alone.
            for (Class<?> result : List.of(SplitChainSeries.Part.class, SplitChainSeries.FoldedPart.class)) {
                ChainParts parts = edited(draws, 4, results -> result.isInstance(results.get(0))
                        ? edit.apply(results) : results);
                IllegalStateException failure = assertThrows(IllegalStateException.class, () -> binned(parts));
                assertTrue(failure.getMessage().contains("split chain"), failure.getMessage());
            }
        }
    }
}
