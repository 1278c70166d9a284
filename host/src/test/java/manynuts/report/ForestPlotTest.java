package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The forest plot finds the first vector and gives each element its median and nested HDIs. */
class ForestPlotTest {

    @Test
    void theFirstGroupWithTwoElementsIsTheVector() {
        assertEquals(List.of("theta[1]", "theta[2]"), ForestPlot.firstVector(List.of("mu", "a[1]", "theta[1]",
                "theta[2]", "tau")));
        assertEquals(List.of(), ForestPlot.firstVector(List.of("mu", "tau", "b[1]")));
        List<String> noncentered = List.of("mu", "nu[1]", "nu[2]", "theta[1]", "theta[2]");
        assertEquals(List.of("theta[1]", "theta[2]"), ForestPlot.vectorOf(noncentered, "theta[1]"));
        assertEquals(List.of("nu[1]", "nu[2]"), ForestPlot.vectorOf(noncentered, null));
        assertEquals(List.of("nu[1]", "nu[2]"), ForestPlot.vectorOf(noncentered, "mu"));
    }

    @Test
    void aRowHoldsTheMedianInsideNestedIntervals() {
        // 1..1000 in two chains: median 500.5, the 50 % HDI 500 draws wide, the 94 % one 940.
        double[][] draws = new double[2][500];
        for (int i = 0; i < 1000; i++) {
            draws[i % 2][i / 2] = i + 1;
        }
        ForestPlot.Row row = ForestPlot.Row.of("x", draws, 3.0);
        assertEquals(500.5, row.median());
        assertEquals(499.0, row.inner().upper() - row.inner().lower());
        assertEquals(939.0, row.outer().upper() - row.outer().lower());
        assertTrue(row.outer().lower() <= row.inner().lower() && row.inner().upper() <= row.outer().upper());
        assertEquals(3.0, row.exactMean());
    }
}
