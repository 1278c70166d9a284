package manynuts.diagnostics.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.SplitChains;

/**
 * The folded scores' chain sums and the constant-chain test against brute force: fold every draw about the median,
 * rank the surviving draws by counting, score each rank, add up per split chain.
 */
class FoldedChainMomentsTest {

    private static double[][] draws(int chains, int length, int kind, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] draws = new double[chains][length];
        for (int chain = 0; chain < chains; chain++) {
            for (int t = 0; t < length; t++) {
                double value = random.nextGaussian();
                draws[chain][t] = switch (kind) {
                    case 0 -> value;
                    // Few distinct values: long runs of tied deviations on both sides of the median.
                    case 1 -> Math.round(2.0 * value) / 2.0;
                    // Draws come in pairs x, -x, so the median is 0 and the chains of +-1 are constant when folded.
                    case 2 -> chain % 2 == 0 ? (t % 2 == 0 ? 1.0 : -1.0) : (t % 2 == 0 ? value : -draws[chain][t - 1]);
                    case 3 -> chain % 3 == 0 ? 4.0 : value;
                    // Repeats of the draw before, as NUTS makes them: runs of equal deviations on one side only.
                    default -> t > 0 && random.nextInt(3) == 0 ? draws[chain][t - 1] : value;
                };
            }
        }
        return draws;
    }

    /** posterior's {@code fold_draws}: {@code abs(x - median(x))} in floating point. */
    private static double deviation(double value, double median) {
        return Math.abs(value - median);
    }

    @ParameterizedTest(name = "{0} chains x {1} draws, kind {2}")
    @CsvSource({"4, 10, 0", "3, 11, 0", "6, 9, 1", "5, 40, 1", "6, 8, 2", "4, 12, 2", "6, 12, 3", "2, 1, 0",
            "7, 2, 1", "3, 3, 3", "5, 41, 4", "6, 40, 4"})
    void sumsMatchBruteForceFoldedRanks(int chains, int length, int kind) {
        double[][] draws = draws(chains, length, kind, 100L * chains + length + kind);
        DrawsShape shape = DrawsShape.of(draws);
        SplitChains split = SplitChains.of(shape);
        PooledOrder order = new PooledOrder();
        order.sort(draws, shape);
        RankNormalisation.ScoreTable table = new RankNormalisation.ScoreTables().forCount(split.splitTotal());
        double[] moments = new double[FoldedChainMoments.MOMENTS * split.splitChainCount()];
        FoldedChainMoments.Walk range = FoldedChainMoments.accumulate(order, split, table, moments);

        double[] sorted = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
        double median = OrderStatistics.median(sorted, sorted.length);
        int splitChains = split.splitChainCount();
        int splitLength = split.splitLength();
        double[][] folded = new double[splitChains][splitLength];
        for (int chain = 0; chain < splitChains; chain++) {
            for (int t = 0; t < splitLength; t++) {
                double value = draws[split.sourceChain(chain)][split.sourceOffset(chain) + t];
                folded[chain][t] = deviation(value, median);
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int chain = 0; chain < splitChains; chain++) {
            double sum = 0.0;
            double squares = 0.0;
            boolean constant = true;
            for (int t = 0; t < splitLength; t++) {
                double below = 0.0;
                double equal = 0.0;
                for (double[] other : folded) {
                    for (double value : other) {
                        below += value < folded[chain][t] ? 1 : 0;
                        equal += value == folded[chain][t] ? 1 : 0;
                    }
                }
                double score = RankNormalisation.normalScore(below + (equal + 1.0) / 2.0, split.splitTotal());
                sum += score;
                squares += score * score;
                min = Math.min(min, score);
                max = Math.max(max, score);
                constant &= folded[chain][t] == folded[chain][0];
            }
            assertEquals(sum, moments[2 * chain], 1e-12 * splitLength, "sum of chain " + chain);
            assertEquals(squares, moments[2 * chain + 1], 1e-12 * splitLength, "squares of chain " + chain);
            double[] source = draws[split.sourceChain(chain)];
            int offset = split.sourceOffset(chain);
            double chainMin = Arrays.stream(source, offset, offset + splitLength).min().orElseThrow();
            double chainMax = Arrays.stream(source, offset, offset + splitLength).max().orElseThrow();
            assertEquals(constant, FoldedChainMoments.isConstant(order.sorted(), order.count(), source, offset,
                    splitLength, chainMin, chainMax), "constant chain " + chain);
        }
        assertEquals(min, range.minScore(), 1e-12);
        assertEquals(max, range.maxScore(), 1e-12);
        // The walk's MAD against R's definition: the median of every draw's absolute deviation, times 1.4826.
        double[] deviations = Arrays.stream(sorted).map(value -> deviation(value, median)).sorted().toArray();
        int middle = deviations.length / 2;
        double medianDeviation = deviations.length % 2 == 1 ? deviations[middle]
                : (deviations[middle - 1] + deviations[middle]) / 2.0;
        assertEquals(OrderStatistics.MAD_NORMAL_CONSTANT * medianDeviation, range.mad(), 0.0);
    }
}
