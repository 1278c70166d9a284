package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.nuts.ChainProgress.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tree state machine driven on its own, one global step at a time, as a device state machine would be held
 * against it: every tree takes one leaf per step, its {@link TreeOutcome} agrees with its shape (depth, leapfrog
 * steps, energy error), and on a 1-D normal of scale s the outcome follows from the step size: far above the
 * stability limit 2s every tree diverges, a tiny step mostly reaches the maximum depth, a moderate one mostly
 * turns back.
 */
class TreeStateMachineTest {
    private static final int CHAINS = 16;
    private static final int TREES = 30;

    /** One ended tree: how it ended, its depth and leapfrog steps, and the global steps it took. */
    private record EndedTree(TreeOutcome outcome, int depth, int leapfrogSteps, int globalSteps) {
    }

    @ParameterizedTest(name = "scale {0}, step {1}, max depth {2}: mostly {3}")
    @CsvSource({
        "0.001, 1.0,   10, Divergent",
        "1.0,   100.0, 10, Divergent",
        "1.0,   0.001, 3,  MaxDepth",
        "1.0,   0.001, 6,  MaxDepth",
        "1.0,   0.5,   10, UTurn",
        "10.0,  1.0,   10, UTurn",
    })
    void outcomesAgreeWithTheTreesAndFollowFromTheStepSize(double scale, double stepSize, int maxDepth,
            String expected) {
        List<EndedTree> trees = run(scale, stepSize, maxDepth, 4242);
        assertEquals(CHAINS * TREES, trees.size());
        int matching = 0;
        for (EndedTree ended : trees) {
            String where = ended.toString();
            assertEquals(ended.globalSteps(), ended.leapfrogSteps(), where + ": one leaf per global step");
            // Leaves of the doubling under way when the tree ended; 0 when it ended merging a doubling into the tree.
            int leavesInDoubling = ended.leapfrogSteps() - ((1 << ended.depth()) - 1);
            TreeOutcome outcome = ended.outcome();
            if (outcome instanceof TreeOutcome.Divergent divergent) {
                assertTrue(divergent.energyError() > 1000, where + ": energy error");
                assertTrue(leavesInDoubling >= 1, where + ": a divergent leaf ends the doubling it is in");
            } else if (outcome instanceof TreeOutcome.MaxDepth) {
                assertEquals(maxDepth, ended.depth(), where);
                assertEquals(0, leavesInDoubling, where + ": every doubling merged");
            } else if (outcome instanceof TreeOutcome.UTurn turn) {
                assertTrue(turn.level() >= 1 && turn.level() <= ended.depth(), where + ": level");
                if (leavesInDoubling == 0) {
                    assertEquals(ended.depth(), turn.level(), where + ": a turn across the whole tree");
                } else {
                    // A leaf closes the levels k where its 1-based index in the doubling is a multiple of 2^k.
                    assertEquals(0, leavesInDoubling % (1 << turn.level()), where + ": the leaf closes that level");
                    assertTrue(leavesInDoubling <= 1 << ended.depth(), where + ": inside one doubling");
                }
            } else {
                throw new AssertionError(where + ": an ended tree's outcome is " + outcome);
            }
            if (outcome.getClass().getSimpleName().equals(expected)) {
                matching++;
            }
        }
        if (expected.equals("Divergent")) {
            assertEquals(trees.size(), matching, "every tree diverges");
        } else {
            assertTrue(2 * matching > trees.size(), matching + " of " + trees.size() + " trees end " + expected);
        }
    }

    /** Runs {@link #TREES} trees per chain without warm-up, from points spread over one scale around the mode. */
    private static List<EndedTree> run(double scale, double stepSize, int maxDepth, long seed) {
        Model model = TestModels.gaussian(scale);
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, seed).withWarmup(0).withDraws(TREES)
                .withStepSize(stepSize).withMaxDepth(maxDepth).withThreads(1);
        List<EndedTree> ended = new ArrayList<>();
        try (ChainBlock block = new CpuBackend().allocate(model, 0, CHAINS, maxDepth, seed)) {
            ChainProgress progress = new ChainProgress(CHAINS);
            TreeState tree = new TreeState(CHAINS);
            StepBuffers buffers = new StepBuffers(CHAINS);
            WarmupAdaptation warmup = new WarmupAdaptation(block, 0, settings, WindowSchedule.stan(0));
            TreeStateMachine machine = new TreeStateMachine(block, 0, settings, progress, warmup, tree, buffers);
            int[] all = new int[CHAINS];
            double[] start = new double[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                all[c] = c;
                start[c] = scale * (c - CHAINS / 2.0) / CHAINS;
            }
            boolean[] finite = new boolean[CHAINS];
            block.initialize(all, CHAINS, start, tree.drawLogDensity, finite);
            for (int c = 0; c < CHAINS; c++) {
                machine.startTree(c);
            }
            machine.startTrajectories();
            int[] globalSteps = new int[CHAINS];
            while (progress.anyMoving()) {
                for (int c = 0; c < CHAINS; c++) {
                    if (progress.mode[c] == Mode.TREE) {
                        globalSteps[c]++;
                    }
                }
                machine.advance();
                boolean[] endedNow = new boolean[CHAINS];
                for (int i = 0; i < buffers.ended.count; i++) {
                    int c = buffers.ended.get(i);
                    endedNow[c] = true;
                    assertTrue(tree.ending[c].ended(), "chain " + c + " is listed as ended");
                    if (tree.ending[c] instanceof TreeOutcome.Divergent) {
                        assertNotNull(tree.divergentPosition[c], "chain " + c + ": where it diverged");
                    }
                    ended.add(new EndedTree(tree.ending[c], tree.depth[c], tree.leapfrogSteps[c], globalSteps[c]));
                    globalSteps[c] = 0;
                    progress.iteration[c]++;
                    if (progress.iteration[c] == TREES) {
                        progress.mode[c] = Mode.DONE;
                    } else {
                        machine.startTree(c);
                    }
                }
                for (int c = 0; c < CHAINS; c++) {
                    if (!endedNow[c] && progress.mode[c] == Mode.TREE) {
                        assertSame(TreeOutcome.CONTINUED, tree.ending[c], "chain " + c + " goes on");
                    }
                }
                machine.startTrajectories();
                machine.beginDoublings();
            }
        }
        return ended;
    }
}
