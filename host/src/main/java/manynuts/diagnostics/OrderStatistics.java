package manynuts.diagnostics;

/** Quantile, median and MAD of draws already sorted ascending, with R's conventions so results match posterior. */
final class OrderStatistics {

    /** R's {@code mad()} scale, which makes the MAD estimate the sd of a normal distribution. */
    static final double MAD_NORMAL_CONSTANT = 1.4826;

    private OrderStatistics() {
    }

    /**
     * Hyndman and Fan's type 7 quantile (R's default, posterior's {@code quantile2}) of {@code sorted[0, count)}.
     * Written with R's 1-based index so boundary cases round the same way.
     */
    static double quantile(double[] sorted, int count, double probability) {
        if (count == 0 || Double.isNaN(probability)) {
            return Double.NaN;
        }
        double index = 1.0 + (count - 1) * probability;
        int lower = (int) Math.floor(index);
        int upper = (int) Math.ceil(index);
        double value = sorted[lower - 1];
        double upperValue = sorted[upper - 1];
        if (index > lower && upperValue != value) {
            double weight = index - lower;
            value = (1.0 - weight) * value + weight * upperValue;
        }
        return value;
    }

    /** The sample median of {@code sorted[0, count)}. */
    static double median(double[] sorted, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        int half = count / 2;
        if (count % 2 == 1) {
            return sorted[half];
        }
        return (sorted[half - 1] + sorted[half]) / 2.0;
    }

    /**
     * The median absolute deviation about the median, scaled by {@link #MAD_NORMAL_CONSTANT}. The absolute
     * deviations are visited in ascending order by walking outwards from the median, so nothing is re-sorted.
     */
    static double medianAbsoluteDeviation(double[] sorted, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double center = median(sorted, count);
        FoldedOrder walk = new FoldedOrder(sorted, count, center);
        int wanted = count / 2;
        double previous = Double.NaN;
        for (int position = 0; position < wanted; position++) {
            previous = walk.nextDeviation();
        }
        double middle = walk.nextDeviation();
        double deviationMedian = count % 2 == 1 ? middle : (previous + middle) / 2.0;
        return MAD_NORMAL_CONSTANT * deviationMedian;
    }

    /**
     * Visits |x - center| for sorted x in ascending order with two pointers moving away from the center.
     * Rounding of {@code x - center} is monotone in x, so the visit order is exactly sorted.
     */
    static final class FoldedOrder {
        private final double[] sorted;
        private final int count;
        private final double center;
        private int below;
        private int above;
        private int lastPosition;

        FoldedOrder(double[] sorted, int count, double center) {
            this.sorted = sorted;
            this.count = count;
            this.center = center;
            // Binary search for the first draw at or above the center.
            int low = 0;
            int high = count;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (sorted[middle] < center) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            int firstAtOrAbove = low;
            this.below = firstAtOrAbove - 1;
            this.above = firstAtOrAbove;
        }

        /** An independent walker at the same point, to look ahead over a run of tied deviations. */
        FoldedOrder copy() {
            return new FoldedOrder(sorted, count, center, below, above);
        }

        /** Moves this walker to where {@code other} (over the same draws) stands, without allocating. */
        void moveTo(FoldedOrder other) {
            this.below = other.below;
            this.above = other.above;
        }

        private FoldedOrder(double[] sorted, int count, double center, int below, int above) {
            this.sorted = sorted;
            this.count = count;
            this.center = center;
            this.below = below;
            this.above = above;
        }

        boolean hasNext() {
            return below >= 0 || above < count;
        }

        /** The next smallest deviation; {@link #lastPosition()} then says which sorted position it came from. */
        double nextDeviation() {
            double belowDeviation = below >= 0 ? Math.abs(sorted[below] - center) : Double.POSITIVE_INFINITY;
            double aboveDeviation = above < count ? Math.abs(sorted[above] - center) : Double.POSITIVE_INFINITY;
            if (above < count && (below < 0 || aboveDeviation <= belowDeviation)) {
                lastPosition = above++;
                return aboveDeviation;
            }
            lastPosition = below--;
            return belowDeviation;
        }

        int lastPosition() {
            return lastPosition;
        }
    }
}
