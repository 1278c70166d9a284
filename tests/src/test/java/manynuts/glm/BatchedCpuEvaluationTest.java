package manynuts.glm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.Model;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import org.junit.jupiter.api.Test;

/**
 * The CPU backend's batched path for models that evaluate in batches makes the same draws, bit for bit, as the
 * chain-by-chain path, and is timed against it in the same run.
 */
class BatchedCpuEvaluationTest {

    /** Every draw's coordinates and lp__, concatenated in chain and draw order. */
    private static final class Bits implements DrawSink {
        private final double[] values;
        private final int width;
        private final int draws;

        Bits(int chains, int draws, int dimension) {
            this.width = dimension + 1;
            this.draws = draws;
            this.values = new double[chains * draws * width];
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats statistics) {
            int at = (chain * draws + draw) * width;
            System.arraycopy(position, 0, values, at, position.length);
            values[at + position.length] = statistics.logDensity();
        }
    }

    private static double[] run(Model model, SamplerSettings settings) {
        Bits bits = new Bits(settings.chains(), settings.draws(), model.dimension());
        try (CpuBackend cpu = new CpuBackend()) {
            new Sampler(model, cpu, settings).run(bits, new AtomicLong());
        }
        return bits.values;
    }

    @Test
    void batchedAndChainByChainRunsMakeTheSameDraws() {
        Model model = HierarchicalLogisticRegression.simulated(200, 3, 6, 5);
        SamplerSettings settings = SamplerSettings.defaults(64, 99).withWarmup(40).withDraws(20).withThreads(2);
        assertArrayEquals(run(new ChainByChain(model), settings), run(model, settings));
    }

    /**
     * The CPU block's two paths for one model evaluation of its 64 chains, timed side by side (a printed
     * measurement, not an assertion): one batched call on dimension-major chains against 64 single-chain calls.
     */
    @Test
    void batchedEvaluationIsTimedAgainstChainByChain() {
        for (int p : new int[] {3, 50}) {
            HierarchicalLogisticRegression model = HierarchicalLogisticRegression.simulated(400, p, 8, 5);
            int chains = 64;
            int dimension = model.dimension();
            java.util.Random random = new java.util.Random(1);
            double[] rows = new double[chains * dimension];
            double[] columns = new double[chains * dimension];
            for (int c = 0; c < chains; c++) {
                for (int d = 0; d < dimension; d++) {
                    rows[c * dimension + d] = 0.3 * random.nextGaussian();
                    columns[d * chains + c] = rows[c * dimension + d];
                }
            }
            double[] gradient = new double[chains * dimension];
            double[] logDensity = new double[chains];
            double[] scratch = new double[chains * dimension + 1];
            double[] seconds = new double[2];
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                for (int repeat = 0; repeat < 100; repeat++) {
                    for (int c = 0; c < chains; c++) {
                        logDensity[c] = model.logDensityGradientAt(rows, c * dimension, gradient, scratch);
                    }
                }
                seconds[0] = (System.nanoTime() - start) * 1e-9;
                start = System.nanoTime();
                for (int repeat = 0; repeat < 100; repeat++) {
                    model.logDensityGradient(columns, chains, 0, chains, logDensity, gradient);
                }
                seconds[1] = (System.nanoTime() - start) * 1e-9;
            }
            System.out.printf("hierarchical_logistic n=400 p=%d G=8, 64 chains x 100 evaluations: chain by chain "
                    + "%.1f us, batched %.1f us per chain-gradient, speed-up %.2fx%n", p,
                    seconds[0] / (100.0 * chains) * 1e6, seconds[1] / (100.0 * chains) * 1e6, seconds[0] / seconds[1]);
            assertEquals(chains, logDensity.length);
        }
    }
}
