import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.Backend;
import manynuts.backend.ChainBlock;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplingResult;

/**
 * The host's own share of a global step: the sampler's tree logic over one block of eight schools chains whose
 * backend does no vector work (every leaf has energy 0, no subtree turns, every tree reaches depth 3, so 7 leaves).
 * What a GPU backend adds (launches, copies, device time) comes on top. One thread, no warm-up, 100 draws, three
 * repetitions.
 *
 * <p>Usage: {@code java -cp host/target/manynuts.jar scripts/HostStepCost.java CHAINS}
 */
public class HostStepCost {

    /** A block that keeps no state: the sampler's scalars see a flat density and trees that never turn. */
    static final class NoVectorWork implements ChainBlock {
        private final int chains;
        private final int dimension;

        NoVectorWork(int chains, int dimension) {
            this.chains = chains;
            this.dimension = dimension;
        }

        public int chains() {
            return chains;
        }

        public int dimension() {
            return dimension;
        }

        public void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite) {
            for (int i = 0; i < count; i++) {
                logDensity[list[i]] = 0.0;
                finite[list[i]] = true;
            }
        }

        public void setInverseMetric(int[] list, int count, double[] values) {
        }

        public void beginTrajectory(int[] list, int count, long[] event, double[] kinetic) {
            for (int i = 0; i < count; i++) {
                kinetic[list[i]] = 0.0;
            }
        }

        public void beginSubtree(int[] list, int count, boolean[] swap) {
        }

        public int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic) {
            Arrays.fill(logDensity, 0, chains, 0.0);
            Arrays.fill(kinetic, 0, chains, 0.0);
            return chains;
        }

        public void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf,
                int[] failedLevel) {
            for (int i = 0; i < count; i++) {
                failedLevel[list[i]] = 0;
            }
        }

        public void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist) {
            for (int i = 0; i < count; i++) {
                persist[list[i]] = true;
            }
        }

        public void readDraw(int[] list, int count, double[] out) {
            Arrays.fill(out, 0, count * dimension, 0.0);
        }

        public void readFrontier(int[] list, int count, double[] out) {
            Arrays.fill(out, 0, count * dimension, 0.0);
        }

        public void close() {
        }
    }

    public static void main(String[] args) {
        if (args.length != 1 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: java -cp host/target/manynuts.jar scripts/HostStepCost.java CHAINS");
            System.exit(2);
        }
        int chains = Integer.parseInt(args[0]);
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        Backend noVectorWork = new Backend() {
            public String name() {
                return "no vector work";
            }

            public ChainBlock allocate(Model m, int firstChain, int count, int maxDepth, long seed) {
                return new NoVectorWork(count, m.dimension());
            }

            public long heapBytesPerChain(Model m, int maxDepth) {
                return 0;
            }

            public int preferredBlockSize(int totalChains) {
                return totalChains;
            }

            public void close() {
            }
        };
        SamplerSettings settings = SamplerSettings.defaults(chains, 1).withWarmup(0).withDraws(100).withMaxDepth(3)
                .withThreads(1);
        for (int repetition = 0; repetition < 3; repetition++) {
            SamplingResult result = new Sampler(model, noVectorWork, settings).run((c, d, p, s) -> { },
                    new AtomicLong());
            double globalSteps = result.usefulSteps() / (double) chains;
            System.out.printf("%d chains in one block: %.1f ns per chain-step, %.2f ms per global step%n", chains,
                    1e9 * result.seconds() / result.usefulSteps(), 1e3 * result.seconds() / globalSteps);
        }
    }
}
