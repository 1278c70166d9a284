package manynuts.diagnostics;

/**
 * Per split chain sums and sums of squares of the normal scores of the draws folded about the median, |x - median|,
 * which is all folded R-hat needs (posterior's {@code fold_draws} then {@code z_scale}). Folded ranks come from
 * walking outwards from the median through the sorted draws: equal deviations form one run below the median and one
 * above it. The walk writes each score next to its draw in sorted order, two sequential streams; a second, flat
 * pass adds the scores to their chains' sums, never putting them back in draw order. Whether a split chain's
 * folded scores are all equal is read off its raw minimum and maximum afterwards, so the walk keeps two sums per
 * chain (a table that stays in cache) instead of four.
 */
final class FoldedChainMoments {

    /** Entries per split chain in the moments: sum and sum of squares. */
    static final int MOMENTS = 2;

    /** The smallest and the largest folded score any split chain holds. */
    record ScoreRange(double min, double max) {
    }

    private FoldedChainMoments() {
    }

    /**
     * posterior folds before splitting, so the median is over all draws. The two middle draws of an even count get
     * the exact half gap, so they tie as in exact arithmetic (see {@link OrderStatistics.FoldedOrder}).
     *
     * @param order the sorted draws; not modified
     * @param table scores for {@code split.splitTotal()} draws; not modified
     * @param scoreBits at least {@code order.count()} long: the folded score of the k-th smallest draw, as raw bits;
     *     modified
     * @param moments at least {@code MOMENTS * split.splitChainCount()} values: sum and sum of squares per split
     *     chain; modified
     */
    static ScoreRange accumulate(PooledOrder order, SplitChains split, RankNormalisation.ScoreTable table,
            long[] scoreBits, double[] moments) {
        double[] sorted = order.sorted();
        int count = order.count();
        Deviation deviation = new Deviation(sorted, count);
        int above = firstAtOrAbove(sorted, count, deviation.center);
        int below = above - 1;
        double belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
        double aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
        double minScore = Double.POSITIVE_INFINITY;
        double maxScore = Double.NEGATIVE_INFINITY;
        int rankBefore = 0;
        while (below >= 0 || above < count) {
            double smallest = Math.min(belowDeviation, aboveDeviation);
            int aboveStart = above;
            int belowStart = below;
            while (above < count && aboveDeviation == smallest) {
                above++;
                aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
            }
            while (below >= 0 && belowDeviation == smallest) {
                below--;
                belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
            }
            if (above == aboveStart && below == belowStart) {
                // Only a NaN deviation (an infinite median) matches nothing; take it alone.
                if (above < count) {
                    above++;
                    aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
                } else {
                    below--;
                    belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
                }
            }
            int tied = RankNormalisation.members(order, split, below + 1, belowStart + 1)
                    + RankNormalisation.members(order, split, aboveStart, above);
            double score = table.scoreOfTies(rankBefore, tied);
            if (tied > 0) {
                minScore = Math.min(minScore, score);
                maxScore = Math.max(maxScore, score);
            }
            long bits = Double.doubleToRawLongBits(score);
            // Runs are nearly always one draw long, too short to pay for a call to Arrays.fill.
            for (int k = below + 1; k <= belowStart; k++) {
                scoreBits[k] = bits;
            }
            for (int k = aboveStart; k < above; k++) {
                scoreBits[k] = bits;
            }
            rankBefore += tied;
        }
        addToChains(order, split, scoreBits, moments);
        return new ScoreRange(minScore, maxScore);
    }

    /** Adds each surviving sorted draw's score, and its square, to the sums of its split chain. */
    private static void addToChains(PooledOrder order, SplitChains split, long[] scoreBits, double[] moments) {
        java.util.Arrays.fill(moments, 0, MOMENTS * split.splitChainCount(), 0.0);
        int secondHalf = split.isSplit() ? split.sourceOffset(1) : Integer.MAX_VALUE;
        int halves = split.isSplit() ? 2 : 1;
        boolean dropsMiddle = split.isSplit() && split.drawsPerChain() % 2 == 1;
        int count = order.count();
        for (int k = 0; k < count; k++) {
            int draw = order.drawAt(k);
            if (dropsMiddle && split.isDropped(draw)) {
                continue;
            }
            int at = MOMENTS * (halves * order.chainAt(k) + (draw >= secondHalf ? 1 : 0));
            double score = Double.longBitsToDouble(scoreBits[k]);
            moments[at] += score;
            moments[at + 1] += score * score;
        }
    }

    /**
     * Means and sample variances of the folded scores per split chain, from the sums {@link #accumulate} left.
     *
     * @param moments the sums; not modified
     * @param chainMin smallest draw per split chain; not modified
     * @param chainMax largest draw per split chain; not modified
     * @param means modified, one per split chain
     * @param variances modified, one per split chain
     */
    static void chainMoments(double[] moments, PooledOrder order, double[][] draws, SplitChains split,
            double[] chainMin, double[] chainMax, double[] means, double[] variances) {
        int length = split.splitLength();
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            double sum = moments[MOMENTS * chain];
            double sumOfSquares = moments[MOMENTS * chain + 1];
            boolean constant = isConstant(order.sorted(), order.count(), draws[split.sourceChain(chain)],
                    split.sourceOffset(chain), length, chainMin[chain], chainMax[chain]);
            // Scores are bounded, so the one-pass variance loses nothing that matters; a constant chain gets 0.
            double mean = sum / length;
            double squares = constant ? 0.0 : Math.max(0.0, sumOfSquares - sum * mean);
            means[chain] = mean;
            variances[chain] = squares / (length - 1);
        }
    }

    /**
     * Whether every draw of one split chain has the same folded score, that is the same deviation from the median:
     * then its smallest and largest draws share a deviation, and every draw is one of the two.
     *
     * @param chainMin the split chain's smallest draw
     * @param chainMax its largest draw
     */
    static boolean isConstant(double[] sorted, int count, double[] source, int offset, int length,
            double chainMin, double chainMax) {
        if (length == 1) {
            return true;
        }
        Deviation deviation = new Deviation(sorted, count);
        double first = deviation.of(chainMin);
        // A NaN deviation (an infinite median) ties with nothing, not even itself.
        if (Double.isNaN(first) || first != deviation.of(chainMax)) {
            return false;
        }
        for (int t = 0; chainMin != chainMax && t < length; t++) {
            if (deviation.of(source[offset + t]) != first) {
                return false;
            }
        }
        return true;
    }

    /** |x - median|, with the exact half gap for the two middle draws of an even count. */
    private static final class Deviation {
        final double center;
        private final double pairLow;
        private final double pairHigh;
        private final double pairDeviation;

        Deviation(double[] sorted, int count) {
            center = OrderStatistics.median(sorted, count);
            boolean even = count % 2 == 0;
            pairLow = even ? sorted[count / 2 - 1] : Double.NaN;
            pairHigh = even ? sorted[count / 2] : Double.NaN;
            pairDeviation = (pairHigh - pairLow) / 2.0;
        }

        double of(double value) {
            return value == pairLow || value == pairHigh ? pairDeviation : Math.abs(value - center);
        }
    }

    private static int firstAtOrAbove(double[] sorted, int count, double value) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
