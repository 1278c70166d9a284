package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.SamplerColumns;
import manynuts.diagnostics.summary.DiagnosticWarnings;

/** Sampler diagnostics and their warnings on constructed sampler statistics. */
class SamplerDiagnosticsTest {

    private static double[][] filled(int chains, int length, double value) {
        double[][] values = new double[chains][length];
        for (double[] chain : values) {
            java.util.Arrays.fill(chain, value);
        }
        return values;
    }

    @Test
    void rareDivergencesSpreadOverManyChainsAreNotConcentrated() {
        double[][] divergent = new double[1000][100];
        for (int chain = 0; chain < 150; chain++) {
            divergent[chain * 6][chain % 100] = 1;
        }
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(divergent, null, null, null), 10);
        assertFalse(result.divergencesConcentrated(), "150 single divergences in 150 of 1000 chains are chance");
    }

    @Test
    void longChainListsNameTheWorstChainsFirstThenCountTheRest() {
        double[][] divergent = new double[200][50];
        for (int chain = 0; chain < 25; chain++) {
            for (int draw = 0; draw <= chain; draw++) {
                divergent[chain][draw] = 1;
            }
        }
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(divergent, null, null, null), 10);
        String warning = DiagnosticWarnings.forSampler(result).get(0);
        assertTrue(warning.contains("most divergences come from chains 25, 24, 23, 22, 21, 20, 19, 18, 17, 16 and 15 more"),
                warning);
    }

    @Test
    void countsDivergencesPerChainAndSeesConcentration() {
        double[][] divergent = filled(10, 1000, 0);
        for (int t = 0; t < 200; t++) {
            divergent[2][t] = 1;
        }
        for (int t = 0; t < 19; t++) {
            divergent[6][t * 7] = 1;
        }
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(divergent, null, null, null), 10);
        assertEquals(219, result.divergences());
        assertEquals(10_000, result.draws());
        assertEquals(200, result.divergencesPerChain()[2]);
        assertEquals(19, result.divergencesPerChain()[6]);
        assertTrue(result.divergencesConcentrated());
        String warning = DiagnosticWarnings.forSampler(result).get(0);
        assertTrue(warning.startsWith("219 of 10000 draws after warm-up diverged (2.2 %): increase target_accept"),
                warning);
    }

    @Test
    void spreadDivergencesAreNotConcentrated() {
        double[][] divergent = filled(4, 100, 0);
        for (int chain = 0; chain < 4; chain++) {
            divergent[chain][chain] = 1;
        }
        assertFalse(SamplerDiagnostics.of(new SamplerColumns(divergent, null, null, null), 10)
                .divergencesConcentrated());
    }

    @Test
    void countsTreeDepthSaturation() {
        double[][] depth = filled(2, 50, 5);
        depth[0][3] = 10;
        depth[1][4] = 10;
        depth[1][5] = 9;
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(null, depth, null, null), 10);
        assertEquals(2, result.saturatedTreeDepth());
        assertEquals(List.of("2 of 100 draws (2.0 %) hit the maximum tree depth of 10 (2^10 leapfrog steps), "
                + "which cuts trajectories short and slows exploration: increase --max-depth or reparameterize"),
                DiagnosticWarnings.forSampler(result));
    }

    @Test
    void aRareDivergenceIsNeverZeroPercent() {
        double[][] divergent = filled(4, 100_000, 0);
        divergent[1][7] = 1;
        divergent[2][9] = 1;
        divergent[3][11] = 1;
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(divergent, null, null, null), 10);
        String warning = DiagnosticWarnings.forSampler(result).get(0);
        assertTrue(warning.startsWith("3 of 400000 draws after warm-up diverged (<0.01 %)"), warning);
        assertEquals("0.04 %", SamplerDiagnostics.share(4, 10_000));
        assertEquals("0.15 %", SamplerDiagnostics.share(15, 10_000));
        assertEquals("12.5 %", SamplerDiagnostics.share(1, 8));
        assertEquals("0 %", SamplerDiagnostics.share(0, 8));
    }

    @Test
    void energyBfmiOfAlternatingAndRandomWalkEnergies() {
        int length = 1000;
        double[] alternating = new double[length];
        double[] walk = new double[length];
        for (int t = 0; t < length; t++) {
            alternating[t] = t % 2 == 0 ? 1.0 : -1.0;
            walk[t] = t; // a steady drift: tiny steps against a wide spread
        }
        // Alternating +-1: every step has square 4, every deviation square 1.
        assertEquals(4.0 * (length - 1) / length, SamplerDiagnostics.energyBfmi(alternating), 1e-12);
        double drift = SamplerDiagnostics.energyBfmi(walk);
        assertTrue(drift < 0.3, "drift E-BFMI " + drift);
        SamplerDiagnostics result = SamplerDiagnostics.of(
                new SamplerColumns(null, null, new double[][] {alternating, walk, alternating, walk}, null), 10);
        assertArrayEquals(new int[] {2, 4}, result.lowEnergyBfmiChains());
        assertEquals(List.of("E-BFMI below 0.3 in chains 2, 4: the posterior may have heavy tails; consider "
                + "reparameterizing"), DiagnosticWarnings.forSampler(result));
    }

    @Test
    void reportsStepSizePerChain() {
        double[][] steps = {{0.5, 0.5, 0.5}, {0.25, 0.25, 0.25}};
        SamplerDiagnostics result = SamplerDiagnostics.of(new SamplerColumns(null, null, null, steps), 10);
        assertArrayEquals(new double[] {0.5, 0.25}, result.stepSizePerChain(), 1e-15);
    }

    @Test
    void consecutiveRunsOfChainsConcatenateToAllOfThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double[][][] columns = new double[4][12][50];
        for (int chain = 0; chain < 12; chain++) {
            for (int t = 0; t < 50; t++) {
                columns[0][chain][t] = chain < 2 && random.nextDouble() < 0.2 ? 1.0 : 0.0;
                columns[1][chain][t] = 1 + random.nextInt(10);
                columns[2][chain][t] = random.nextGaussian() + (t > 0 ? 0.5 * columns[2][chain][t - 1] : 0.0);
                columns[3][chain][t] = 0.1 * (chain + 1);
            }
        }
        SamplerDiagnostics all = SamplerDiagnostics.of(new SamplerColumns(columns[0], columns[1], columns[2],
                columns[3]), 10);
        java.util.List<SamplerDiagnostics> parts = new java.util.ArrayList<>();
        for (int[] range : new int[][] {{0, 5}, {5, 12}}) {
            double[][][] part = new double[4][][];
            for (int c = 0; c < 4; c++) {
                part[c] = java.util.Arrays.copyOfRange(columns[c], range[0], range[1]);
            }
            parts.add(SamplerDiagnostics.of(new SamplerColumns(part[0], part[1], part[2], part[3]), 10));
        }
        SamplerDiagnostics joined = SamplerDiagnostics.concatenate(parts);
        assertEquals(all.divergences(), joined.divergences());
        assertEquals(all.draws(), joined.draws());
        assertEquals(all.saturatedTreeDepth(), joined.saturatedTreeDepth());
        assertTrue(all.divergencesConcentrated());
        assertEquals(all.divergencesConcentrated(), joined.divergencesConcentrated());
        assertTrue(java.util.Arrays.equals(all.divergencesPerChain(), joined.divergencesPerChain()));
        assertTrue(java.util.Arrays.equals(all.energyBfmi(), joined.energyBfmi()));
        assertTrue(java.util.Arrays.equals(all.stepSizePerChain(), joined.stepSizePerChain()));
    }
}
