package manynuts.diagnostics.order;

import java.io.Serializable;
import java.util.Arrays;
import manynuts.diagnostics.draws.ChainParts;
import manynuts.diagnostics.draws.SplitChains;

/**
 * The pooled order of more draws than are worth sorting, in memory proportional to the number of chains: the draws
 * are counted into the slots of {@link SampledBins}, whose edges are a sample of the draws themselves, in a few
 * streaming passes. Counting every slot places any draw in the pooled order to within its slot. Then:
 * <ul>
 * <li>order statistics are exact: a pass gathers the draws of the few slots that hold the wanted positions (an atom,
 * the draws equal to an edge, needs no gathering) and sorts them; the highest-density interval is found the same way,
 * among the slots whose bounds leave them a chance of holding an end of the shortest interval;</li>
 * <li>average ranks are exact at the edges and in both tails, which are gathered whole; inside a slot a draw's rank is
 * interpolated linearly in its value, which is off by about the square root of the slot's count (a few ranks, for the
 * sizes {@link manynuts.diagnostics.summary.DiagnosticsWorkspace} picks), and its normal score with it.</li>
 * </ul>
 * Ranks (and normal scores) count the draws that survive splitting, as posterior's {@code z_scale} of split chains
 * does; order statistics count every draw. The values ranked are the draws themselves, or their absolute deviations
 * from the median for the folded diagnostics. Not thread-safe, except that {@link #scores} may be called from many
 * threads once {@link #prepareScores} has run.
 */
public final class BinnedOrder implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Normal-score span of a gap past which its scores are computed draw by draw rather than interpolated. */
    private static final double STEEP_SPAN = 0.05;
    /**
     * Numbers per edge in {@link #gapScore}, all a draw in the gap above the edge needs, in one cache line or two: the
     * edge, the gap's fine slots per unit of value, its first rank and inverse rank span (negative if the gap is
     * steep), and four cubic coefficients.
     */
    private static final int GAP_TERMS = 8;
    /** (sqrt(5) - 1) / 2: multiples of it, taken modulo 1, spread as evenly as any sequence can. */
    private static final double GOLDEN_RATIO_CONJUGATE = 0.6180339887498949;

    // Serialized, this is what scores() reads, for passes that score draws elsewhere: the order statistics' buffers
    // are transient, and null in a copy.
    private final SampledBins bins = new SampledBins();
    private transient double[] sample = new double[0];
    /** Kept (surviving the split) draws per slot, then their cumulative counts, and those of all draws. */
    private transient int[] keptCount = new int[0];
    private int[] keptBefore = new int[0];
    private transient int[] allBefore = new int[0];
    private int slots;
    private int total;
    private int keptTotal;
    private double lowest;
    private double highest;
    /** Draws that are -0.0: they share an edge with 0.0 but come first in the order, as in a sort. */
    private int negativeZeros;
    private final Folding folding = new Folding();

    /** The normal score of a kept draw at each edge. */
    private double[] atomScore = new double[0];
    /** Per gap, normal scores as a cubic in the rank (Hermite, exact at both ends in value and slope). */
    private double[] gapScore = new double[0];

    /** Gathered draws: the slots' draws sorted, slot by slot; kept tails separately. */
    private transient int[] gatheredSlots = new int[0];
    private transient int[] gatheredStart = new int[0];
    private int gatheredSlotCount;
    private transient double[] gathered = new double[0];
    private double[] keptLowTail = new double[0];
    private double[] keptHighTail = new double[0];
    private int keptLowCount;
    private int keptHighCount;

    /** What is ranked: the draws themselves, or their deviations from the median. */
    private static final class Folding implements Serializable {
        private static final long serialVersionUID = 1L;
        /** null while the draws themselves are ranked. */
        private FoldedChainMoments.Deviation deviation;

        /** What is ranked now, kept as it is for a pass. */
        Folding copy() {
            Folding copy = new Folding();
            copy.deviation = deviation;
            return copy;
        }

        double of(double value) {
            return deviation == null ? value : deviation.of(value);
        }
    }

    /** Ranks the draws themselves. */
    public void rankDraws() {
        folding.deviation = null;
    }

    /** Ranks the draws' absolute deviations from their median, as {@code deviation} computes them. */
    public void rankDeviations(FoldedChainMoments.Deviation deviation) {
        folding.deviation = deviation;
    }

    /** {@link #count(ChainParts, SplitChains, int, int)} of draws in memory, in one part. */
    public boolean count(double[][] draws, SplitChains split, int sampleSize, int finePerGap) {
        return count(ChainParts.inMemory(draws, 1), split, sampleSize, finePerGap);
    }

    /**
     * Picks edges from about {@code sampleSize} draws spread evenly over chains and iterations, cuts each gap into
     * {@code finePerGap} slots, then counts every slot: two passes over the parts.
     *
     * @return false if a draw is NaN (every statistic is then NA), true otherwise
     */
    public boolean count(ChainParts draws, SplitChains split, int sampleSize, int finePerGap) {
        int chains = split.chains();
        int length = split.drawsPerChain();
        total = chains * length;
        keptTotal = split.splitTotal();
        int samples = Math.max(1, Math.min(total, sampleSize));
        if (sample.length < samples) {
            sample = new double[samples];
        }
        int[] sampleChain = new int[samples];
        int[] sampleDraw = new int[samples];
        for (int i = 0; i < samples; i++) {
            // Chains in turn, and in each a draw from a golden-ratio sequence: spread over all iterations whatever
            // the number of chains, so that a drift (warm-up left in) or the middle draws cannot line the edges up.
            // (Every draw, when there are no more draws than edges wanted: then every rank is exact.)
            sampleChain[i] = samples == total ? i / length : (int) (((2L * i + 1) * chains) / (2L * samples));
            double phase = (i + 0.5) * GOLDEN_RATIO_CONJUGATE;
            sampleDraw[i] = samples == total ? i % length
                    : Math.min(length - 1, (int) ((phase - Math.floor(phase)) * length));
        }
        Folding fold = folding.copy();
        for (BinnedPasses.Picked picked : draws.run(BinnedPasses.pick(sampleChain, sampleDraw, fold::of))) {
            for (int k = 0; k < picked.index().length; k++) {
                sample[picked.index()[k]] = picked.value()[k];
            }
        }
        for (int i = 0; i < samples; i++) {
            if (Double.isNaN(sample[i])) {
                return false;
            }
        }
        bins.build(sample, samples, finePerGap);
        slots = bins.slots();
        if (keptBefore.length < slots + 2) {
            int capacity = slots + 1;
            keptBefore = new int[capacity + 1];
            allBefore = new int[capacity + 1];
        }
        BinnedPasses.SlotCounts counts = draws.reduce(BinnedPasses.count(bins, slots, split.droppedDraw(), fold::of),
                BinnedPasses.SlotCounts::plus);
        if (counts.missing()) {
            return false;
        }
        keptCount = counts.kept();
        lowest = counts.lowest();
        highest = counts.highest();
        negativeZeros = counts.negativeZeros();
        keptBefore[0] = 0;
        allBefore[0] = 0;
        for (int s = 0; s < slots; s++) {
            keptBefore[s + 1] = keptBefore[s] + keptCount[s];
            allBefore[s + 1] = allBefore[s] + counts.all(s);
        }
        if (allBefore[slots] != total) {
            throw new IllegalStateException("the parts of the chains hold " + allBefore[slots] + " draws, not "
                    + total);
        }
        return true;
    }

    /** Smallest and largest of the values ranked, from the counting pass. */
    public double lowest() {
        return lowest;
    }

    public double highest() {
        return highest;
    }

    /**
     * Gathers what exact order statistics at {@code positions} (0-based, among all draws) need, plus both tails for
     * the ranks, in one pass; when {@code hdiProbability} is a probability, also what the shortest interval holding
     * that share of the draws needs, and returns it (else null).
     */
    public HighestDensityInterval gather(double[][] draws, SplitChains split, int[] positions, double hdiProbability) {
        return gather(ChainParts.inMemory(draws, 1), split, positions, hdiProbability);
    }

    /** {@link #gather(double[][], SplitChains, int[], double)} in one pass over the parts. */
    public HighestDensityInterval gather(ChainParts draws, SplitChains split, int[] positions,
            double hdiProbability) {
        boolean[] wanted = new boolean[slots];
        wanted[0] = true;
        wanted[slots - 1] = true;
        for (int position : positions) {
            wanted[slotHolding(position)] = true;
        }
        int inside = 0;
        if (!Double.isNaN(hdiProbability)) {
            inside = HighestDensityInterval.drawsInside(hdiProbability, total);
            markIntervalCandidates(inside, wanted);
        }
        gatherSlots(draws, split, wanted);
        if (Double.isNaN(hdiProbability)) {
            return null;
        }
        return shortestInterval(inside, hdiProbability, wanted);
    }

    /** How many draws the last {@link #gather} holds: the gathered slots and the kept tails. */
    int gatheredDraws() {
        return gatheredStart[gatheredSlotCount] + keptLowCount + keptHighCount;
    }

    /** The draw at {@code position} (0-based) in the ascending order of all draws; gathered beforehand. */
    public double at(int position) {
        int slot = slotHolding(position);
        if (bins.isAtom(slot)) {
            double edge = bins.edge(bins.edgeOf(slot));
            return edge == 0.0 ? (position - allBefore[slot] < negativeZeros ? -0.0 : 0.0) : edge;
        }
        int index = Arrays.binarySearch(gatheredSlots, 0, gatheredSlotCount, slot);
        if (index < 0) {
            throw new IllegalStateException("position " + position + " was not gathered");
        }
        return gathered[gatheredStart[index] + position - allBefore[slot]];
    }

    /** The slot that holds the draw at a position among all draws. */
    private int slotHolding(int position) {
        // The last slot whose draws start at or before the position: it holds the position, so it is not empty.
        int low = 0;
        int high = slots - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (allBefore[middle] <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private double slotLowerBound(int slot) {
        if (slot == 0) {
            return lowest;
        }
        return slot == slots - 1 ? bins.edge(bins.edgeCount() - 1) : bins.lowerBound(slot);
    }

    private double slotUpperBound(int slot) {
        if (slot == slots - 1) {
            return highest;
        }
        return slot == 0 ? bins.edge(0) : bins.upperBound(slot);
    }

    /**
     * Marks the slots that may hold an end of the shortest interval of {@code inside} draws: the start positions are
     * cut into pieces over which both ends stay in one slot each, and a piece is kept unless even its narrowest
     * possible width exceeds the widest possible width of the best piece.
     */
    private void markIntervalCandidates(int inside, boolean[] wanted) {
        double bound = Double.POSITIVE_INFINITY;
        for (int pass = 0; pass < 2; pass++) {
            int start = 0;
            int lowSlot = slotHolding(0);
            int highSlot = slotHolding(inside - 1);
            while (start + inside - 1 < total) {
                int end = Math.min(allBefore[lowSlot + 1], allBefore[highSlot + 1] - inside + 1);
                double widest = slotUpperBound(highSlot) - slotLowerBound(lowSlot);
                double narrowest = slotLowerBound(highSlot) - slotUpperBound(lowSlot);
                if (pass == 0) {
                    bound = Math.min(bound, widest);
                } else if (!(narrowest > bound)) {
                    wanted[lowSlot] = true;
                    wanted[highSlot] = true;
                }
                start = end;
                while (lowSlot < slots - 1 && allBefore[lowSlot + 1] <= start) {
                    lowSlot++;
                }
                while (highSlot < slots - 1 && allBefore[highSlot + 1] <= start + inside - 1) {
                    highSlot++;
                }
            }
        }
    }

    /** The shortest interval among the candidate pieces, ties to the lowest, as {@link HighestDensityInterval}. */
    private HighestDensityInterval shortestInterval(int inside, double probability, boolean[] wanted) {
        int bestStart = -1;
        double bestWidth = Double.POSITIVE_INFINITY;
        int start = 0;
        while (start + inside - 1 < total) {
            int lowSlot = slotHolding(start);
            int highSlot = slotHolding(start + inside - 1);
            int end = Math.min(allBefore[lowSlot + 1], allBefore[highSlot + 1] - inside + 1);
            if (wanted[lowSlot] && wanted[highSlot]) {
                for (int s = start; s < end; s++) {
                    double width = at(s + inside - 1) - at(s);
                    if (width < bestWidth || bestStart < 0) {
                        bestWidth = width;
                        bestStart = s;
                    }
                }
            }
            start = end;
        }
        return new HighestDensityInterval(at(bestStart), at(bestStart + inside - 1), probability);
    }

    /** One pass putting the draws of every wanted slot that is not an atom into {@link #gathered}, sorted per slot. */
    private void gatherSlots(ChainParts draws, SplitChains split, boolean[] wanted) {
        int count = 0;
        int size = 0;
        for (int s = 0; s < slots; s++) {
            if (wanted[s] && !bins.isAtom(s)) {
                count++;
                size += allBefore[s + 1] - allBefore[s];
            }
        }
        if (gatheredSlots.length < count) {
            gatheredSlots = new int[count];
            gatheredStart = new int[count + 1];
        }
        if (gathered.length < size) {
            gathered = new double[size];
        }
        // The gaps between edges that hold a wanted slot, ascending, by the edge below them.
        int[] gaps = new int[count];
        int gapCount = 0;
        int index = 0;
        int offset = 0;
        for (int s = 0; s < slots; s++) {
            if (wanted[s] && !bins.isAtom(s)) {
                gatheredSlots[index] = s;
                gatheredStart[index] = offset;
                offset += allBefore[s + 1] - allBefore[s];
                index++;
                int gap = bins.edgeOf(s);
                if (!bins.isTail(s) && (gapCount == 0 || gaps[gapCount - 1] != gap)) {
                    gaps[gapCount++] = gap;
                }
            }
        }
        gatheredStart[count] = offset;
        gatheredSlotCount = count;
        double[] gapLow = new double[gapCount];
        for (int g = 0; g < gapCount; g++) {
            gapLow[g] = bins.edge(gaps[g]);
        }
        int[] filled = new int[count];
        BinnedPasses.Gathered found = draws.reduce(BinnedPasses.gather(bins, Arrays.copyOf(gatheredSlots, count),
                gaps, gapLow, gapCount, split.droppedDraw(), folding.copy()::of), BinnedPasses.Gathered::plus);
        for (int k = 0; k < found.target().length; k++) {
            int target = found.target()[k];
            gathered[gatheredStart[target] + filled[target]++] = found.value()[k];
        }
        keptLowTail = found.keptLow();
        keptHighTail = found.keptHigh();
        keptLowCount = keptCount[0];
        keptHighCount = keptCount[slots - 1];
        for (int i = 0; i < count; i++) {
            Arrays.sort(gathered, gatheredStart[i], gatheredStart[i + 1]);
        }
        Arrays.sort(keptLowTail, 0, keptLowCount);
        Arrays.sort(keptHighTail, 0, keptHighCount);
    }

    /**
     * Readies {@link #scores}: the normal score at each edge, and across each gap a cubic in the rank that matches the
     * scores and their slopes at both ends of the gap's ranks; a gap whose scores span more than
     * {@link #STEEP_SPAN} (the far tails) is scored draw by draw.
     */
    public void prepareScores() {
        int edges = bins.edgeCount();
        if (atomScore.length < edges) {
            atomScore = new double[edges];
            gapScore = new double[GAP_TERMS * edges];
        }
        double scale = keptTotal + 0.25;
        for (int j = 0; j < edges; j++) {
            int atom = bins.atomSlot(j);
            atomScore[j] = RankNormalisation.normalScore(keptBefore[atom] + (keptCount[atom] + 1) / 2.0, keptTotal);
            int at = GAP_TERMS * j;
            gapScore[at] = bins.edge(j);
            if (j == edges - 1) {
                break;
            }
            gapScore[at + 1] = bins.gapScale(j);
            // A draw in the gap gets a rank in [first, last], the ranks of its first and last draw: see scoreAt().
            double first = Math.min(keptBefore[atom + 1] + 1.0, keptTotal);
            double last = Math.max(first, keptBefore[bins.atomSlot(j + 1)]);
            double span = last - first;
            double firstScore = RankNormalisation.normalScore(first, keptTotal);
            double lastScore = RankNormalisation.normalScore(last, keptTotal);
            double firstSlope = span / (scale * density(firstScore));
            double lastSlope = span / (scale * density(lastScore));
            boolean steep = !(lastScore - firstScore <= STEEP_SPAN);
            gapScore[at + 2] = first;
            gapScore[at + 3] = (span > 0.0 ? 1.0 / span : 0.0) * (steep ? -1.0 : 1.0);
            gapScore[at + 4] = firstScore;
            gapScore[at + 5] = firstSlope;
            gapScore[at + 6] = 3.0 * (lastScore - firstScore) - 2.0 * firstSlope - lastSlope;
            gapScore[at + 7] = 2.0 * (firstScore - lastScore) + firstSlope + lastSlope;
        }
    }

    private static double density(double score) {
        return Math.exp(-0.5 * score * score) / Math.sqrt(2.0 * Math.PI);
    }

    /**
     * The normal scores of kept draws {@code source[offset, offset + length)} (folded first if deviations are ranked)
     * into {@code target[0, length)}. Finds every draw's edge first and scores them after, so that the cache misses of
     * many draws' lookups overlap instead of each waiting on the one before.
     *
     * @param edges scratch of at least {@code length}; modified
     */
    public void scores(double[] source, int offset, int length, double[] target, int[] edges) {
        for (int t = 0; t < length; t++) {
            double value = folding.of(source[offset + t]);
            target[t] = value;
            edges[t] = bins.lastAtOrBelow(value);
        }
        for (int t = 0; t < length; t++) {
            target[t] = scoreAt(target[t], edges[t]);
        }
    }

    /** The normal score of a kept draw's value, given the last edge at or below it (-1 if none). */
    private double scoreAt(double value, int edge) {
        // As SampledBins.slotOf, keeping the edge and the position across the gap that the slot comes from.
        if (edge < 0) {
            return tailScore(keptLowTail, keptLowCount, 0, value);
        }
        int at = GAP_TERMS * edge;
        double offset = value - gapScore[at];
        if (offset == 0.0) {
            return atomScore[edge];
        }
        if (edge == bins.edgeCount() - 1) {
            return tailScore(keptHighTail, keptHighCount, keptBefore[slots - 1], value);
        }
        double position = offset * gapScore[at + 1];
        int index = Math.min(bins.fine() - 1, (int) position);
        int slot = bins.atomSlot(edge) + 1 + index;
        // The c draws of the slot take ranks before + 1 to before + c: the first at its low end, the last at its
        // high end, linearly in between (a lone draw gets its exact rank).
        int before = keptBefore[slot];
        double fraction = position - index;
        double rank = before + 1.0 + (keptBefore[slot + 1] - before - 1.0) * (fraction < 1.0 ? fraction : 1.0);
        double inverseSpan = gapScore[at + 3];
        if (inverseSpan < 0.0) {
            return RankNormalisation.normalScore(Math.min(Math.max(rank, 1.0), keptTotal), keptTotal);
        }
        double t = (rank - gapScore[at + 2]) * inverseSpan;
        t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
        return gapScore[at + 4] + t * (gapScore[at + 5] + t * (gapScore[at + 6] + t * gapScore[at + 7]));
    }

    private double tailScore(double[] tail, int count, int before, double value) {
        int below = OrderStatistics.firstAtOrAbove(tail, count, value);
        int equal = 0;
        while (below + equal < count && tail[below + equal] == value) {
            equal++;
        }
        return RankNormalisation.normalScore(before + below + (equal + 1) / 2.0, keptTotal);
    }
}
