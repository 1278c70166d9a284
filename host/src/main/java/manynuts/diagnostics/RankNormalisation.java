package manynuts.diagnostics;

/**
 * Rank normalisation of pooled draws (Vehtari et al. 2021, eq. 14): average ranks over all chains, Blom's offset
 * {@code (r - 3/8) / (S - 3/4 + 1)}, then the normal quantile; also for the draws folded about the median, which
 * R-hat uses to see differences in scale (posterior's {@code z_scale} and {@code fold_draws}).
 */
final class RankNormalisation {

    /** Blom's offset c = 3/8 in (r - c) / (S - 2c + 1). */
    private static final double BLOM_OFFSET = 3.0 / 8.0;

    private RankNormalisation() {
    }

    /**
     * Normal scores of the whole ranks 1..S, kept between calls: bulk and folded scores, and every parameter with
     * as many draws, reuse them, and only tied (fractional) ranks need a fresh quantile.
     */
    static final class ScoreTable {
        private double[] byRank = new double[0];
        private int count = -1;

        double score(double averageRank, int drawCount) {
            if (drawCount != count) {
                if (byRank.length < drawCount) {
                    byRank = new double[drawCount];
                }
                for (int rank = 1; rank <= drawCount; rank++) {
                    byRank[rank - 1] = normalScore(rank, drawCount);
                }
                count = drawCount;
            }
            int whole = (int) averageRank;
            return whole == averageRank ? byRank[whole - 1] : normalScore(averageRank, drawCount);
        }
    }

    /** The normal score of an average rank among {@code count} draws. */
    static double normalScore(double averageRank, int count) {
        return NormalQuantile.of((averageRank - BLOM_OFFSET) / (count - 2 * BLOM_OFFSET + 1.0));
    }

    /**
     * Writes the normal score of every draw to {@code scores[position[k]]}.
     *
     * @param sorted draws sorted ascending, {@code count} of them; not modified
     * @param position where each sorted draw sits in {@code scores}; not modified
     * @param table normal scores of whole ranks, reused between calls; modified
     * @param scores output; modified
     */
    static void normalScores(double[] sorted, int[] position, int count, ScoreTable table, double[] scores) {
        int start = 0;
        while (start < count) {
            int end = start + 1;
            while (end < count && sorted[end] == sorted[start]) {
                end++;
            }
            // Ties share the average of the ranks start+1 .. end.
            double score = table.score((start + 1 + end) / 2.0, count);
            for (int k = start; k < end; k++) {
                scores[position[k]] = score;
            }
            start = end;
        }
    }

    /**
     * Writes the normal score of every folded draw |x - center| to {@code scores[position[k]]}, ranking the
     * folded values by walking outwards from the median through the sorted draws instead of sorting again.
     *
     * @param allSorted all draws, sorted, whose median is the folding point (posterior folds before splitting,
     *     so this may include draws that {@code sorted} lacks)
     */
    static void foldedNormalScores(double[] sorted, int[] position, int count, double[] allSorted, int allCount,
            ScoreTable table, double[] scores) {
        OrderStatistics.FoldedOrder walk = new OrderStatistics.FoldedOrder(sorted, count, allSorted, allCount);
        OrderStatistics.FoldedOrder lookahead = walk.copy();
        int rankBefore = 0;
        while (walk.hasNext()) {
            lookahead.moveTo(walk);
            double deviation = lookahead.nextDeviation();
            int tied = 1;
            while (lookahead.hasNext() && lookahead.nextDeviation() == deviation) {
                tied++;
            }
            double score = table.score((rankBefore + 1 + rankBefore + tied) / 2.0, count);
            for (int k = 0; k < tied; k++) {
                walk.nextDeviation();
                scores[position[walk.lastPosition()]] = score;
            }
            rankBefore += tied;
        }
    }
}
