package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.DiagnosticsInputException;

/** Nested R-hat on many short chains: near 1 when superchains agree, clearly above when one is shifted. */
class NestedRhatTest {

    private static double[][] normalChains(int chains, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                chain[t] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            }
        }
        return draws;
    }

    @Test
    void superchainsFromOneDistributionGiveNearOne() {
        double value = NestedRhat.of(normalChains(256, 10, 1), 16);
        assertTrue(Math.abs(value - 1.0) < 0.01, "nested R-hat " + value);
    }

    @Test
    void oneShiftedSuperchainRaisesIt() {
        double[][] draws = normalChains(256, 10, 2);
        for (int chain = 0; chain < 16; chain++) {
            for (int t = 0; t < 10; t++) {
                draws[chain][t] += 2.0;
            }
        }
        double value = NestedRhat.of(draws, 16);
        assertTrue(value > 1.05, "nested R-hat " + value);
    }

    @Test
    void singleDrawChainsStillWork() {
        double value = NestedRhat.of(normalChains(512, 1, 3), 32);
        assertTrue(Math.abs(value - 1.0) < 0.05, "nested R-hat " + value);
    }

    @Test
    void superchainSizeMustDivideChains() {
        assertThrows(DiagnosticsInputException.class, () -> NestedRhat.of(normalChains(10, 5, 4), 3));
    }

    @Test
    void partsOfWholeSuperchainsGiveTheSameValueAndACutSuperchainIsRefused() {
        double[][] draws = normalChains(64, 10, 3);
        double whole = NestedRhat.of(draws, 8);
        // 4 parts of 16 chains: two superchains each, and the same sums in the same order.
        assertEquals(whole, NestedRhat.of(ChainParts.inMemory(draws, 4), 8));
        // 3 parts cut chains 21 and 42 from their superchains.
        assertThrows(IllegalArgumentException.class, () -> NestedRhat.of(ChainParts.inMemory(draws, 3), 8));
    }
}
