package manynuts.report;

import java.util.Arrays;

/**
 * The span an axis shows: from the 0.1 % to the 99.9 % quantile of the draws pooled, widened by 5 % of that
 * span on each side but never past the smallest and largest draw. A handful of extreme draws then cannot squeeze
 * the rest into a corner; those left outside are counted and labelled where they would have been drawn. Beyond
 * {@link #SORTED_LIMIT} draws the quantiles are those of an even stride through them (the axis is a matter of
 * drawing; the counts outside still take in every draw).
 *
 * @param low  the axis's lower bound
 * @param high the axis's upper bound, above {@code low}
 */
public record AxisRange(double low, double high) {

    /** The share of draws each tail may leave outside the range. */
    static final double TAIL = 0.001;
    private static final double MARGIN = 0.05;
    /** Draws sorted for the quantiles at most: 4,096 chains x 1,000 draws would take a second per output. */
    static final int SORTED_LIMIT = 200_000;

    public AxisRange {
        if (!(high > low)) {
            double centre = Double.isFinite(low) ? low : 0;
            double half = Math.max(1e-9, Math.abs(centre) * 1e-3);
            low = centre - half;
            high = centre + half;
        }
    }

    /** The range of every finite value of every column given ({@code [chain][draw]}, not modified). */
    public static AxisRange of(double[][]... columns) {
        return ofSorted(sortedFinite(columns));
    }

    /**
     * From the smallest to the largest finite value, with 3 % of that span added each side: for a funnel, whose
     * few most extreme draws down the neck are the point of the picture.
     */
    public static AxisRange extent(double[][] draws) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        return padded(low, high, 0.03);
    }

    /** From {@code low} to {@code high} with {@code share} of that span added each side; (0, 1) when empty. */
    static AxisRange padded(double low, double high, double share) {
        if (!(low <= high)) {
            return new AxisRange(0, 1);
        }
        double margin = share * (high - low);
        return new AxisRange(low - margin, high + margin);
    }

    /** The range of finite values already sorted ascending. */
    static AxisRange ofSorted(double[] sorted) {
        if (sorted.length == 0) {
            return new AxisRange(0, 1);
        }
        int n = sorted.length;
        double low = sorted[(int) Math.floor(TAIL * (n - 1))];
        double high = sorted[(int) Math.ceil((1 - TAIL) * (n - 1))];
        double margin = MARGIN * (high - low);
        return new AxisRange(Math.max(sorted[0], low - margin), Math.min(sorted[n - 1], high + margin));
    }

    /** The smallest range holding both. */
    public AxisRange union(AxisRange other) {
        return new AxisRange(Math.min(low, other.low), Math.max(high, other.high));
    }

    /** This range stretched to take in {@code value} too, when it is finite. */
    public AxisRange including(double value) {
        return Double.isFinite(value) ? new AxisRange(Math.min(low, value), Math.max(high, value)) : this;
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** How many finite draws fall below the range and above it. */
    public long[] outside(double[][] draws) {
        long below = 0;
        long above = 0;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (value < low) {
                    below++;
                } else if (value > high) {
                    above++;
                }
            }
        }
        return new long[] {below, above};
    }

    /** "3 draws below, 12 above the axis" or the empty string when every draw is inside. */
    public String outsideText(double[][] draws) {
        long[] outside = outside(draws);
        return outsideText(outside[0], outside[1]);
    }

    static String outsideText(long below, long above) {
        if (below == 0 && above == 0) {
            return "";
        }
        String text = below > 0 ? below + (below == 1 ? " draw" : " draws") + " below" : "";
        if (above > 0) {
            text += (text.isEmpty() ? above + (above == 1 ? " draw" : " draws") + " above" : ", " + above + " above");
        }
        return text + " the axis";
    }

    // Every finite value, or an even stride through them when there are more than SORTED_LIMIT, with the smallest
    // and largest always among them; sorted.
    private static double[] sortedFinite(double[][]... columns) {
        long n = 0;
        for (double[][] column : columns) {
            for (double[] chain : column) {
                n += chain.length;
            }
        }
        long stride = Math.max(1, (n + SORTED_LIMIT - 1) / SORTED_LIMIT);
        double[] values = new double[(int) Math.min(n, SORTED_LIMIT) + 2];
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        int k = 0;
        long index = 0;
        for (double[][] column : columns) {
            for (double[] chain : column) {
                for (double value : chain) {
                    if (Double.isFinite(value)) {
                        smallest = Math.min(smallest, value);
                        largest = Math.max(largest, value);
                        if (index % stride == 0 && k < values.length - 2) {
                            values[k++] = value;
                        }
                    }
                    index++;
                }
            }
        }
        if (k > 0 && stride > 1) {
            values[k++] = smallest;
            values[k++] = largest;
        }
        values = Arrays.copyOf(values, k);
        Arrays.sort(values);
        return values;
    }
}
