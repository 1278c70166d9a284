package manynuts.diagnostics.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.DiagnosticsInputException;

/** The HDI of draws from known distributions lands where the exact interval is. */
class HighestDensityIntervalTest {

    private static double[][] draws(int chains, int length, java.util.function.DoubleSupplier next) {
        double[][] values = new double[chains][length];
        for (double[] chain : values) {
            for (int t = 0; t < length; t++) {
                chain[t] = next.getAsDouble();
            }
        }
        return values;
    }

    @Test
    void normalDrawsGiveTheCentralInterval() {
        SplittableRandom random = new SplittableRandom(7);
        NormalDistribution normal = new NormalDistribution();
        double[][] values = draws(4, 50_000, () -> normal.inverseCumulativeProbability(random.nextDouble()));
        HighestDensityInterval hdi = HighestDensityInterval.of(values, 0.95);
        double exact = normal.inverseCumulativeProbability(0.975);
        assertEquals(-exact, hdi.lower(), 0.03);
        assertEquals(exact, hdi.upper(), 0.03);
    }

    @Test
    void skewedDrawsGiveTheShortestInterval() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] values = draws(2, 100_000, () -> -Math.log(1.0 - random.nextDouble()));
        HighestDensityInterval hdi = HighestDensityInterval.of(values, 0.9);
        // For the unit exponential the shortest 90 % interval starts at 0 and ends at -log(0.1).
        assertEquals(0.0, hdi.lower(), 0.01);
        assertEquals(-Math.log(0.1), hdi.upper(), 0.05);
    }

    @Test
    void intervalHoldsTheRequestedShare() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] values = draws(3, 1000, random::nextDouble);
        HighestDensityInterval hdi = HighestDensityInterval.of(values, 0.5);
        long inside = java.util.Arrays.stream(values).flatMapToDouble(java.util.Arrays::stream)
                .filter(x -> x >= hdi.lower() && x <= hdi.upper()).count();
        assertTrue(inside >= 1500 && inside <= 1502, "inside " + inside);
    }

    @Test
    void rejectsProbabilityOutsideUnitInterval() {
        assertThrows(DiagnosticsInputException.class, () -> HighestDensityInterval.of(new double[][] {{1, 2}}, 1.5));
    }
}
