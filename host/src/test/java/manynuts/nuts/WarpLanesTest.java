package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.output.DrawTable;
import org.junit.jupiter.api.Test;

/**
 * Lane utilisation in warps of 32: a constructed schedule gives its known fraction, and whole runs give 1 exactly
 * when every chain takes the same number of steps and less when trees differ.
 */
class WarpLanesTest {

    @Test
    void aConstructedScheduleGivesItsFraction() {
        // Two full warps and a partial one of 6 chains.
        int chains = 70;
        WarpLanes lanes = new WarpLanes();
        double[] step = new double[chains];

        // Chain 0 alone moves: its warp's 32 lanes are paid for one useful step.
        step[0] = 0.1;
        lanes.count(step, chains);
        assertEquals(1, lanes.usefulSteps());
        assertEquals(32, lanes.paidSteps());

        // The second warp moves whole (backwards counts as moving), and one chain of the partial warp.
        java.util.Arrays.fill(step, 0.0);
        java.util.Arrays.fill(step, 32, 64, -0.1);
        step[69] = 0.1;
        lanes.count(step, chains);
        assertEquals(1 + 33, lanes.usefulSteps());
        assertEquals(32 + 32 + 6, lanes.paidSteps());

        // No chain moves: nothing is launched that costs a lane.
        java.util.Arrays.fill(step, 0.0);
        lanes.count(step, chains);
        assertEquals(34, lanes.usefulSteps());
        assertEquals(70, lanes.paidSteps());
        assertEquals(34.0 / 70.0, new SamplingResult("test", 1.0, 0, lanes.usefulSteps(), lanes.paidSteps(),
                new double[0]).laneUtilisation(), 0.0);
    }

    @Test
    void equalTreesUseEveryLaneAndUnequalTreesDoNot() {
        // Maximum depth 1 without warm-up: every tree is one leapfrog step, so all chains move at every step.
        SamplingResult equal = run(SamplerSettings.defaults(96, 7).withWarmup(0).withDraws(50).withMaxDepth(1));
        assertEquals(96L * 50, equal.usefulSteps());
        assertEquals(1.0, equal.laneUtilisation(), 0.0);

        // Trees of their own lengths: warps wait for their longest tree, so lanes idle.
        SamplingResult unequal = run(SamplerSettings.defaults(96, 7).withWarmup(50).withDraws(50));
        assertTrue(unequal.laneUtilisation() > 0.2 && unequal.laneUtilisation() < 0.99,
                "utilisation " + unequal.laneUtilisation());
        assertTrue(unequal.paidSteps() > unequal.usefulSteps());
    }

    private static SamplingResult run(SamplerSettings settings) {
        Model model = TestModels.gaussian(1.0, 10.0, 0.1);
        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        return new Sampler(model, new CpuBackend(), settings.withThreads(1)).run(table, new AtomicLong());
    }
}
