package manynuts.nuts;

import manynuts.backend.ChainBlock;
import manynuts.backend.SampledDraws;
import manynuts.nuts.ChainProgress.Mode;
import manynuts.rng.RandomStreams;

/**
 * The NUTS tree of every chain of a block as a state machine, advanced one leapfrog step per global step: each
 * chain is at its own leaf of its own tree, and a chain whose tree ends starts its next one at the next step.
 *
 * <p>A chain goes through these states; each batched one is one {@link ChainBlock} operation over the chains in
 * it, and the scalar logic between them reads and writes only {@link TreeState}:
 * <ol>
 * <li><b>start trajectory</b> ({@link #startTrajectories}): a fresh momentum at the draw, H0;
 * <li><b>leapfrog</b> ({@link #leapfrog}): one step of the frontier, forward or backward;
 * <li><b>leaf</b> ({@link #afterLeaves}): the leaf's multinomial weight exp(H0 - H) and the divergence check
 *     (H - H0 above 1000 or not finite, Stan's rule); the leaf replaces the doubling's proposal with probability
 *     w_n / (w_0 + ... + w_n);
 * <li><b>merge, U-turn check</b> ({@link #checkSubtrees}, {@link #mergeIntoTrees}): the generalised U-turn
 *     criterion with Stan's two extra checks at each merge of subtrees the leaf closes; a finished doubling
 *     merges into the tree by biased progressive sampling (Betancourt 2017) and the next doubling picks its
 *     direction;
 * <li><b>end of tree</b>: the chain's {@link TreeOutcome} says why (U-turn, divergence, maximum depth) and it joins
 *     {@link StepBuffers#ended}; the sampler then makes the end of the draw (emission, warm-up) and starts the
 *     chain's next trajectory here.
 * </ol>
 * Chains in a step-size search (Stan's init_stepsize) take one leapfrog step per trial and skip the tree states.
 * Trees are built iteratively leaf by leaf (the popcount checkpoints of NumPyro and BlackJAX); each random choice
 * is the chain's Philox uniform for that very choice, so the result equals the recursive construction with the
 * same choices.
 */
final class TreeStateMachine {
    private static final double MAX_ENERGY_ERROR = 1000.0;

    private final ChainBlock block;
    private final int firstChain;
    private final int chains;
    private final int maxDepth;
    private final RandomStreams random;
    private final ChainProgress progress;
    private final WarmupAdaptation warmup;
    private final TreeState tree;
    private final StepBuffers buffers;

    private final WarpLanes lanes = new WarpLanes();
    private long gradientEvaluations;
    /** Whether warm-up trees and searches run on the device: a chain about to start one then waits in ON_DEVICE. */
    private boolean treesOnDevice;

    TreeStateMachine(ChainBlock block, int firstChain, SamplerSettings settings, ChainProgress progress,
            WarmupAdaptation warmup, TreeState tree, StepBuffers buffers) {
        this.block = block;
        this.firstChain = firstChain;
        this.chains = block.chains();
        this.maxDepth = settings.maxDepth();
        this.random = new RandomStreams(settings.seed());
        this.progress = progress;
        this.warmup = warmup;
        this.tree = tree;
        this.buffers = buffers;
    }

    /**
     * One global step through the states leapfrog, leaf, merge and U-turn check: afterwards
     * {@link StepBuffers#ended} lists the chains whose tree ended, each with its {@link TreeState#ending}.
     */
    void advance() {
        leapfrog();
        afterLeaves();
        if (!buffers.divergent.isEmpty()) {
            readDivergentPositions();
        }
        checkSubtrees();
        mergeIntoTrees();
    }

    /**
     * Leapfrog: every moving chain takes one step with its own signed step size. The lanes a GPU pays for this step
     * are counted on every backend ({@link WarpLanes}).
     */
    void leapfrog() {
        Mode[] mode = progress.mode;
        double[] stepSize = warmup.stepSize;
        double[] signedStepSize = buffers.signedStepSize;
        for (int c = 0; c < chains; c++) {
            boolean active = mode[c].moving();
            signedStepSize[c] = !active ? 0.0 : (mode[c] == Mode.TREE && !tree.forward[c]) ? -stepSize[c]
                    : stepSize[c];
        }
        lanes.count(signedStepSize, chains);
        block.leapfrog(signedStepSize, buffers.logDensity, buffers.kinetic);
        buffers.leaves.clear();
        buffers.divergent.clear();
        buffers.ended.clear();
        buffers.subtreesDone.clear();
        buffers.doublings.clear();
        buffers.trajectories.clear();
    }

    /** Leaf: each chain's new point is weighed; a search trial ends here. */
    void afterLeaves() {
        Mode[] mode = progress.mode;
        for (int c = 0; c < chains; c++) {
            if (mode[c] == Mode.SEARCH) {
                afterSearchStep(c);
            } else if (mode[c] == Mode.TREE) {
                TreeOutcome outcome = afterLeaf(c);
                if (outcome.ended()) {
                    // At its leaf, only a divergence ends a tree.
                    end(c, outcome);
                    buffers.divergent.add(c);
                } else {
                    buffers.leaves.add(c);
                }
            }
        }
    }

    /** The leaf's weight, the divergence check and progressive multinomial sampling inside the doubling. */
    private TreeOutcome afterLeaf(int c) {
        gradientEvaluations++;
        double energy = energy(c);
        tree.leapfrogSteps[c]++;
        double logWeight = tree.initialEnergy[c] - energy;
        // StrictMath: its exp is fdlibm's to the bit, as is the device's (strict_exp.cuh), so the acceptance
        // statistic that warm-up adapts the step size to is the same on both.
        tree.sumMetropolis[c] += logWeight > 0 ? 1.0 : StrictMath.exp(logWeight);
        if (energy - tree.initialEnergy[c] > MAX_ENERGY_ERROR) {
            return new TreeOutcome.Divergent(energy - tree.initialEnergy[c]);
        }
        // Leaf n replaces the subtree's proposal with probability w_n / (w_0 + ... + w_n), which leaves each leaf
        // chosen in proportion to its weight.
        int n = tree.leaf[c];
        boolean take;
        if (n == 0) {
            tree.subtreeLogWeight[c] = logWeight;
            take = true;
        } else {
            // One exp and one log give both the new total and the leaf's share w_n / total.
            double before = tree.subtreeLogWeight[c];
            double share;
            if (logWeight >= before) {
                double ratio = Math.exp(before - logWeight);
                tree.subtreeLogWeight[c] = logWeight + Math.log(1.0 + ratio);
                share = 1.0 / (1.0 + ratio);
            } else {
                double ratio = Math.exp(logWeight - before);
                tree.subtreeLogWeight[c] = before + Math.log(1.0 + ratio);
                share = ratio / (1.0 + ratio);
            }
            take = RandomStreams.leafUniform(tree.treeKey[c], tree.depth[c], n) < share;
        }
        if (take) {
            tree.proposalLogDensity[c] = buffers.logDensity[c];
            tree.proposalKinetic[c] = buffers.kinetic[c];
        }
        buffers.takeLeaf[c] = take;
        buffers.levels[c] = Integer.numberOfTrailingZeros(~n);
        buffers.popcount[c] = Integer.bitCount(n);
        return TreeOutcome.CONTINUED;
    }

    /** H at the new frontier; NaN counts as infinite, so that it diverges. */
    private double energy(int c) {
        double energy = -buffers.logDensity[c] + buffers.kinetic[c];
        return Double.isNaN(energy) ? Double.POSITIVE_INFINITY : energy;
    }

    private void readDivergentPositions() {
        ChainList divergent = buffers.divergent;
        int dimension = block.dimension();
        double[] out = new double[divergent.count * dimension];
        block.readFrontier(divergent.chains, divergent.count, out);
        for (int i = 0; i < divergent.count; i++) {
            tree.divergentPosition[divergent.get(i)] = java.util.Arrays.copyOfRange(out, i * dimension,
                    (i + 1) * dimension);
        }
    }

    /** Merge and U-turn check inside the doubling: the subtrees the new leaf closes. */
    void checkSubtrees() {
        ChainList leaves = buffers.leaves;
        block.afterLeaf(leaves.chains, leaves.count, buffers.levels, buffers.popcount, buffers.takeLeaf,
                buffers.failedLevel);
        for (int i = 0; i < leaves.count; i++) {
            int c = leaves.get(i);
            if (buffers.failedLevel[c] != 0) {
                end(c, TreeOutcome.UTurn.at(buffers.failedLevel[c]));
            } else if (tree.leaf[c] == (1 << tree.depth[c]) - 1) {
                decideTopMerge(c);
            } else {
                tree.leaf[c]++;
            }
        }
    }

    /** Biased progressive sampling: the doubling's proposal replaces the draw w.p. min(1, W_new / W_old). */
    private void decideTopMerge(int c) {
        double subtree = tree.subtreeLogWeight[c];
        double u = RandomStreams.leafUniform(tree.treeKey[c], tree.depth[c], RandomStreams.LEAF_TOP);
        boolean accept = subtree > tree.treeLogWeight[c] || u < Math.exp(subtree - tree.treeLogWeight[c]);
        buffers.take[c] = accept;
        if (accept) {
            tree.drawLogDensity[c] = tree.proposalLogDensity[c];
            tree.drawKinetic[c] = tree.proposalKinetic[c];
        }
        tree.treeLogWeight[c] = logSumExp(tree.treeLogWeight[c], subtree);
        buffers.subtreesDone.add(c);
    }

    /** Merge and U-turn check across the tree: each finished doubling joins its tree, which ends or doubles again. */
    void mergeIntoTrees() {
        ChainList done = buffers.subtreesDone;
        block.mergeIntoTree(done.chains, done.count, buffers.take, buffers.persist);
        for (int i = 0; i < done.count; i++) {
            int c = done.get(i);
            tree.depth[c]++;
            if (!buffers.persist[c]) {
                end(c, TreeOutcome.UTurn.at(tree.depth[c]));
            } else if (tree.depth[c] == maxDepth) {
                end(c, TreeOutcome.MAX_DEPTH);
            } else {
                beginDoubling(c, true);
            }
        }
    }

    /** End of tree: the chain waits for the sampler to finish its draw. */
    private void end(int c, TreeOutcome outcome) {
        tree.ending[c] = outcome;
        buffers.ended.add(c);
    }

    /** Picks the direction of the next doubling; the frontier swaps ends when the direction changes. */
    private void beginDoubling(int c, boolean queue) {
        tree.leaf[c] = 0;
        double u = RandomStreams.leafUniform(tree.treeKey[c], tree.depth[c], RandomStreams.LEAF_DIRECTION);
        boolean forwards = u > 0.5;
        if (queue) {
            buffers.swap[c] = forwards != tree.forward[c];
            buffers.doublings.add(c);
        }
        tree.forward[c] = forwards;
    }

    /** Starts chain {@code c}'s tree of its current iteration at its draw, at the next {@link #startTrajectories}. */
    void startTree(int c) {
        progress.mode[c] = Mode.TREE;
        tree.depth[c] = 0;
        tree.sumMetropolis[c] = 0.0;
        tree.leapfrogSteps[c] = 0;
        tree.ending[c] = TreeOutcome.CONTINUED;
        tree.divergentPosition[c] = null;
        tree.treeLogWeight[c] = 0.0;
        tree.treeKey[c] = random.treeKey(progress.iteration[c], firstChain + c);
        beginDoubling(c, false);
        queueTrajectory(c, RandomStreams.momentumEvent(progress.iteration[c]));
    }

    /** From now on, a chain's step-size search and tree are left to the device instead of starting here. */
    void buildTreesOnDevice() {
        treesOnDevice = true;
    }

    /** Starts Stan's step-size search (init_stepsize), or the tree where the step size cannot be searched from. */
    void startSearch(int c, boolean restartAdaptation) {
        if (!warmup.canSearch(c)) {
            if (treesOnDevice) {
                progress.mode[c] = Mode.ON_DEVICE;
            } else {
                startTree(c);
            }
            return;
        }
        warmup.beginSearch(c, restartAdaptation);
        if (treesOnDevice) {
            progress.mode[c] = Mode.ON_DEVICE;
            progress.searchFirst[c] = true;
            return;
        }
        progress.mode[c] = Mode.SEARCH;
        queueTrajectory(c, RandomStreams.stepSizeSearchEvent(progress.iteration[c], 0));
    }

    private void afterSearchStep(int c) {
        gradientEvaluations++;
        if (warmup.afterSearchStep(c, tree.initialEnergy[c] - energy(c))) {
            startTree(c);
        } else {
            queueTrajectory(c, RandomStreams.stepSizeSearchEvent(progress.iteration[c], warmup.searchTrial(c)));
        }
    }

    private void queueTrajectory(int c, long event) {
        buffers.event[c] = event;
        buffers.trajectories.add(c);
    }

    /** Start trajectory: fresh momenta for the queued chains, and their H0; then their first doublings' ends. */
    void startTrajectories() {
        ChainList starts = buffers.trajectories;
        if (!starts.isEmpty()) {
            block.beginTrajectory(starts.chains, starts.count, buffers.event, buffers.kinetic);
            for (int i = 0; i < starts.count; i++) {
                int c = starts.get(i);
                tree.initialEnergy[c] = -tree.drawLogDensity[c] + buffers.kinetic[c];
                if (progress.mode[c] == Mode.TREE) {
                    tree.drawKinetic[c] = buffers.kinetic[c];
                }
            }
            starts.clear();
        }
    }

    /** Starts the doublings decided in this step (swapping frontier ends where the direction changed). */
    void beginDoublings() {
        block.beginSubtree(buffers.doublings.chains, buffers.doublings.count, buffers.swap);
    }

    /** log(exp(a) + exp(b)), exact at a = b = -infinity. */
    static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        // log rather than log1p (not a JIT intrinsic): log weights need absolute, not relative, accuracy.
        return max + Math.log(1.0 + Math.exp(Math.min(a, b) - max));
    }

    /** Counts the leapfrog steps and lanes of a launch of the device state machine. */
    void countDeviceSteps(SampledDraws draws) {
        gradientEvaluations += draws.steps();
        lanes.add(draws.usefulSteps(), draws.paidSteps());
    }

    /** Counts {@code count} gradient evaluations made outside the leapfrog steps (initial points). */
    void countGradients(int count) {
        gradientEvaluations += count;
    }

    long usefulSteps() {
        return lanes.usefulSteps();
    }

    long paidSteps() {
        return lanes.paidSteps();
    }

    long gradientEvaluations() {
        return gradientEvaluations;
    }
}
