package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.Precision;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.Model;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole NUTS runs of the logistic regression with its products through cuBLAS (the stand-in, which sums in another
 * order than the CPU): the same seeds make the same trees and nearly the same draws as on the CPU, transition by
 * transition, though not to the last bit.
 */
@Tag("cublas")
class CublasRunsTest {
    private static final int CHAINS = 12;
    private static final int DRAWS = 300;

    @BeforeEach
    void standIns() {
        StandIn.assumeBuilt();
        StandIn.assumeCublasBuilt();
    }

    /**
     * 300 transitions of 12 chains without warm-up at a fixed step size. The chains share their random numbers with
     * the CPU's, and on this log-concave posterior a difference in the last bits does not grow along a trajectory,
     * so a transition differs only where a tree decision (a U-turn, a divergence, a multinomial choice) sits within
     * rounding of its threshold. Each transition must have the CPU's tree depth, leapfrog steps and divergence and
     * its draw within {@code drawTolerance} (relative, unit scale) for at least 97% of transitions; float32 at 1e-3,
     * float64 at 1e-9 (the per-evaluation tolerance, 1e-10, over a trajectory of up to 255 steps).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void runsThroughCublasFollowTheCpuTransitionByTransition(Precision precision) {
        Model model = HierarchicalLogisticRegression.simulated(60, 3, 5, 7);
        SamplerSettings settings = SamplerSettings.defaults(CHAINS, 20240611L).withWarmup(0).withDraws(DRAWS)
                .withThreads(2).withMaxDepth(8).withStepSize(0.3);
        Transitions cpu = new Transitions();
        try (CpuBackend backend = new CpuBackend()) {
            new Sampler(model, backend, settings).run(cpu, new AtomicLong());
        }
        Transitions cublas = new Transitions();
        try (CudaBackend backend = CudaBackend.open(0, precision)) {
            assertTrue(backend.matrixProducts().description().startsWith("cuBLAS"), "the run goes through cuBLAS");
            new Sampler(model, backend, settings).run(cublas, new AtomicLong());
        }
        double drawTolerance = precision == Precision.FLOAT32 ? 1e-3 : 1e-9;
        int agreeing = 0;
        int bitwise = 0;
        double largest = 0;
        for (int c = 0; c < CHAINS; c++) {
            for (int n = 0; n < DRAWS; n++) {
                double difference = cpu.largestDifference(cublas, c, n);
                largest = Math.max(largest, difference);
                agreeing += cpu.sameTree(cublas, c, n) && difference <= drawTolerance ? 1 : 0;
                bitwise += difference == 0 ? 1 : 0;
            }
        }
        int transitions = CHAINS * DRAWS;
        System.out.printf("cuBLAS %s run: %d of %d transitions as on the CPU (%d bitwise), largest draw "
                + "difference %.3g%n", precision.label(), agreeing, transitions, bitwise, largest);
        assertTrue(agreeing >= 0.97 * transitions, agreeing + " of " + transitions + " transitions agree");
        assertTrue(bitwise < transitions, "the cuBLAS path must not reproduce the CPU to the last bit");
    }

    /** Every chain's draws and tree statistics. */
    private static final class Transitions implements DrawSink {
        private final double[][][] positions = new double[CHAINS][DRAWS][];
        private final SamplerStats[][] stats = new SamplerStats[CHAINS][DRAWS];

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats statistics) {
            positions[chain][draw] = position.clone();
            stats[chain][draw] = statistics;
        }

        boolean sameTree(Transitions other, int chain, int draw) {
            SamplerStats mine = stats[chain][draw];
            SamplerStats theirs = other.stats[chain][draw];
            return mine.treeDepth() == theirs.treeDepth() && mine.leapfrogSteps() == theirs.leapfrogSteps()
                    && mine.divergent() == theirs.divergent();
        }

        /** The largest relative (unit scale) difference between the two draws' coordinates. */
        double largestDifference(Transitions other, int chain, int draw) {
            double largest = 0;
            double[] mine = positions[chain][draw];
            double[] theirs = other.positions[chain][draw];
            for (int d = 0; d < mine.length; d++) {
                largest = Math.max(largest, Math.abs(mine[d] - theirs[d]) / Math.max(1.0, Math.abs(mine[d])));
            }
            return largest;
        }
    }
}
