package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.DiagnosticsInputException;

/** posterior's NA rules and the workspace's reuse of buffers between parameters of different shapes. */
class EdgeCasesTest {

    private static double[][] noise(int chains, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                chain[t] = random.nextDouble();
            }
        }
        return draws;
    }

    @Test
    void constantDrawsHaveNoRhatOrEss() {
        double[][] draws = {{2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2}};
        ParameterSummary s = new DiagnosticsWorkspace().summarise("c", draws, 0.95);
        assertEquals(2.0, s.mean());
        assertTrue(Double.isNaN(s.rhat()) && Double.isNaN(s.rhatBasic()));
        assertTrue(Double.isNaN(s.essBulk()) && Double.isNaN(s.essTail()) && Double.isNaN(s.essMean()));
    }

    @Test
    void tooFewDrawsGiveNaEss() {
        ParameterSummary s = new DiagnosticsWorkspace().summarise("short", noise(4, 5, 1), 0.95);
        assertTrue(Double.isNaN(s.essBulk()), "two draws per split chain is below posterior's minimum of three");
        assertFalse(Double.isNaN(s.rhat()));
        ParameterSummary single = new DiagnosticsWorkspace().summarise("one", noise(4, 1, 2), 0.95);
        assertTrue(Double.isNaN(single.rhat()) && Double.isNaN(single.essBulk()));
        assertFalse(Double.isNaN(single.mean()));
    }

    @Test
    void anyNaNMakesEverythingNa() {
        double[][] draws = noise(2, 50, 3);
        draws[1][7] = Double.NaN;
        ParameterSummary s = new DiagnosticsWorkspace().summarise("nan", draws, 0.95);
        assertTrue(Double.isNaN(s.mean()) && Double.isNaN(s.median()) && Double.isNaN(s.rhat()));
    }

    @Test
    void infiniteDrawsGiveNaWhereThePosteriorChecksThem() {
        double[][] draws = noise(2, 50, 4);
        draws[0][3] = Double.POSITIVE_INFINITY;
        ParameterSummary s = new DiagnosticsWorkspace().summarise("inf", draws, 0.95);
        assertTrue(Double.isNaN(s.essTail()) && Double.isNaN(s.rhatBasic()) && Double.isNaN(s.essMean()));
        // Ranks treat infinity as the largest draw, so posterior 1.4.0 still reports bulk R-hat and ESS.
        assertFalse(Double.isNaN(s.essBulk()));
    }

    @Test
    void emptyDrawsAreNa() {
        assertTrue(Double.isNaN(ConvergenceDiagnostics.mean(new double[0][])));
        assertTrue(Double.isNaN(ConvergenceDiagnostics.rhat(new double[3][0])));
    }

    @Test
    void raggedChainsAreRejectedInOneLine() {
        DiagnosticsInputException error = assertThrows(DiagnosticsInputException.class,
                () -> ConvergenceDiagnostics.rhat(new double[][] {{1, 2, 3}, {1, 2}}));
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void reusedWorkspaceMatchesFreshOne() {
        DiagnosticsWorkspace reused = new DiagnosticsWorkspace();
        reused.summarise("big", noise(8, 401, 5), 0.9);
        double[][] small = noise(3, 37, 6);
        assertEquals(new DiagnosticsWorkspace().summarise("s", small, 0.9), reused.summarise("s", small, 0.9));
    }

    @Test
    void parallelSummariesMatchSequentialOnes() {
        java.util.List<String> names = java.util.List.of("a", "b", "c");
        java.util.List<double[][]> draws = java.util.List.of(noise(4, 100, 7), noise(4, 100, 8), noise(4, 100, 9));
        assertEquals(Summaries.summarise(names, draws, SummaryOptions.defaults().withThreads(1)),
                Summaries.summarise(names, draws, SummaryOptions.defaults().withThreads(3)));
    }
}
