package manynuts.diagnostics.order;

import manynuts.diagnostics.draws.SplitChains;

/**
 * Rank normalisation of pooled draws (Vehtari et al. 2021, eq. 14): average ranks over all chains, Blom's offset
 * {@code (r - 3/8) / (S - 3/4 + 1)}, then the normal quantile; also for the draws folded about the median, which
 * R-hat uses to see differences in scale (posterior's {@code z_scale} and {@code fold_draws}; the folded scores are
 * in {@link FoldedChainMoments}). Both read the ranks off one {@link PooledOrder}, so each parameter is sorted once.
 */
public final class RankNormalisation {

    /** Blom's offset c = 3/8 in (r - c) / (S - 2c + 1). */
    private static final double BLOM_OFFSET = 3.0 / 8.0;

    private RankNormalisation() {
    }

    /**
     * Normal scores of the average ranks 1, 1.5, 2, 2.5, ..., S for one S, read-only once built and so shared
     * between threads: whole ranks for lone draws and odd runs of ties, half ranks for even runs, which NUTS makes
     * often (a transition that keeps its starting point repeats the draw before). Only the lower half is stored:
     * the score of rank S + 1 - r is minus that of r.
     */
    public static final class ScoreTable {
        private final int count;
        /** The scores of the whole ranks 1, 2, ... up to the middle, rank r at index r - 1. */
        private final double[] wholeRanks;
        /**
         * The scores of the half ranks 1.5, 2.5, ... up to the middle, rank k + 0.5 at index k - 1; apart from the
         * whole ranks, so that lone draws, nearly all of them, stream through half as much table.
         */
        private final double[] halfRanks;

        private ScoreTable(int count) {
            this.count = count;
            this.wholeRanks = new double[Math.max((count + 1) / 2, 0)];
            this.halfRanks = new double[Math.max(count / 2, 0)];
            java.util.Arrays.parallelSetAll(wholeRanks, index -> normalScore(index + 1, count));
            java.util.Arrays.parallelSetAll(halfRanks, index -> normalScore(index + 1.5, count));
        }

        int count() {
            return count;
        }

        /**
         * The score {@code tied} draws share after {@code rankBefore} lower ranks: that of their average rank,
         * {@code rankBefore + (tied + 1) / 2} in exact arithmetic, read off the table; 0 when {@code tied} is 0 (a
         * run whose draws splitting all drops).
         */
        double scoreOfTies(int rankBefore, int tied) {
            if (tied == 0) {
                return 0.0;
            }
            // Twice the average rank, and twice its mirror S + 1 - rank, whose score is minus this one's.
            long halves = 2L * rankBefore + tied + 1;
            long mirrored = 2L * (count + 1) - halves;
            long lower = Math.min(halves, mirrored);
            double score = (lower & 1) == 0 ? wholeRanks[(int) (lower / 2 - 1)] : halfRanks[(int) (lower / 2 - 1)];
            return halves <= mirrored ? score : -score;
        }
    }

    /** Hands out one score table per draw count to any number of threads, keeping the latest. */
    public static final class ScoreTables {
        private ScoreTable latest;

        public synchronized ScoreTable forCount(int count) {
            if (latest == null || latest.count() != count) {
                latest = new ScoreTable(count);
            }
            return latest;
        }
    }

    /** The normal score of an average rank among {@code count} draws. */
    public static double normalScore(double averageRank, int count) {
        return NormalQuantile.of((averageRank - BLOM_OFFSET) / (count - 2 * BLOM_OFFSET + 1.0));
    }

    /**
     * Writes the normal score of every draw that survives splitting, as raw bits, to
     * {@code scores[chain * drawsPerChain + draw]}; ranks count those draws only. Dropped middle draws get 0.
     *
     * @param order the sorted draws; not modified
     * @param table scores for {@code split.splitTotal()} draws; not modified
     * @param buckets at least {@code order.count()} long, not {@code scores}; modified
     * @param scores output, at least {@code order.count()} long; may be the order's keys, which are read before
     *     it is written; modified
     * @param positionOrder moves scores from sorted order to draw order; modified
     */
    public static void normalScores(PooledOrder order, SplitChains split, ScoreTable table, long[] buckets,
            long[] scores, PositionOrder positionOrder) {
        int count = order.count();
        positionOrder.begin(count, positionBits(order));
        int length = split.drawsPerChain();
        boolean dropsMiddle = split.droppedDraw() >= 0;
        int rankBefore = 0;
        int start = 0;
        while (start < count) {
            int end = start + 1;
            while (end < count && order.equalsPrevious(end)) {
                end++;
            }
            int tied = dropsMiddle ? members(order, split, start, end) : end - start;
            // Ties share the average of the ranks rankBefore+1 .. rankBefore+tied.
            long scored = positionOrder.scoreBits(table.scoreOfTies(rankBefore, tied));
            for (int k = start; k < end; k++) {
                int draw = order.drawAt(k);
                long position = (long) order.chainAt(k) * length + draw;
                positionOrder.put((dropsMiddle && split.isDropped(draw) ? 0L : scored) | position, buckets);
            }
            rankBefore += tied;
            start = end;
        }
        positionOrder.finish(buckets, scores);
    }

    /** Bits for a position chain * drawsPerChain + draw. */
    private static int positionBits(PooledOrder order) {
        return 64 - Long.numberOfLeadingZeros(Math.max(order.count() - 1, 1));
    }

    /** How many of the sorted draws [from, to) survive splitting. */
    static int members(PooledOrder order, SplitChains split, int from, int to) {
        if (split.droppedDraw() < 0) {
            return to - from;
        }
        int members = 0;
        for (int k = from; k < to; k++) {
            members += split.isDropped(order.drawAt(k)) ? 0 : 1;
        }
        return members;
    }
}
