package manynuts.backend;

import java.util.Arrays;
import manynuts.models.Model;

/**
 * Runs every block operation on a reference backend and on the backend under test with the same arguments, and
 * fails at the first operation whose outputs differ, naming it: where two whole runs disagree, this says why.
 */
public class LockstepBackend implements Backend {
    private final Backend reference;
    private final Backend tested;

    public LockstepBackend(Backend reference, Backend tested) {
        this.reference = reference;
        this.tested = tested;
    }

    @Override
    public String name() {
        return "lockstep(" + reference.name() + ", " + tested.name() + ")";
    }

    @Override
    public ChainBlock allocate(Model model, int firstChain, int chains, int maxDepth, long seed) {
        return new Lockstep(reference.allocate(model, firstChain, chains, maxDepth, seed),
                tested.allocate(model, firstChain, chains, maxDepth, seed), firstChain);
    }

    /** Every chain runs on both backends. */
    @Override
    public long heapBytesPerChain(Model model, int maxDepth) {
        return reference.heapBytesPerChain(model, maxDepth) + tested.heapBytesPerChain(model, maxDepth);
    }

    @Override
    public int preferredBlockSize(int totalChains) {
        return reference.preferredBlockSize(totalChains);
    }

    @Override
    public void close() {
    }

    private static final class Lockstep implements ChainBlock {
        private final ChainBlock reference;
        private final ChainBlock tested;
        private final int firstChain;
        private long operations;

        Lockstep(ChainBlock reference, ChainBlock tested, int firstChain) {
            this.reference = reference;
            this.tested = tested;
            this.firstChain = firstChain;
        }

        private void compare(String operation, double[] expected, double[] actual) {
            operations++;
            for (int i = 0; i < expected.length; i++) {
                if (!Tolerance.close(expected[i], actual[i], Tolerance.RELATIVE)) {
                    throw new AssertionError(operation + " #" + operations + " (block at chain " + firstChain
                            + ") differs at " + i + ": " + expected[i] + " vs " + actual[i]);
                }
            }
        }

        private void compare(String operation, int[] expected, int[] actual) {
            compare(operation, Arrays.stream(expected).asDoubleStream().toArray(),
                    Arrays.stream(actual).asDoubleStream().toArray());
        }

        private void compare(String operation, boolean[] expected, boolean[] actual) {
            if (!Arrays.equals(expected, actual)) {
                throw new AssertionError(operation + " #" + operations + " differs: " + Arrays.toString(expected)
                        + " vs " + Arrays.toString(actual));
            }
        }

        @Override
        public int chains() {
            return reference.chains();
        }

        @Override
        public int dimension() {
            return reference.dimension();
        }

        @Override
        public void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite) {
            double[] otherLogDensity = logDensity.clone();
            boolean[] otherFinite = finite.clone();
            tested.initialize(list, count, positions, otherLogDensity, otherFinite);
            reference.initialize(list, count, positions, logDensity, finite);
            compare("initialize", logDensity, otherLogDensity);
            compare("initialize", finite, otherFinite);
        }

        @Override
        public void setInverseMetric(int[] list, int count, double[] values) {
            tested.setInverseMetric(list, count, values);
            reference.setInverseMetric(list, count, values);
        }

        @Override
        public void beginTrajectory(int[] list, int count, long[] event, double[] kinetic) {
            double[] other = kinetic.clone();
            tested.beginTrajectory(list, count, event, other);
            reference.beginTrajectory(list, count, event, kinetic);
            compare("beginTrajectory", kinetic, other);
        }

        @Override
        public void beginSubtree(int[] list, int count, boolean[] swap) {
            tested.beginSubtree(list, count, swap);
            reference.beginSubtree(list, count, swap);
        }

        /** Compares the moving chains only: the outputs of a chain with step size zero are unspecified. */
        @Override
        public int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic) {
            double[] otherLogDensity = logDensity.clone();
            double[] otherKinetic = kinetic.clone();
            int paid = tested.leapfrog(signedStepSize, otherLogDensity, otherKinetic);
            int referencePaid = reference.leapfrog(signedStepSize, logDensity, kinetic);
            int moving = 0;
            for (int c = 0; c < signedStepSize.length; c++) {
                if (signedStepSize[c] == 0.0) {
                    otherLogDensity[c] = logDensity[c];
                    otherKinetic[c] = kinetic[c];
                } else {
                    moving++;
                }
            }
            compare("leapfrog log density", logDensity, otherLogDensity);
            compare("leapfrog kinetic", kinetic, otherKinetic);
            if (paid < moving || paid > chains() || referencePaid < moving || referencePaid > chains()) {
                throw new AssertionError("leapfrog #" + operations + " paid for " + referencePaid + " and " + paid
                        + " chain-steps with " + moving + " of " + chains() + " chains moving");
            }
            return paid;
        }

        @Override
        public void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf,
                int[] failedLevel) {
            int[] other = failedLevel.clone();
            tested.afterLeaf(list, count, levels, popcount, takeLeaf, other);
            reference.afterLeaf(list, count, levels, popcount, takeLeaf, failedLevel);
            compare("afterLeaf", failedLevel, other);
        }

        @Override
        public void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist) {
            boolean[] other = persist.clone();
            tested.mergeIntoTree(list, count, take, other);
            reference.mergeIntoTree(list, count, take, persist);
            compare("mergeIntoTree", persist, other);
        }

        @Override
        public void readDraw(int[] list, int count, double[] out) {
            double[] other = out.clone();
            tested.readDraw(list, count, other);
            reference.readDraw(list, count, out);
            compare("readDraw", out, other);
        }

        @Override
        public void readFrontier(int[] list, int count, double[] out) {
            double[] other = out.clone();
            tested.readFrontier(list, count, other);
            reference.readFrontier(list, count, out);
            compare("readFrontier", out, other);
        }

        @Override
        public void close() {
            try {
                tested.close();
            } finally {
                reference.close();
            }
        }
    }
}
