package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-parameter warnings stay one readable line however many parameters a model has. */
class DiagnosticWarningsTest {

    /** Four chains of 200 independent normals per parameter, chain k shifted by k times the parameter's shift. */
    private static List<ParameterSummary> summaries(double[] shifts) {
        Random random = new Random(11);
        List<String> names = new ArrayList<>();
        List<double[][]> draws = new ArrayList<>();
        for (int p = 0; p < shifts.length; p++) {
            names.add("x[" + (p + 1) + "]");
            double[][] chains = new double[4][200];
            for (int c = 0; c < 4; c++) {
                for (int t = 0; t < 200; t++) {
                    chains[c][t] = random.nextGaussian() + c * shifts[p];
                }
            }
            draws.add(chains);
        }
        return Summaries.summarise(names, draws, SummaryOptions.defaults());
    }

    private static String rhatWarning(List<ParameterSummary> summaries) {
        return DiagnosticWarnings.forSummaries(summaries, 800).stream().filter(w -> w.startsWith("R-hat above"))
                .findFirst().orElseThrow();
    }

    @Test
    void aFewFlaggedParametersAreNamedInTableOrder() {
        String warning = rhatWarning(summaries(new double[] {0, 2, 0, 1}));
        assertEquals("R-hat above 1.01 for x[2], x[4]: the chains have not mixed; run longer or reparameterize",
                warning);
    }

    /**
     * 1,024 stationary AR(0.3) chains of 10 draws in superchains of 64, superchain 0 shifted by {@code shift}: R-hat
     * about 1.09 from the short chains alone, nested R-hat about 1.002 unless the shift shows.
     */
    private static ParameterSummary manyShortChains(double shift) {
        SplittableRandom random = new SplittableRandom(5);
        double[][] chains = new double[1024][10];
        for (int c = 0; c < chains.length; c++) {
            double state = random.nextGaussian();
            for (int t = 0; t < 10; t++) {
                state = 0.3 * state + Math.sqrt(1 - 0.09) * random.nextGaussian();
                chains[c][t] = state + (c < 64 ? shift : 0.0);
            }
        }
        return Summaries.summarise("x", chains, SummaryOptions.defaults().withSuperchainSize(64));
    }

    @Test
    void nestedRhatHasTheLastWordForManyShortChainsThatStartedTogether() {
        ParameterSummary converged = manyShortChains(0.0);
        assertTrue(converged.rhat() > 1.05 && converged.nestedRhat() < 1.005, converged.toString());
        assertEquals(List.of("R-hat above 1.01 for x, but nested R-hat is not: many short chains can keep R-hat above 1 "
                + "after they have mixed, and with superchains that started together nested R-hat is the better guide"),
                DiagnosticWarnings.forSummaries(List.of(converged), 10240, true));
        // Superchains whose chains are not known to have started together prove nothing.
        assertEquals(List.of(NOT_MIXED), DiagnosticWarnings.forSummaries(List.of(converged), 10240, false));

        ParameterSummary shifted = manyShortChains(1.0);
        assertTrue(shifted.nestedRhat() > 1.01, shifted.toString());
        assertEquals(List.of(NOT_MIXED, "nested R-hat above 1.01 for x: the superchains disagree"),
                DiagnosticWarnings.forSummaries(List.of(shifted), 10240, true));
    }

    private static final String NOT_MIXED = "R-hat above 1.01 for x: the chains have not mixed; run longer or "
            + "reparameterize";

    @Test
    void manyFlaggedParametersAreCountedWithTheWorstFirst() {
        double[] shifts = new double[40];
        for (int p = 0; p < shifts.length; p++) {
            shifts[p] = p < 30 ? 0.5 + p * 0.1 : 0;
        }
        String warning = rhatWarning(summaries(shifts));
        assertTrue(warning.startsWith("R-hat above 1.01 for 30 of 40 parameters, worst x[30], x[29], x[28], "),
                warning);
        assertTrue(warning.contains(" and 20 more: the chains have not mixed"), warning);
    }
}
