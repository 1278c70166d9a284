package manynuts.diagnostics;

/**
 * Rank normalisation of pooled draws (Vehtari et al. 2021, eq. 14): average ranks over all chains, Blom's offset
 * {@code (r - 3/8) / (S - 3/4 + 1)}, then the normal quantile; also for the draws folded about the median, which
 * R-hat uses to see differences in scale (posterior's {@code z_scale} and {@code fold_draws}). Both read the ranks
 * off one {@link PooledOrder}, so each parameter is sorted once.
 */
final class RankNormalisation {

    /** Blom's offset c = 3/8 in (r - c) / (S - 2c + 1). */
    private static final double BLOM_OFFSET = 3.0 / 8.0;

    private RankNormalisation() {
    }

    /**
     * Normal scores of the whole ranks 1..S for one S, read-only once built and so shared between threads. Only
     * the lower half is stored: the score of rank S + 1 - r is minus that of r.
     */
    static final class ScoreTable {
        private final int count;
        private final double[] lowerHalf;

        private ScoreTable(int count) {
            this.count = count;
            this.lowerHalf = new double[(count + 1) / 2];
            for (int rank = 1; rank <= lowerHalf.length; rank++) {
                lowerHalf[rank - 1] = normalScore(rank, count);
            }
        }

        int count() {
            return count;
        }

        /** The score of an average rank among {@link #count()} draws; only tied (fractional) ranks cost a quantile. */
        double score(double averageRank) {
            int whole = (int) averageRank;
            if (whole != averageRank) {
                return normalScore(averageRank, count);
            }
            return whole <= lowerHalf.length ? lowerHalf[whole - 1] : -lowerHalf[count - whole];
        }
    }

    /** Hands out one score table per draw count to any number of threads, keeping the latest. */
    static final class ScoreTables {
        private ScoreTable latest;

        synchronized ScoreTable forCount(int count) {
            if (latest == null || latest.count() != count) {
                latest = new ScoreTable(count);
            }
            return latest;
        }
    }

    /** The normal score of an average rank among {@code count} draws. */
    static double normalScore(double averageRank, int count) {
        return NormalQuantile.of((averageRank - BLOM_OFFSET) / (count - 2 * BLOM_OFFSET + 1.0));
    }

    /**
     * Writes the normal score of every draw that survives splitting, as raw bits, to
     * {@code scoreBits[chain * drawsPerChain + draw]}; ranks count those draws only. Dropped middle draws get 0.
     *
     * @param order the sorted draws; not modified
     * @param table scores for {@code split.splitTotal()} draws; not modified
     * @param scoreBits output, at least {@code order.count()} long; modified
     * @param buffer as long as scoreBits; modified
     * @param positionOrder moves scores from sorted order to draw order; modified
     */
    static void normalScores(PooledOrder order, SplitChains split, ScoreTable table, long[] scoreBits,
            long[] buffer, PositionOrder positionOrder) {
        int positionBits = positionBits(order);
        double[] sorted = order.sorted();
        int count = order.count();
        int rankBefore = 0;
        int start = 0;
        while (start < count) {
            int end = start + 1;
            while (end < count && sorted[end] == sorted[start]) {
                end++;
            }
            int tied = members(order, split, start, end);
            // Ties share the average of the ranks rankBefore+1 .. rankBefore+tied, here doubled to stay whole.
            double score = table.score((2 * rankBefore + 1 + tied) / 2.0);
            write(order, split, start, end, score, positionBits, scoreBits);
            rankBefore += tied;
            start = end;
        }
        positionOrder.restore(scoreBits, buffer, order.count(), positionBits);
    }

    /** Entries per split chain in the moments of {@link #foldedChainMoments}. */
    static final int MOMENTS = 4;

    /**
     * Sums, sums of squares, minima and maxima per split chain of the normal scores of the draws folded about the
     * median, |x - median|, at {@code moments[MOMENTS * splitChain + (0, 1, 2, 3)]}. Folded R-hat needs only chain
     * moments, so the scores are added up where the walk meets them and never put back in draw order. The folded
     * values are ranked by walking outwards from the median through the sorted draws: equal deviations form one
     * run below the median and one above it. posterior folds before splitting, so the median is over all draws.
     * The two middle draws of an even count get the exact half gap, so they tie as in exact arithmetic (see
     * {@link OrderStatistics.FoldedOrder}).
     *
     * @param moments at least {@code MOMENTS * split.splitChainCount()} values; modified
     */
    static void foldedChainMoments(PooledOrder order, SplitChains split, ScoreTable table, double[] moments) {
        for (int chain = 0; chain < split.splitChainCount(); chain++) {
            moments[MOMENTS * chain] = 0.0;
            moments[MOMENTS * chain + 1] = 0.0;
            moments[MOMENTS * chain + 2] = Double.POSITIVE_INFINITY;
            moments[MOMENTS * chain + 3] = Double.NEGATIVE_INFINITY;
        }
        double[] sorted = order.sorted();
        int count = order.count();
        Deviation deviation = new Deviation(sorted, count);
        int above = firstAtOrAbove(sorted, count, deviation.center);
        int below = above - 1;
        int rankBefore = 0;
        while (below >= 0 || above < count) {
            double belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
            double aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
            double smallest = Math.min(belowDeviation, aboveDeviation);
            int aboveEnd = above;
            while (aboveEnd < count && deviation.of(sorted[aboveEnd]) == smallest) {
                aboveEnd++;
            }
            int belowEnd = below;
            while (belowEnd >= 0 && deviation.of(sorted[belowEnd]) == smallest) {
                belowEnd--;
            }
            if (aboveEnd == above && belowEnd == below) {
                // Only a NaN deviation (an infinite median) matches nothing; take it alone.
                if (above < count) {
                    aboveEnd++;
                } else {
                    belowEnd--;
                }
            }
            int tied = members(order, split, belowEnd + 1, below + 1) + members(order, split, above, aboveEnd);
            double score = table.score((2 * rankBefore + 1 + tied) / 2.0);
            accumulate(order, split, belowEnd + 1, below + 1, score, moments);
            accumulate(order, split, above, aboveEnd, score, moments);
            rankBefore += tied;
            below = belowEnd;
            above = aboveEnd;
        }
    }

    /** Adds one score to the moments of the split chain of each surviving sorted draw in [from, to). */
    private static void accumulate(PooledOrder order, SplitChains split, int from, int to, double score,
            double[] moments) {
        int secondHalf = split.isSplit() ? split.sourceOffset(1) : Integer.MAX_VALUE;
        int halves = split.isSplit() ? 2 : 1;
        double square = score * score;
        for (int k = from; k < to; k++) {
            int draw = order.drawAt(k);
            if (split.isDropped(draw)) {
                continue;
            }
            int at = MOMENTS * (halves * order.chainAt(k) + (draw >= secondHalf ? 1 : 0));
            moments[at] += score;
            moments[at + 1] += square;
            moments[at + 2] = Math.min(moments[at + 2], score);
            moments[at + 3] = Math.max(moments[at + 3], score);
        }
    }

    /** Bits for a position chain * drawsPerChain + draw. */
    private static int positionBits(PooledOrder order) {
        return 64 - Long.numberOfLeadingZeros(Math.max(order.count() - 1, 1));
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

    /** How many of the sorted draws [from, to) survive splitting. */
    private static int members(PooledOrder order, SplitChains split, int from, int to) {
        if (!split.isSplit() || split.drawsPerChain() % 2 == 0) {
            return to - from;
        }
        int members = 0;
        for (int k = from; k < to; k++) {
            members += split.isDropped(order.drawAt(k)) ? 0 : 1;
        }
        return members;
    }

    /** Records (score, position) at the sorted positions [from, to); dropped middle draws get score 0. */
    private static void write(PooledOrder order, SplitChains split, int from, int to, double score,
            int positionBits, long[] entries) {
        int length = split.drawsPerChain();
        long scored = PositionOrder.entry(score, 0L, positionBits);
        for (int k = from; k < to; k++) {
            int draw = order.drawAt(k);
            long position = (long) order.chainAt(k) * length + draw;
            entries[k] = (split.isDropped(draw) ? 0L : scored) | position;
        }
    }
}
