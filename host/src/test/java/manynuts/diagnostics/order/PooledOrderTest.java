package manynuts.diagnostics.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SplitChains;

/**
 * The radix sort and the move of scores back to draw order agree with the simple oracles: Arrays.sort of the pooled
 * draws, and average ranks counted by brute force, on draws with ties, signed zeros, infinities and odd lengths.
 */
class PooledOrderTest {

    private static double[][] draws(int chains, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] pool = {0.0, -0.0, 1.0, -2.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, 3.0};
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                // Half tied values from a small pool, half values that differ only in their last bits.
                chain[t] = random.nextBoolean() ? pool[random.nextInt(pool.length)]
                        : 1.0 + random.nextInt(64) * Math.ulp(1.0);
            }
        }
        return draws;
    }

    @ParameterizedTest
    @CsvSource({"3, 7, 1", "8, 40, 2", "1, 1, 3", "5, 1, 4", "64, 129, 5"})
    void sortsLikeArraysSort(int chains, int length, long seed) {
        double[][] draws = draws(chains, length, seed);
        PooledOrder order = new PooledOrder();
        order.sort(draws, DrawsShape.of(draws));
        double[] expected = Arrays.stream(draws).flatMapToDouble(Arrays::stream).map(x -> x + 0.0).sorted()
                .toArray();
        // -0.0 and 0.0 tie, so they may come in either order.
        assertArrayEquals(expected, Arrays.stream(order.sorted(), 0, order.count()).map(x -> x + 0.0).toArray());
        for (int k = 0; k < order.count(); k++) {
            assertEquals(order.sorted()[k], draws[order.chainAt(k)][order.drawAt(k)]);
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 7, 1", "8, 40, 2", "4, 1, 3", "64, 129, 5"})
    void bulkScoresMatchBruteForceRanks(int chains, int length, long seed) {
        double[][] draws = draws(chains, length, seed);
        DrawsShape shape = DrawsShape.of(draws);
        SplitChains split = SplitChains.of(shape);
        PooledOrder order = new PooledOrder();
        order.sort(draws, shape);
        // The scores may overwrite the keys they are computed from.
        long[] scoreBits = order.releaseKeys();
        RankNormalisation.normalScores(order, split, new RankNormalisation.ScoreTables().forCount(split.splitTotal()),
                order.scratch(), scoreBits, new PositionOrder());
        for (int chain = 0; chain < chains; chain++) {
            for (int t = 0; t < length; t++) {
                if (split.isDropped(t)) {
                    continue;
                }
                double below = 0;
                double tied = 0;
                for (int c = 0; c < chains; c++) {
                    for (int s = 0; s < length; s++) {
                        if (!split.isDropped(s)) {
                            below += draws[c][s] < draws[chain][t] ? 1 : 0;
                            tied += draws[c][s] == draws[chain][t] ? 1 : 0;
                        }
                    }
                }
                double expected = RankNormalisation.normalScore(below + (tied + 1) / 2.0, split.splitTotal());
                double actual = Double.longBitsToDouble(scoreBits[chain * length + t]);
                assertEquals(expected, actual, 1e-9, "chain " + chain + " draw " + t);
            }
        }
    }

    /**
     * Draws crowded into few leading-bit groups, so that groups overflow the cache-sized sort and are split again,
     * and split parts overflow it too: values in [1, 2) (one exponent), half of them in [1, 1 + 2^-12), and runs of
     * ties. The last case puts more draws in one slot than the sort's part buffers hold.
     */
    @ParameterizedTest
    @CsvSource({"40, 1000, 1", "7, 5003, 2", "60, 2000, 3", "90, 4000, 4"})
    void sortsCrowdedDrawsLikeArraysSort(int chains, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int t = 0; t < length; t++) {
                double u = random.nextDouble();
                chain[t] = switch (random.nextInt(4)) {
                    case 0 -> 1.0 + u;
                    case 1 -> 1.0 + u * 0x1p-12;
                    case 2 -> 1.0 + random.nextInt(16) * 0x1p-30;
                    default -> -1.0 - u * 0x1p-20;
                };
            }
        }
        assertSortsLikeArraysSort(draws);
    }

    /** The sorted draws equal Arrays.sort's, and each names the chain and draw it came from. */
    private static void assertSortsLikeArraysSort(double[][] draws) {
        PooledOrder order = new PooledOrder();
        order.sort(draws, DrawsShape.of(draws));
        double[] expected = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
        assertArrayEquals(expected, Arrays.copyOf(order.sorted(), order.count()));
        for (int k = 0; k < order.count(); k++) {
            assertEquals(order.sorted()[k], draws[order.chainAt(k)][order.drawAt(k)]);
        }
    }

    /**
     * Whole numbers, each drawn more often than the cache-sized sort holds, so that a slot's keys agree in every bit
     * above the positions and are ordered by value alone.
     */
    @Test
    void sortsManyEqualDrawsLikeArraysSort() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] draws = new double[6][5000];
        for (double[] chain : draws) {
            for (int t = 0; t < chain.length; t++) {
                chain[t] = Math.floor(random.nextGaussian());
            }
        }
        assertSortsLikeArraysSort(draws);
    }

    @ParameterizedTest
    @CsvSource({"3, 7", "2, 10"})
    void reportsNaN(int chains, int length) {
        double[][] draws = draws(chains, length, 9);
        draws[chains - 1][length - 1] = Double.NaN;
        assertFalse(new PooledOrder().sort(draws, DrawsShape.of(draws)));
    }
}
