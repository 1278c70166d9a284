package manynuts.nuts;

import java.util.concurrent.atomic.AtomicLong;
import manynuts.rng.DrawStream;

/**
 * Hands each kept draw after warm-up to the {@link DrawSink}: its position, Stan's sampler statistics, the random
 * stream of its generated quantities, and its divergence, if the tree ended in one; and each warm-up draw with its
 * statistics, to a sink that wants them.
 */
final class DrawEmitter {
    private final DrawSink sink;
    private final AtomicLong drawsDone;
    private final int firstChain;
    private final int warmup;
    private final int thin;
    /** The generated quantities' random numbers of the draw being emitted. */
    private final DrawStream drawStream;
    private final double[] position;
    private final boolean wantsWarmupDraws;

    DrawEmitter(DrawSink sink, AtomicLong drawsDone, int firstChain, SamplerSettings settings, int dimension) {
        this.sink = sink;
        this.drawsDone = drawsDone;
        this.firstChain = firstChain;
        this.warmup = settings.warmup();
        this.thin = settings.thin();
        this.drawStream = new DrawStream(settings.seed());
        this.position = new double[dimension];
        this.wantsWarmupDraws = sink.wantsWarmupDraws();
    }

    /**
     * Emits the draw of sampling iteration {@code iteration} (warm-up included in the count) of chain {@code c},
     * unless thinning drops it.
     *
     * @param positions not modified: the draw at {@code positions[offset..]}
     * @param tree      not modified: the ended tree the statistics come from
     */
    void afterSamplingIteration(int c, int iteration, double[] positions, int offset, TreeState tree,
            double stepSize) {
        int sampling = iteration - warmup;
        if (sampling % thin != 0) {
            return;
        }
        int draw = sampling / thin;
        SamplerStats stats = stats(c, tree, stepSize);
        System.arraycopy(positions, offset, position, 0, position.length);
        int chain = firstChain + c;
        sink.draw(chain, draw, position, stats, drawStream.reset(chain, draw));
        if (tree.ending[c] instanceof TreeOutcome.Divergent divergence) {
            sink.divergence(new Divergence(chain, draw, tree.divergentPosition[c], divergence.energyError()));
        }
        drawsDone.incrementAndGet();
    }

    /**
     * Hands warm-up iteration {@code iteration}'s draw of chain {@code c} to the sink, if it wants warm-up draws;
     * arguments as above.
     */
    void afterWarmupIteration(int c, int iteration, double[] positions, int offset, TreeState tree, double stepSize) {
        if (!wantsWarmupDraws) {
            return;
        }
        System.arraycopy(positions, offset, position, 0, position.length);
        sink.warmupDraw(firstChain + c, iteration, position, stats(c, tree, stepSize));
    }

    private static SamplerStats stats(int c, TreeState tree, double stepSize) {
        return new SamplerStats(tree.drawLogDensity[c], tree.acceptStat(c), stepSize, tree.depth[c],
                tree.leapfrogSteps[c], tree.ending[c] instanceof TreeOutcome.Divergent, tree.drawEnergy(c));
    }
}
