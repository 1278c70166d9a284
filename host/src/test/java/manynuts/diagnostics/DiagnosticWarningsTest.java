package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
