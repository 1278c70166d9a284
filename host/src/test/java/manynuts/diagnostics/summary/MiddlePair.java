package manynuts.diagnostics.summary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Draws whose two middle draws (of an even count) are made equidistant from their median as computed, by moving the
 * upper one a few ulps: what folded R-hat sees when the two tie. For fixtures written with fewer digits than a double
 * has, where whether the pair ties depends on digits the file leaves out.
 */
final class MiddlePair {

    private static final int MAX_ULPS = 16;

    private MiddlePair() {
    }

    /**
     * A copy of the draws with the upper middle draw moved by at most {@value #MAX_ULPS} ulps to where its computed
     * distance from the median equals the lower one's; null for an odd count, or if the two already tie or no such
     * value exists.
     */
    static double[][] tied(double[][] draws) {
        return tied(draws, (high, moved) -> true);
    }

    /**
     * As {@link #tied(double[][])}, moving the draw only to values a file with {@code digits} significant digits
     * cannot tell from it.
     */
    static double[][] tiedAsWritten(double[][] draws, int digits) {
        MathContext written = new MathContext(digits);
        return tied(draws, (high, moved) -> new BigDecimal(moved).round(written)
                .compareTo(new BigDecimal(high).round(written)) == 0);
    }

    private static double[][] tied(double[][] draws, java.util.function.BiPredicate<Double, Double> allowed) {
        double[] sorted = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
        int count = sorted.length;
        if (count % 2 == 1 || count < 2) {
            return null;
        }
        double low = sorted[count / 2 - 1];
        double high = sorted[count / 2];
        double next = count / 2 + 1 < count ? sorted[count / 2 + 1] : Double.POSITIVE_INFINITY;
        if (low == high || ties(low, high)) {
            return null;
        }
        for (int step = 1; step <= MAX_ULPS; step++) {
            for (double moved : new double[] {high + step * Math.ulp(high), high - step * Math.ulp(high)}) {
                if (moved > low && moved < next && ties(low, moved) && allowed.test(high, moved)) {
                    return withFirst(draws, high, moved);
                }
            }
        }
        return null;
    }

    /** Whether low and high are equally far, as computed, from their median {@code (low + high) / 2}. */
    private static boolean ties(double low, double high) {
        double median = (low + high) / 2.0;
        return Math.abs(low - median) == Math.abs(high - median);
    }

    private static double[][] withFirst(double[][] draws, double value, double replacement) {
        double[][] copy = Arrays.stream(draws).map(double[]::clone).toArray(double[][]::new);
        for (double[] chain : copy) {
            for (int t = 0; t < chain.length; t++) {
                if (chain[t] == value) {
                    chain[t] = replacement;
                    return copy;
                }
            }
        }
        throw new IllegalArgumentException(value + " is not among the draws");
    }
}
