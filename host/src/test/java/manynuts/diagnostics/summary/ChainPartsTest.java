package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
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
                ParameterSummary cut = binned(ChainParts.inMemory(draws, parts));
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
        }
    }

    /** Parts whose pass results are edited before they are merged. */
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
    void aPartLostOrCountedTwiceChangesTheSummary() {
        double[][] draws = draws(120, 100, 0.5, 5);
        ParameterSummary whole = binned(ChainParts.inMemory(draws, 4));
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
            assertNotEquals(whole, summaryOrFailure(edited(draws, 4, edit)));
            // The series passes alone: the R-hats and ESSs move.
            ParameterSummary seriesEdited = binned(edited(draws, 4,
                    results -> results.get(0) instanceof SplitChainSeries.Part ? edit.apply(results) : results));
            assertNotEquals(whole.essBulk(), seriesEdited.essBulk());
        }
    }

    /** The summary, or the failure that lost or doubled draws led to. */
    private static Object summaryOrFailure(ChainParts parts) {
        try {
            return binned(parts);
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
