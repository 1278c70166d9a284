package manynuts.diagnostics.order;

import java.util.function.IntToDoubleFunction;

/** Quantile, median and MAD of draws already sorted ascending, with R's conventions so results match posterior. */
public final class OrderStatistics {

    /** R's {@code mad()} scale, which makes the MAD estimate the sd of a normal distribution. */
    public static final double MAD_NORMAL_CONSTANT = 1.4826;

    private OrderStatistics() {
    }

    /**
     * Hyndman and Fan's type 7 quantile (R's default, posterior's {@code quantile2}) of {@code sorted[0, count)}.
     */
    public static double quantile(double[] sorted, int count, double probability) {
        return quantile(position -> sorted[position], count, probability);
    }

    /**
     * The type 7 quantile of {@code count} draws, {@code at.applyAsDouble(i)} the i-th smallest (0-based). Written
     * with R's 1-based index so boundary cases round the same way.
     */
    public static double quantile(IntToDoubleFunction at, int count, double probability) {
        if (count == 0 || Double.isNaN(probability)) {
            return Double.NaN;
        }
        double index = 1.0 + (count - 1) * probability;
        int lower = (int) Math.floor(index);
        int upper = (int) Math.ceil(index);
        double value = at.applyAsDouble(lower - 1);
        double upperValue = at.applyAsDouble(upper - 1);
        if (index > lower && upperValue != value) {
            double weight = index - lower;
            value = (1.0 - weight) * value + weight * upperValue;
        }
        return value;
    }

    /** The 0-based positions in ascending order that the type 7 quantile at {@code probability} reads. */
    public static int[] quantilePositions(int count, double probability) {
        if (count == 0 || Double.isNaN(probability)) {
            return new int[0];
        }
        double index = 1.0 + (count - 1) * probability;
        return new int[] {(int) Math.floor(index) - 1, (int) Math.ceil(index) - 1};
    }

    /** The sample median of {@code sorted[0, count)}. */
    public static double median(double[] sorted, int count) {
        return median(position -> sorted[position], count);
    }

    /**
     * The sample median of {@code count} draws, {@code at.applyAsDouble(i)} the i-th smallest (0-based): for an even
     * count the correctly rounded midpoint of the middle pair. R averages the pair in extended precision, which gives
     * the same double except, rarely, by one ulp when the two differ in magnitude by more than a factor of about
     * 2^11 (a pair straddling zero); the folded ranks' tie of the middle pair could then differ from posterior's.
     */
    public static double median(IntToDoubleFunction at, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        int half = count / 2;
        if (count % 2 == 1) {
            return at.applyAsDouble(half);
        }
        return (at.applyAsDouble(half - 1) + at.applyAsDouble(half)) / 2.0;
    }

    /** The 0-based positions in ascending order that the median reads (both middle ones, for any count). */
    public static int[] medianPositions(int count) {
        return count == 0 ? new int[0] : new int[] {(count - 1) / 2, count / 2};
    }

    /**
     * The median absolute deviation about the median, scaled by {@link #MAD_NORMAL_CONSTANT}. The absolute
     * deviations are visited in ascending order by walking outwards from the median, so nothing is re-sorted.
     */
    static double medianAbsoluteDeviation(double[] sorted, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        FoldedOrder walk = new FoldedOrder(sorted, count);
        int wanted = count / 2;
        double previous = Double.NaN;
        for (int position = 0; position < wanted; position++) {
            previous = walk.nextDeviation();
        }
        return madOfMiddle(previous, walk.nextDeviation(), count);
    }

    /** The first position in {@code sorted[0, count)}, ascending, whose value is at least {@code value}. */
    static int firstAtOrAbove(double[] sorted, int count, double value) {
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

    /**
     * The MAD of {@code count} draws from the middle of their ascending absolute deviations: {@code middle} at
     * 0-based position count / 2 and, for an even count, {@code previous} just before it.
     */
    static double madOfMiddle(double previous, double middle, int count) {
        double deviationMedian = count % 2 == 1 ? middle : (previous + middle) / 2.0;
        return MAD_NORMAL_CONSTANT * deviationMedian;
    }

    /**
     * Visits |x - median| for sorted x in ascending order with two pointers moving away from the median.
     * Rounding of {@code x - median} is monotone in x, so the visit order is sorted; the deviations are those
     * posterior computes (see {@link FoldedChainMoments.Deviation}).
     */
    static final class FoldedOrder {
        private final double[] sorted;
        private final int count;
        private final FoldedChainMoments.Deviation deviation;
        private int below;
        private int above;

        /**
         * @param sorted the draws to walk, ascending; not modified
         * @param count how many of them
         */
        FoldedOrder(double[] sorted, int count) {
            this.sorted = sorted;
            this.count = count;
            this.deviation = new FoldedChainMoments.Deviation(sorted, count);
            int first = firstAtOrAbove(sorted, count, deviation.center);
            this.below = first - 1;
            this.above = first;
        }

        /** The next smallest deviation. */
        double nextDeviation() {
            double belowDeviation = below >= 0 ? deviation.of(sorted[below]) : Double.POSITIVE_INFINITY;
            double aboveDeviation = above < count ? deviation.of(sorted[above]) : Double.POSITIVE_INFINITY;
            if (above < count && (below < 0 || aboveDeviation <= belowDeviation)) {
                above++;
                return aboveDeviation;
            }
            below--;
            return belowDeviation;
        }
    }
}
