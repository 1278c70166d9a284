package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A selection keeps rare divergences whole, common ones in their share, and stays within its budget. */
class DrawSelectionTest {

    @Test
    void rareDivergencesAreAllKept() {
        boolean[][] divergent = new boolean[40][500];
        divergent[3][17] = true;
        divergent[39][499] = true;
        DrawSelection selection = DrawSelection.of(divergent, 1000);
        assertEquals(1000, selection.size());
        int kept = 0;
        for (int i = 0; i < selection.size(); i++) {
            kept += selection.divergent()[i] ? 1 : 0;
            assertEquals(divergent[selection.chain()[i]][selection.draw()[i]], selection.divergent()[i]);
        }
        assertEquals(2, kept);
        assertEquals("Shows 1000 of 20000 draws, 2 of the 2 divergent ones among them. ", selection.caption());
    }

    @Test
    void commonDivergencesKeepTheirShareAndEveryChainIsVisited() {
        boolean[][] divergent = new boolean[100][100];
        for (int chain = 0; chain < 100; chain++) {
            for (int draw = 0; draw < 100; draw += 2) {
                divergent[chain][draw] = true;
            }
        }
        DrawSelection selection = DrawSelection.of(divergent, 400);
        int kept = 0;
        java.util.Set<Integer> chains = new java.util.HashSet<>();
        for (int i = 0; i < selection.size(); i++) {
            kept += selection.divergent()[i] ? 1 : 0;
            chains.add(selection.chain()[i]);
        }
        assertEquals(400, selection.size());
        assertEquals(200, kept);
        assertTrue(chains.size() >= 95, "chains visited: " + chains.size());
    }

    @Test
    void aSmallRunIsShownWhole() {
        boolean[][] divergent = new boolean[2][30];
        divergent[1][4] = true;
        DrawSelection selection = DrawSelection.of(divergent, 1000);
        assertEquals(60, selection.size());
        assertEquals("", selection.caption());
        assertEquals(7.0, selection.values(new double[][] {new double[30], filled(30, 7.0)})[40]);
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
