package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.output.DrawTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trajectories whose outcome is known from the step size, on a 1-D normal of scale s: a step far above the
 * stability limit 2s diverges at the first leaf, always; a tiny step mostly saturates the maximum depth; a
 * moderate step turns back after a quarter to a half period (pi s / 2 to pi s leapfrog steps), so the median
 * tree depth is known. (Single draws can turn early: a fresh momentum near zero is a turning point.)
 */
class TreeOutcomeTruthTableTest {

    @ParameterizedTest(name = "scale {0}, step {1}, max depth {2}: divergent={3}, depth {4}..{5}")
    @CsvSource({
        // scale, step, maxDepth, divergent, median depth from, to
        "0.001, 1.0,   10, true,  0, 0",
        "1.0,   100.0, 10, true,  0, 0",
        "1.0,   0.001, 3,  false, 3, 3",
        "1.0,   0.001, 6,  false, 6, 6",
        "1.0,   0.1,   10, false, 3, 5",
        "1.0,   0.5,   10, false, 1, 3",
        "10.0,  1.0,   10, false, 3, 5",
    })
    void outcomeFollowsFromTheStepSize(double scale, double stepSize, int maxDepth, boolean divergent,
            int medianDepthFrom, int medianDepthTo) {
        Model model = TestModels.gaussian(scale);
        int draws = 50;
        SamplerSettings settings = SamplerSettings.defaults(3, 99).withWarmup(0).withDraws(draws)
                .withStepSize(stepSize).withMaxDepth(maxDepth).withThreads(1);
        DrawTable table = new DrawTable(model, settings.chains(), draws);
        new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
        int[] depths = new int[settings.chains() * draws];
        for (int c = 0; c < settings.chains(); c++) {
            for (int d = 0; d < draws; d++) {
                int depth = (int) table.column("treedepth__")[c][d];
                int leapfrogs = (int) table.column("n_leapfrog__")[c][d];
                boolean diverged = table.column("divergent__")[c][d] != 0;
                String where = "chain " + c + " draw " + d;
                assertEquals(divergent, diverged, where + ": divergent");
                assertTrue(depth <= maxDepth, where + ": depth " + depth);
                depths[c * draws + d] = depth;
                if (divergent) {
                    assertEquals(0, depth, where + ": a divergent first leaf ends the tree");
                    assertEquals(1, leapfrogs, where + ": a divergent first leaf ends the tree");
                } else {
                    // A tree of depth k that stopped at doubling k (turned, or the next doubling was rejected)
                    // took between 2^k - 1 and 2^(k+1) - 1 steps.
                    assertTrue(leapfrogs >= (1 << depth) - 1 && leapfrogs <= (1 << (depth + 1)) - 1,
                            where + ": " + leapfrogs + " leapfrog steps at depth " + depth);
                }
            }
        }
        java.util.Arrays.sort(depths);
        int median = depths[depths.length / 2];
        assertTrue(median >= medianDepthFrom && median <= medianDepthTo, "median depth " + median);
        if (divergent) {
            assertEquals(settings.chains() * draws, table.divergences().size(), "every divergence is recorded");
            assertTrue(table.divergences().stream().allMatch(x -> x.energyError() > 1000), "energy errors past 1000");
        } else {
            assertEquals(0, table.divergences().size(), "no divergence where none is expected");
        }
    }
}
