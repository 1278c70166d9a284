package manynuts.backend.cpu;

import manynuts.backend.ChainBlock;
import manynuts.models.Model;
import manynuts.rng.RandomStreams;

/**
 * A block of chains on the CPU. Each chain's vectors are contiguous ({@code [c * dimension + d]}, checkpoint
 * slots {@code [(c * slots + slot) * dimension + d]}): the tree operations touch one chain at a time, so this
 * keeps every one of them inside a few cache lines, and the model is called once per chain through its
 * single-chain form, except for models that evaluate in batches (a density that is a matrix product): their
 * chains are gathered into one dimension-major batch per operation. Nothing is allocated after construction.
 */
final class CpuChainBlock implements ChainBlock {
    /** Per-chain vectors of the dimension: the metric, draw, frontier, other end, sums, proposal, and scratch. */
    private static final int VECTORS = 15;
    /** Per-chain checkpoint vectors, {@code maxDepth + 1} slots each: momentum, sum before, previous momentum. */
    private static final int CHECKPOINTS = 3;

    private final Model model;
    private final int firstChain;
    private final int chains;
    private final int dimension;
    private final int slots;
    private final RandomStreams random;

    private final double[] inverseMetric;
    private final double[] drawPosition;
    private final double[] drawGradient;
    private final double[] frontierPosition;
    private final double[] frontierGradient;
    private double[] frontierMomentum;
    private double[] previousMomentum;
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
    /** Scratch for models without a single-chain form: their stride-1 batch call writes {@code [c * dimension]}. */
    private final double[] logDensityByOffset;
    private final double[] normals;
    /** For models that evaluate in batches, else null: the chains gathered, dimension-major with stride chains. */
    private final BatchGather batch;

    CpuChainBlock(Model model, int firstChain, int chains, int maxDepth, long seed) {
        this.model = model;
        this.firstChain = firstChain;
        this.chains = chains;
        this.dimension = model.dimension();
        this.slots = maxDepth + 1;
        this.random = new RandomStreams(seed);
        int vector = dimension * chains;
        inverseMetric = new double[vector];
        java.util.Arrays.fill(inverseMetric, 1.0);
        drawPosition = new double[vector];
        drawGradient = new double[vector];
        frontierPosition = new double[vector];
        frontierGradient = new double[vector];
        frontierMomentum = new double[vector];
        previousMomentum = new double[vector];
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
        logDensityByOffset = new double[vector + 1];
        normals = new double[dimension + 1];
        batch = model.evaluatesInBatches() ? new BatchGather(model, chains) : null;
    }

    /**
     * Heap bytes per chain of a block of {@code model}: {@link #VECTORS} vectors of the dimension, the three U-turn
     * checkpoints of {@code maxDepth + 1} slots each, and for models that evaluate in batches the gathered position,
     * gradient, log density and chain number.
     */
    static long heapBytesPerChain(Model model, int maxDepth) {
        boolean batches = model.evaluatesInBatches();
        long vectors = VECTORS + CHECKPOINTS * (maxDepth + 1L) + (batches ? 2 : 0);
        return vectors * model.dimension() * Double.BYTES + (batches ? Double.BYTES + Integer.BYTES : 0);
    }

    @Override
    public int chains() {
        return chains;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Log density and gradient of one chain's point, read and written at offset {@code c * dimension}. */
    private double evaluate(double[] position, double[] gradient, int c) {
        return model.logDensityGradientAt(position, c * dimension, gradient, logDensityByOffset);
    }

    @Override
    public void initialize(int[] list, int count, double[] positions, double[] logDensity, boolean[] finite) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(positions, i * dimension, drawPosition, list[i] * dimension, dimension);
        }
        if (batch != null) {
            batch.evaluate(list, count, drawPosition, drawGradient, logDensity);
        }
        for (int i = 0; i < count; i++) {
            int c = list[i];
            int base = c * dimension;
            double value = batch != null ? logDensity[c] : evaluate(drawPosition, drawGradient, c);
            boolean ok = Double.isFinite(value);
            for (int d = 0; d < dimension; d++) {
                ok &= Double.isFinite(drawGradient[base + d]);
            }
            logDensity[c] = value;
            finite[c] = ok;
        }
    }

    @Override
    public void setInverseMetric(int[] list, int count, double[] values) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(values, i * dimension, inverseMetric, list[i] * dimension, dimension);
        }
    }

    @Override
    public void beginTrajectory(int[] list, int count, long[] event, double[] kinetic) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            int base = c * dimension;
            for (int pair = 0; 2 * pair < dimension; pair++) {
                random.normalPair(event[c], firstChain + c, pair, normals, 2 * pair);
            }
            double energy = 0.0;
            for (int d = 0; d < dimension; d++) {
                double inverseMass = inverseMetric[base + d];
                double p = normals[d] / Math.sqrt(inverseMass);
                energy += inverseMass * p * p;
                frontierMomentum[base + d] = p;
                treeMomentumSum[base + d] = p;
                subtreeMomentumSum[base + d] = 0.0;
            }
            System.arraycopy(drawPosition, base, frontierPosition, base, dimension);
            System.arraycopy(drawGradient, base, frontierGradient, base, dimension);
            System.arraycopy(drawPosition, base, otherPosition, base, dimension);
            System.arraycopy(drawGradient, base, otherGradient, base, dimension);
            System.arraycopy(frontierMomentum, base, otherMomentum, base, dimension);
            kinetic[c] = 0.5 * energy;
        }
    }

    @Override
    public void beginSubtree(int[] list, int count, boolean[] swap) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            int base = c * dimension;
            java.util.Arrays.fill(subtreeMomentumSum, base, base + dimension, 0.0);
            if (swap[c]) {
                exchange(frontierPosition, otherPosition, base);
                exchange(frontierMomentum, otherMomentum, base);
                exchange(frontierGradient, otherGradient, base);
            }
        }
    }

    private void exchange(double[] a, double[] b, int base) {
        for (int d = base; d < base + dimension; d++) {
            double t = a[d];
            a[d] = b[d];
            b[d] = t;
        }
    }

    @Override
    public int leapfrog(double[] signedStepSize, double[] logDensity, double[] kinetic) {
        // The new momenta go to the other buffer, so the old ones stay there as "previous momentum". Chains with
        // step size zero (done, or waiting for the other chains) cost nothing on the CPU.
        double[] oldMomentum = frontierMomentum;
        double[] newMomentum = previousMomentum;
        int computed = 0;
        if (batch != null) {
            // Every moving chain drifts, then one batched evaluation, then every moving chain's second half kick:
            // the same operations on each chain as the loop below, so the same bits.
            int[] moving = batch.list();
            for (int c = 0; c < chains; c++) {
                if (signedStepSize[c] != 0.0) {
                    moving[computed++] = c;
                    drift(c, signedStepSize[c], oldMomentum, newMomentum);
                }
            }
            batch.evaluate(moving, computed, frontierPosition, frontierGradient, logDensity);
            for (int i = 0; i < computed; i++) {
                int c = moving[i];
                kinetic[c] = kick(c, signedStepSize[c], newMomentum);
            }
        } else {
            for (int c = 0; c < chains; c++) {
                double eps = signedStepSize[c];
                if (eps == 0.0) {
                    continue;
                }
                computed++;
                drift(c, eps, oldMomentum, newMomentum);
                logDensity[c] = evaluate(frontierPosition, frontierGradient, c);
                kinetic[c] = kick(c, eps, newMomentum);
            }
        }
        previousMomentum = oldMomentum;
        frontierMomentum = newMomentum;
        return computed;
    }

    /** The first half kick of chain c's momentum into {@code newMomentum} and the full step of its position. */
    private void drift(int c, double eps, double[] oldMomentum, double[] newMomentum) {
        int base = c * dimension;
        double halfStep = 0.5 * eps;
        for (int d = base; d < base + dimension; d++) {
            double p = oldMomentum[d] + halfStep * frontierGradient[d];
            newMomentum[d] = p;
            frontierPosition[d] += eps * inverseMetric[d] * p;
        }
    }

    /** The second half kick at the new gradient; adds to the subtree's momentum sum, returns the kinetic energy. */
    private double kick(int c, double eps, double[] newMomentum) {
        int base = c * dimension;
        double halfStep = 0.5 * eps;
        double energy = 0.0;
        for (int d = base; d < base + dimension; d++) {
            double p = newMomentum[d] + halfStep * frontierGradient[d];
            newMomentum[d] = p;
            energy += inverseMetric[d] * p * p;
            subtreeMomentumSum[d] += p;
        }
        return 0.5 * energy;
    }

    @Override
    public void afterLeaf(int[] list, int count, int[] levels, int[] popcount, boolean[] takeLeaf, int[] failedLevel) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            int base = c * dimension;
            if (takeLeaf[c]) {
                System.arraycopy(frontierPosition, base, proposalPosition, base, dimension);
                System.arraycopy(frontierGradient, base, proposalGradient, base, dimension);
            }
            int pc = popcount[c];
            int failed = 0;
            if (levels[c] == 0) {
                int slot = slot(c, pc);
                for (int d = 0; d < dimension; d++) {
                    double p = frontierMomentum[base + d];
                    checkpointMomentum[slot + d] = p;
                    checkpointSumBefore[slot + d] = subtreeMomentumSum[base + d] - p;
                    checkpointPreviousMomentum[slot + d] = previousMomentum[base + d];
                }
            }
            for (int k = 1; k <= levels[c]; k++) {
                if (!subtreesPersist(slot(c, pc - k), k == 1 ? -1 : slot(c, pc - k + 1), base)) {
                    failed = k;
                    break;
                }
            }
            failedLevel[c] = failed;
        }
    }

    private int slot(int c, int slot) {
        return (c * slots + slot) * dimension;
    }

    /**
     * Stan's three checks when a left subtree (checkpoint offset {@code left}) and the right subtree that ends
     * at the frontier (checkpoint offset {@code right}, or negative when the right subtree is the latest leaf
     * alone) merge: the whole, and each half extended by the nearest point of the other.
     */
    private boolean subtreesPersist(int left, int right, int base) {
        double wholeBegin = 0, wholeEnd = 0, leftBegin = 0, rightBegin = 0, leftEnd = 0, rightEnd = 0;
        if (right < 0) {
            // The right subtree is the leaf just taken: it begins and ends at the frontier, and the left subtree
            // ends at the previous leaf.
            for (int d = 0; d < dimension; d++) {
                double inverseMass = inverseMetric[base + d];
                double sum = subtreeMomentumSum[base + d];
                double endP = frontierMomentum[base + d];
                double leftEndP = previousMomentum[base + d];
                double leftBeginP = checkpointMomentum[left + d];
                double leftSumBefore = checkpointSumBefore[left + d];
                double whole = sum - leftSumBefore;
                double extendedLeft = (sum - endP - leftSumBefore) + endP;
                double extendedRight = endP + leftEndP;
                wholeBegin += inverseMass * leftBeginP * whole;
                wholeEnd += inverseMass * endP * whole;
                leftBegin += inverseMass * leftBeginP * extendedLeft;
                rightBegin += inverseMass * endP * extendedLeft;
                leftEnd += inverseMass * leftEndP * extendedRight;
                rightEnd += inverseMass * endP * extendedRight;
            }
        } else {
            for (int d = 0; d < dimension; d++) {
                double inverseMass = inverseMetric[base + d];
                double sum = subtreeMomentumSum[base + d];
                double endP = frontierMomentum[base + d];
                double rightBeginP = checkpointMomentum[right + d];
                double rightSumBefore = checkpointSumBefore[right + d];
                double leftEndP = checkpointPreviousMomentum[right + d];
                double leftBeginP = checkpointMomentum[left + d];
                double leftSumBefore = checkpointSumBefore[left + d];
                double whole = sum - leftSumBefore;
                double extendedLeft = (rightSumBefore - leftSumBefore) + rightBeginP;
                double extendedRight = (sum - rightSumBefore) + leftEndP;
                wholeBegin += inverseMass * leftBeginP * whole;
                wholeEnd += inverseMass * endP * whole;
                leftBegin += inverseMass * leftBeginP * extendedLeft;
                rightBegin += inverseMass * rightBeginP * extendedLeft;
                leftEnd += inverseMass * leftEndP * extendedRight;
                rightEnd += inverseMass * endP * extendedRight;
            }
        }
        return wholeBegin > 0 && wholeEnd > 0 && leftBegin > 0 && rightBegin > 0 && leftEnd > 0 && rightEnd > 0;
    }

    @Override
    public void mergeIntoTree(int[] list, int count, boolean[] take, boolean[] persist) {
        for (int i = 0; i < count; i++) {
            int c = list[i];
            int base = c * dimension;
            int first = slot(c, 0);
            double wholeBegin = 0, wholeEnd = 0, oldBegin = 0, newBegin = 0, oldEnd = 0, newEnd = 0;
            for (int d = 0; d < dimension; d++) {
                double inverseMass = inverseMetric[base + d];
                double oldOuter = otherMomentum[base + d];
                double oldInner = checkpointPreviousMomentum[first + d];
                double newInner = checkpointMomentum[first + d];
                double newOuter = frontierMomentum[base + d];
                double oldSum = treeMomentumSum[base + d];
                double newSum = subtreeMomentumSum[base + d] - checkpointSumBefore[first + d];
                double whole = oldSum + newSum;
                wholeBegin += inverseMass * oldOuter * whole;
                wholeEnd += inverseMass * newOuter * whole;
                double extendedOld = oldSum + newInner;
                oldBegin += inverseMass * oldOuter * extendedOld;
                newBegin += inverseMass * newInner * extendedOld;
                double extendedNew = newSum + oldInner;
                oldEnd += inverseMass * oldInner * extendedNew;
                newEnd += inverseMass * newOuter * extendedNew;
                treeMomentumSum[base + d] = whole;
            }
            if (take[c]) {
                System.arraycopy(proposalPosition, base, drawPosition, base, dimension);
                System.arraycopy(proposalGradient, base, drawGradient, base, dimension);
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
            System.arraycopy(source, list[i] * dimension, out, i * dimension, dimension);
        }
    }

    @Override
    public void close() {
        // Java arrays: nothing to release.
    }
}
