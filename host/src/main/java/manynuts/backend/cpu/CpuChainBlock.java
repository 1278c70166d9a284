package manynuts.backend.cpu;

import manynuts.backend.ChainBlock;
import manynuts.models.Model;
import manynuts.rng.RandomStreams;

/**
 * A block of chains on the CPU: every vector is a dimension-major {@code double[]} ({@code [d * chains + c]},
 * checkpoint slots stacked as {@code [(slot * dimension + d) * chains + c]}) so that loops over chains read
 * consecutive memory and the JIT can vectorise them. Nothing is allocated after construction.
 */
final class CpuChainBlock implements ChainBlock {
    private final Model model;
    private final int firstChain;
    private final int chains;
    private final int dimension;
    private final RandomStreams random;

    private final double[] inverseMetric;
    private final double[] drawPosition;
    private final double[] drawGradient;
    private final double[] frontierPosition;
    private double[] frontierMomentum;
    private final double[] frontierGradient;
    private final double[] otherPosition;
    private final double[] otherMomentum;
    private final double[] otherGradient;
    private final double[] treeMomentumSum;
    private final double[] subtreeMomentumSum;
    private final double[] checkpointMomentum;
    private final double[] checkpointSumBefore;
    private final double[] checkpointPreviousMomentum;
    private final double[] proposalPosition;
    private final double[] proposalGradient;
    private double[] previousMomentum;
    private final double[] scratchLogDensity;
    private final double[] scratchGradient;
    private final double[] normals;

    CpuChainBlock(Model model, int firstChain, int chains, int maxDepth, long seed) {
        this.model = model;
        this.firstChain = firstChain;
        this.chains = chains;
        this.dimension = model.dimension();
        this.random = new RandomStreams(seed);
        int vector = dimension * chains;
        int slots = maxDepth + 1;
        inverseMetric = new double[vector];
        java.util.Arrays.fill(inverseMetric, 1.0);
        drawPosition = new double[vector];
        drawGradient = new double[vector];
        frontierPosition = new double[vector];
        frontierMomentum = new double[vector];
        frontierGradient = new double[vector];
        otherPosition = new double[vector];
        otherMomentum = new double[vector];
        otherGradient = new double[vector];
        treeMomentumSum = new double[vector];
        subtreeMomentumSum = new double[vector];
        checkpointMomentum = new double[slots * vector];
        checkpointSumBefore = new double[slots * vector];
        checkpointPreviousMomentum = new double[slots * vector];
        proposalPosition = new double[vector];
        proposalGradient = new double[vector];
        previousMomentum = new double[vector];
        scratchLogDensity = new double[chains];
        scratchGradient = new double[vector];
        normals = new double[dimension + 1];
    }

    @Override
    public int chains() {
        return chains;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            for (int d = 0; d < dimension; d++) {
                drawPosition[d * chains + c] = positions[i * dimension + d];
            }
        }
        model.logDensityGradient(drawPosition, chains, 0, chains, scratchLogDensity, scratchGradient);
        for (int i = 0; i < count; i++) {
            int c = list[i];
            boolean ok = Double.isFinite(scratchLogDensity[c]);
            for (int d = 0; d < dimension; d++) {
                double g = scratchGradient[d * chains + c];
                drawGradient[d * chains + c] = g;
                ok &= Double.isFinite(g);
            }
            logDensity[c] = scratchLogDensity[c];
            finite[c] = ok;
        }
    }

    @Override
    public void setInverseMetric(int[] list, int count, double[] values) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            for (int d = 0; d < dimension; d++) {
                inverseMetric[d * chains + c] = values[i * dimension + d];
            }
        }
    }

    @Override
    public void beginTrajectory(int[] list, int count, long[] event, double[] kinetic) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            for (int pair = 0; 2 * pair < dimension; pair++) {
                random.normalPair(event[c], firstChain + c, pair, normals, 2 * pair);
            }
            double energy = 0.0;
            for (int d = 0; d < dimension; d++) {
                int at = d * chains + c;
                double inverseMass = inverseMetric[at];
                double p = normals[d] / Math.sqrt(inverseMass);
                energy += inverseMass * p * p;
                frontierPosition[at] = drawPosition[at];
                frontierGradient[at] = drawGradient[at];
                frontierMomentum[at] = p;
                otherPosition[at] = drawPosition[at];
                otherGradient[at] = drawGradient[at];
                otherMomentum[at] = p;
                treeMomentumSum[at] = p;
                subtreeMomentumSum[at] = 0.0;
            }
            kinetic[c] = 0.5 * energy;
        }
    }

    @Override
    public void beginSubtree(int[] list, int count, boolean[] swap) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            boolean exchange = swap[c];
            for (int d = 0; d < dimension; d++) {
                int at = d * chains + c;
                subtreeMomentumSum[at] = 0.0;
                if (exchange) {
                    double t = frontierPosition[at];
                    frontierPosition[at] = otherPosition[at];
                    otherPosition[at] = t;
                    t = frontierMomentum[at];
                    frontierMomentum[at] = otherMomentum[at];
                    otherMomentum[at] = t;
                    t = frontierGradient[at];
                    frontierGradient[at] = otherGradient[at];
                    otherGradient[at] = t;
                }
            }
        }
    }

    @Override
    public int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic) {
        // Runs of consecutive moving chains: chains with step size zero (done, or waiting for the other chains)
        // cost nothing on the CPU.
        int computed = 0;
        int c = 0;
        while (c < chains) {
            while (c < chains && signedStepSize[c] == 0.0) {
                c++;
            }
            int from = c;
            while (c < chains && signedStepSize[c] != 0.0) {
                c++;
            }
            if (c > from) {
                leapfrog(from, c, signedStepSize, logDensity, kinetic);
                computed += c - from;
            }
        }
        // The new momenta were written to the other buffer; the old ones stay there as "previous momentum".
        double[] newMomentum = previousMomentum;
        previousMomentum = frontierMomentum;
        frontierMomentum = newMomentum;
        return computed;
    }

    private void leapfrog(int from, int to, double[] signedStepSize, double[] logDensity, double[] kinetic) {
        double[] oldMomentum = frontierMomentum;
        double[] newMomentum = previousMomentum;
        for (int d = 0; d < dimension; d++) {
            int row = d * chains;
            for (int c = from; c < to; c++) {
                double p = oldMomentum[row + c] + 0.5 * signedStepSize[c] * frontierGradient[row + c];
                newMomentum[row + c] = p;
                frontierPosition[row + c] += signedStepSize[c] * inverseMetric[row + c] * p;
            }
        }
        model.logDensityGradient(frontierPosition, chains, from, to, logDensity, frontierGradient);
        java.util.Arrays.fill(kinetic, from, to, 0.0);
        for (int d = 0; d < dimension; d++) {
            int row = d * chains;
            for (int c = from; c < to; c++) {
                double p = newMomentum[row + c] + 0.5 * signedStepSize[c] * frontierGradient[row + c];
                newMomentum[row + c] = p;
                kinetic[c] += 0.5 * inverseMetric[row + c] * p * p;
                subtreeMomentumSum[row + c] += p;
            }
        }
    }

    @Override
    public void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf, int[] failedLevel) {
        int vector = dimension * chains;
        for (int i = 0; i < count; i++) {
            int c = list[i];
            if (takeLeaf[c]) {
                for (int d = 0; d < dimension; d++) {
                    int at = d * chains + c;
                    proposalPosition[at] = frontierPosition[at];
                    proposalGradient[at] = frontierGradient[at];
                }
            }
            int pc = popcount[c];
            int failed = 0;
            if (levels[c] == 0) {
                int slot = pc * vector + c;
                for (int d = 0; d < dimension; d++) {
                    int at = d * chains + c;
                    double p = frontierMomentum[at];
                    checkpointMomentum[slot + d * chains] = p;
                    checkpointSumBefore[slot + d * chains] = subtreeMomentumSum[at] - p;
                    checkpointPreviousMomentum[slot + d * chains] = previousMomentum[at];
                }
            }
            for (int k = 1; k <= levels[c]; k++) {
                if (!subtreesPersist((pc - k) * vector + c, k == 1 ? -1 : (pc - k + 1) * vector + c, c)) {
                    failed = k;
                    break;
                }
            }
            failedLevel[c] = failed;
        }
    }

    /**
     * Stan's three checks when a left subtree (checkpoint offset {@code left}) and the right subtree that ends
     * at the frontier (checkpoint offset {@code right}, or negative when the right subtree is the latest leaf
     * alone) merge: the whole, and each half extended by the nearest point of the other.
     */
    private boolean subtreesPersist(int left, int right, int c) {
        double wholeBegin = 0, wholeEnd = 0, leftBegin = 0, rightBegin = 0, leftEnd = 0, rightEnd = 0;
        for (int d = 0; d < dimension; d++) {
            int row = d * chains;
            double inverseMass = inverseMetric[row + c];
            double sum = subtreeMomentumSum[row + c];
            double endP = frontierMomentum[row + c];
            double rightBeginP;
            double rightSumBefore;
            double leftEndP;
            if (right < 0) {
                rightBeginP = endP;
                rightSumBefore = sum - endP;
                leftEndP = previousMomentum[row + c];
            } else {
                rightBeginP = checkpointMomentum[right + row];
                rightSumBefore = checkpointSumBefore[right + row];
                leftEndP = checkpointPreviousMomentum[right + row];
            }
            double leftBeginP = checkpointMomentum[left + row];
            double leftSumBefore = checkpointSumBefore[left + row];
            double leftSum = rightSumBefore - leftSumBefore;
            double rightSum = sum - rightSumBefore;
            double whole = sum - leftSumBefore;
            wholeBegin += inverseMass * leftBeginP * whole;
            wholeEnd += inverseMass * endP * whole;
            double extendedLeft = leftSum + rightBeginP;
            leftBegin += inverseMass * leftBeginP * extendedLeft;
            rightBegin += inverseMass * rightBeginP * extendedLeft;
            double extendedRight = rightSum + leftEndP;
            leftEnd += inverseMass * leftEndP * extendedRight;
            rightEnd += inverseMass * endP * extendedRight;
        }
        return wholeBegin > 0 && wholeEnd > 0 && leftBegin > 0 && rightBegin > 0 && leftEnd > 0 && rightEnd > 0;
    }

    @Override
    public void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            double wholeBegin = 0, wholeEnd = 0, oldBegin = 0, newBegin = 0, oldEnd = 0, newEnd = 0;
            for (int d = 0; d < dimension; d++) {
                int at = d * chains + c;
                double inverseMass = inverseMetric[at];
                double oldOuter = otherMomentum[at];
                double oldInner = checkpointPreviousMomentum[at];
                double newInner = checkpointMomentum[at];
                double newOuter = frontierMomentum[at];
                double oldSum = treeMomentumSum[at];
                double newSum = subtreeMomentumSum[at] - checkpointSumBefore[at];
                double whole = oldSum + newSum;
                wholeBegin += inverseMass * oldOuter * whole;
                wholeEnd += inverseMass * newOuter * whole;
                double extendedOld = oldSum + newInner;
                oldBegin += inverseMass * oldOuter * extendedOld;
                newBegin += inverseMass * newInner * extendedOld;
                double extendedNew = newSum + oldInner;
                oldEnd += inverseMass * oldInner * extendedNew;
                newEnd += inverseMass * newOuter * extendedNew;
                treeMomentumSum[at] = whole;
                if (take[c]) {
                    drawPosition[at] = proposalPosition[at];
                    drawGradient[at] = proposalGradient[at];
                }
            }
            persist[c] = wholeBegin > 0 && wholeEnd > 0 && oldBegin > 0 && newBegin > 0 && oldEnd > 0 && newEnd > 0;
        }
    }

    @Override
    public void readDraw(int[] list, int count, double[] out) {
        read(drawPosition, list, count, out);
    }

    @Override
    public void readFrontier(int[] list, int count, double[] out) {
        read(frontierPosition, list, count, out);
    }

    private void read(double[] source, int[] list, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            for (int d = 0; d < dimension; d++) {
                out[i * dimension + d] = source[d * chains + c];
            }
        }
    }

    @Override
    public void close() {
        // Java arrays: nothing to release.
    }
}
