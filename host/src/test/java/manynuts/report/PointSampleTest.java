package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thinning a scatter plot keeps every divergent draw, stays within its budget and is deterministic. */
class PointSampleTest {

    @Test
    void keepsEveryDivergenceAndAtMostTheLimit() {
        int chains = 16;
        int draws = 5000;
        double[][] x = new double[chains][draws];
        double[][] y = new double[chains][draws];
        boolean[][] divergent = new boolean[chains][draws];
        int divergences = 0;
        for (int c = 0; c < chains; c++) {
            for (int d = 0; d < draws; d++) {
                x[c][d] = c * draws + d;
                y[c][d] = -x[c][d];
                divergent[c][d] = (c * 31 + d * 17) % 97 == 0;
                divergences += divergent[c][d] ? 1 : 0;
            }
        }
        PointSample sample = PointSample.of(x, y, divergent, 2000);
        assertTrue(sample.size() <= 2001, "size " + sample.size());
        assertTrue(sample.size() >= 1990, "the budget is used: " + sample.size());
        int kept = 0;
        for (boolean flag : sample.divergent()) {
            kept += flag ? 1 : 0;
        }
        assertEquals(divergences, kept);
        for (int i = 0; i < sample.size(); i++) {
            int c = (int) sample.x()[i] / draws;
            int d = (int) sample.x()[i] % draws;
            assertEquals(divergent[c][d], sample.divergent()[i]);
            assertEquals(-sample.x()[i], sample.y()[i]);
        }
        assertArrayEquals(sample.x(), PointSample.of(x, y, divergent, 2000).x());
    }

    @Test
    void smallRunsAreShownWhole() {
        double[][] x = {{1, 2, 3}, {4, 5, 6}};
        boolean[][] divergent = {{false, true, false}, {false, false, false}};
        PointSample sample = PointSample.of(x, x, divergent, 20_000);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, sample.x());
    }
}
