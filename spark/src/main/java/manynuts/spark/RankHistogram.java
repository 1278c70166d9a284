package manynuts.spark;

import java.awt.Color;
import java.util.Locale;
import manynuts.report.ChartStyle;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The histogram of one parameter's SBC ranks (Talts et al. 2018, figure 1): ranks 0..L in equal bins, with the
 * count a bin expects under uniform ranks and the band that holds a bin's count with 99 % probability, and Pearson's
 * chi-square test of uniformity over the bins.
 */
final class RankHistogram {
    private final String parameter;
    private final long[] counts;
    /** The probability of each bin under uniform ranks: its share of the L + 1 rank values. */
    private final double[] probabilities;
    private final int datasets;

    /**
     * @param ranks    each dataset's rank, from 0 to {@code maxRank}
     * @param bins     at most {@code maxRank + 1}
     */
    RankHistogram(String parameter, int[] ranks, int maxRank, int bins) {
        this.parameter = parameter;
        this.datasets = ranks.length;
        int values = maxRank + 1;
        int used = Math.min(bins, values);
        counts = new long[used];
        probabilities = new double[used];
        for (int bin = 0; bin < used; bin++) {
            probabilities[bin] = (double) (upper(bin, values, used) - upper(bin - 1, values, used)) / values;
        }
        for (int rank : ranks) {
            counts[(int) ((long) rank * used / values)]++;
        }
    }

    /** The last rank of bin {@code bin} (-1 before the first): rank r is in bin floor(r * bins / values). */
    private static long upper(int bin, int values, int bins) {
        return bin < 0 ? -1 : ((long) (bin + 1) * values - 1) / bins;
    }

    long[] counts() {
        return counts.clone();
    }

    /** Pearson's chi-square statistic of the bin counts against uniform ranks. */
    double chiSquare() {
        double sum = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            double expected = datasets * probabilities[bin];
            sum += (counts[bin] - expected) * (counts[bin] - expected) / expected;
        }
        return sum;
    }

    /** The probability of a statistic at least as large under uniform ranks (bins - 1 degrees of freedom). */
    double pValue() {
        if (counts.length < 2) {
            return 1.0;
        }
        return 1.0 - new ChiSquaredDistribution(counts.length - 1).cumulativeProbability(chiSquare());
    }

    /** A p-value in three digits, or as a bound where it is below what doubles resolve here. */
    static String formatP(double p) {
        return p < 1e-12 ? "< 1e-12" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** The chart as an SVG element, {@code width} by {@code height} pixels, its ids its own on a shared page. */
    String svg(int width, int height) {
        return ChartStyle.svg(chart(), width, height);
    }

    JFreeChart chart() {
        XYIntervalSeries bars = new XYIntervalSeries(parameter);
        for (int bin = 0; bin < counts.length; bin++) {
            bars.add(bin + 0.5, bin, bin + 1, counts[bin], 0, counts[bin]);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x4C72B0));
        NumberAxis binAxis = new NumberAxis("rank bin");
        binAxis.setRange(0, counts.length);
        NumberAxis countAxis = new NumberAxis("datasets");
        XYPlot plot = new XYPlot(data, binAxis, countAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        // The band: a bin's count under uniform ranks, 0.5 % to 99.5 %, for the bin of average probability.
        BinomialDistribution uniform = new BinomialDistribution(datasets, 1.0 / counts.length);
        IntervalMarker band = new IntervalMarker(uniform.inverseCumulativeProbability(0.005),
                uniform.inverseCumulativeProbability(0.995), new Color(0, 0, 0, 40));
        plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        plot.addRangeMarker(new ValueMarker((double) datasets / counts.length, Color.DARK_GRAY,
                new java.awt.BasicStroke(1f)));
        double top = Math.max(uniform.inverseCumulativeProbability(0.995), java.util.Arrays.stream(counts).max()
                .orElse(1)) * 1.1;
        countAxis.setRange(0, Math.max(1, top));
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "%s  (chi-square p = %s)", parameter,
                formatP(pValue())), JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
