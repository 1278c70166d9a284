package manynuts.diagnostics.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SplitChains;

/**
 * The table's scores of tied runs and the bulk scores in draw order against the straightforward computation: the
 * average rank of each draw counted among all surviving draws, then its normal quantile.
 */
class RankNormalisationTest {

    @Test
    void scoreOfTiesIsTheScoreOfTheAverageRank() {
        for (int count : new int[] {1, 2, 3, 7, 10, 101}) {
            RankNormalisation.ScoreTable table = new RankNormalisation.ScoreTables().forCount(count);
            for (int rankBefore = 0; rankBefore < count; rankBefore++) {
                // A run with no surviving draw has no rank; its score is never used.
                assertEquals(0.0, table.scoreOfTies(rankBefore, 0));
                for (int tied = 1; rankBefore + tied <= count; tied++) {
                    double averageRank = rankBefore + (tied + 1) / 2.0;
                    assertEquals(RankNormalisation.normalScore(averageRank, count),
                            table.scoreOfTies(rankBefore, tied), 1e-14,
                            count + " draws, " + tied + " tied after rank " + rankBefore);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} chains x {1} draws, ties {2}")
    @CsvSource({"37, 51, false", "37, 51, true", "64, 40, false", "9, 300, true", "1, 3, false"})
    void normalScoresMatchCountedRanks(int chains, int length, boolean ties) {
        SplittableRandom random = new SplittableRandom(31L * chains + length);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                double value = random.nextGaussian();
                chain[t] = ties ? Math.round(4.0 * value) / 4.0 : value;
            }
        }
        DrawsShape shape = DrawsShape.of(draws);
        SplitChains split = SplitChains.of(shape);
        PooledOrder order = new PooledOrder();
        order.sort(draws, shape);
        RankNormalisation.ScoreTable table = new RankNormalisation.ScoreTables().forCount(split.splitTotal());
        long[] buckets = new long[order.count()];
        long[] scores = new long[order.count()];
        RankNormalisation.normalScores(order, split, table, buckets, scores, new PositionOrder());

        for (int chain = 0; chain < chains; chain++) {
            for (int t = 0; t < length; t++) {
                double expected = 0.0;
                if (!split.isDropped(t)) {
                    double below = 0.0;
                    double equal = 0.0;
                    for (double[] other : draws) {
                        for (int s = 0; s < length; s++) {
                            if (!split.isDropped(s)) {
                                below += other[s] < draws[chain][t] ? 1 : 0;
                                equal += other[s] == draws[chain][t] ? 1 : 0;
                            }
                        }
                    }
                    expected = RankNormalisation.normalScore(below + (equal + 1.0) / 2.0, split.splitTotal());
                }
                assertEquals(expected, Double.longBitsToDouble(scores[chain * length + t]), 1e-9,
                        "chain " + chain + ", draw " + t);
            }
        }
    }
}
