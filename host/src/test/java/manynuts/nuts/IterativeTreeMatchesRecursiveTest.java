package manynuts.nuts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.ChainBlock;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batched, desynchronised, iterative tree builder against Stan's recursive build_tree: same model, step
 * size, metric, start point and random choices must give the same draws, depths, leapfrog counts, divergence
 * flags, acceptance statistics and energies, over many random cases.
 */
class IterativeTreeMatchesRecursiveTest {
    private static final int CHAINS = 24;
    private static final int DRAWS = 40;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void sameTransitionsAsRecursiveBuildTree(int caseNumber) {
        SplittableRandom cases = new SplittableRandom(1000 + caseNumber);
        int dimension = 1 + cases.nextInt(6);
        Model model;
        if (caseNumber % 3 == 0) {
            model = TestModels.funnel(Math.max(2, dimension));
        } else {
            double[] scales = new double[dimension];
            for (int d = 0; d < dimension; d++) {
                scales[d] = Math.exp(cases.nextDouble(-2.0, 2.0));
            }
            model = TestModels.gaussian(scales);
        }
        double stepSize = Math.exp(cases.nextDouble(Math.log(0.05), Math.log(2.5)));
        int maxDepth = 1 + cases.nextInt(8);
        long seed = cases.nextLong();
        double[] inverseMetric = new double[model.dimension()];
        for (int d = 0; d < inverseMetric.length; d++) {
            inverseMetric[d] = Math.exp(cases.nextDouble(-1.0, 1.0));
        }
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, seed).withWarmup(0).withDraws(DRAWS)
                .withMaxDepth(maxDepth).withStepSize(stepSize).withThreads(1);

        RecordingSink sink = new RecordingSink(CHAINS, DRAWS, model.dimension());
        try (ChainBlock block = new CpuBackend().allocate(model, 0, CHAINS, maxDepth, seed)) {
            int[] all = new int[CHAINS];
            double[] metrics = new double[CHAINS * model.dimension()];
            for (int c = 0; c < CHAINS; c++) {
                all[c] = c;
                System.arraycopy(inverseMetric, 0, metrics, c * model.dimension(), model.dimension());
            }
            block.setInverseMetric(all, CHAINS, metrics);
            BlockSampler sampler = new BlockSampler(block, 0, settings, WindowSchedule.stan(0), sink, new AtomicLong());
            sampler.initialize();
            sampler.run();
        }

        int divergences = 0;
        for (int chain = 0; chain < CHAINS; chain++) {
            RecursiveNuts oracle = new RecursiveNuts(model, inverseMetric, chain, maxDepth, seed);
            RecursiveNuts.Point point = oracle.initialPoint(settings.initRadius());
            for (int draw = 0; draw < DRAWS; draw++) {
                RecursiveNuts.Transition expected = oracle.transition(point, stepSize, draw);
                SamplerStats stats = sink.stats[chain][draw];
                String where = "case " + caseNumber + " chain " + chain + " draw " + draw;
                assertEquals(expected.depth(), stats.treeDepth(), where + ": tree depth");
                assertEquals(expected.leapfrogSteps(), stats.leapfrogSteps(), where + ": leapfrog steps");
                assertEquals(expected.divergent(), stats.divergent(), where + ": divergent");
                assertEquals(expected.acceptStat(), stats.acceptStat(), 1e-12, where + ": accept_stat");
                assertEquals(expected.energy(), stats.energy(), 1e-10 * Math.max(1, Math.abs(expected.energy())),
                        where + ": energy");
                assertEquals(expected.draw().logDensity, stats.logDensity(), 1e-10, where + ": lp");
                for (int d = 0; d < model.dimension(); d++) {
                    assertEquals(expected.draw().q[d], sink.positions[chain][draw][d],
                            1e-12 * Math.max(1, Math.abs(expected.draw().q[d])), where + ": position " + d);
                }
                divergences += stats.divergent() ? 1 : 0;
                point = expected.draw();
            }
        }
        if (caseNumber % 3 == 0 && stepSize > 1.0) {
            // Large steps in the funnel's neck must diverge somewhere, or the case proves nothing about them.
            org.junit.jupiter.api.Assertions.assertTrue(divergences > 0, "expected divergences in case " + caseNumber);
        }
    }

    /** Keeps every draw in memory. */
    static final class RecordingSink implements DrawSink {
        final SamplerStats[][] stats;
        final double[][][] positions;

        RecordingSink(int chains, int draws, int dimension) {
            stats = new SamplerStats[chains][draws];
            positions = new double[chains][draws][];
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stat) {
            stats[chain][draw] = stat;
            positions[chain][draw] = position.clone();
        }
    }
}
