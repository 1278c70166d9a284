package manynuts.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;

/**
 * Betancourt's energy plot: the marginal energy distribution (energy minus its mean) against the distribution
 * of energy transitions between successive draws. When the transitions are much narrower than the marginal,
 * momentum resampling cannot move the chain through the energy levels fast enough; E-BFMI, the ratio of their
 * variances, measures this, and Stan warns below 0.3.
 */
public final class EnergyPlot {

    private static final int BINS = 60;

    private EnergyPlot() {
    }

    /**
     * The energy plot over a fixed span, as two runs on one page share it. Energies outside are not piled into the
     * end bins: their count is written at that edge and in the legend.
     *
     * @param energy not modified; {@code energy__} as {@code [chain][draw]}
     * @param range  the energy axis's range, or null for {@link #range} of these draws
     */
    public static JFreeChart chart(String label, double[][] energy, AxisRange range) {
        double[] bfmi = new double[energy.length];
        for (int chain = 0; chain < energy.length; chain++) {
            bfmi[chain] = SamplerDiagnostics.energyBfmi(energy[chain]);
        }
        double[][] both = marginalAndTransitions(energy);
        double[] marginal = both[0];
        double[] transition = both[1];
        AxisRange axis = range != null ? range : range(energy);
        double low = axis.low();
        double high = axis.high();
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.SCALE_AREA_TO_1);
        long[] marginalOutside = outside(marginal, axis);
        long[] transitionOutside = outside(transition, axis);
        data.addSeries("marginal energy (E - mean E)" + legendNote(marginalOutside), inside(marginal, axis), BINS,
                low, high);
        if (transition.length > 0) {
            data.addSeries("energy transition (E[t] - E[t-1])" + legendNote(transitionOutside),
                    inside(transition, axis), BINS, low, high);
        }
        JFreeChart chart = ChartFactory.createHistogram(label + "energy: " + bfmiText(bfmi), "energy", "density",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        // Marginal as a filled histogram, transitions as outlined bars over it, so both read where they overlap.
        renderer.setSeriesPaint(0, ChartStyle.translucent(ChartStyle.DRAWS, 0.5));
        renderer.setSeriesOutlinePaint(0, ChartStyle.translucent(ChartStyle.DRAWS, 0.5));
        renderer.setSeriesPaint(1, ChartStyle.translucent(ChartStyle.SECOND_RUN, 0.25));
        renderer.setSeriesOutlinePaint(1, ChartStyle.SECOND_RUN);
        renderer.setSeriesOutlineStroke(1, new java.awt.BasicStroke(1.5f));
        renderer.setDrawBarOutline(true);
        plot.setForegroundAlpha(1.0f);
        plot.getDomainAxis().setRange(low, high);
        chart.setBackgroundPaint(Color.WHITE);
        ChartStyle.style(chart);
        long below = marginalOutside[0] + transitionOutside[0];
        long above = marginalOutside[1] + transitionOutside[1];
        if (below > 0) {
            plot.addAnnotation(edgeLabel("\u2190 " + below + " beyond", low, TextAnchor.BOTTOM_LEFT));
        }
        if (above > 0) {
            plot.addAnnotation(edgeLabel(above + " beyond \u2192", high, TextAnchor.BOTTOM_RIGHT));
        }
        return chart;
    }

    /**
     * The span of the centred energies and the transitions together: from the 0.1 % to the 99.9 % quantile (see
     * {@link AxisRange}).
     *
     * @param energy not modified; {@code energy__} as {@code [chain][draw]}
     */
    public static AxisRange range(double[][] energy) {
        double[][] both = marginalAndTransitions(energy);
        return AxisRange.of(new double[][] {both[0], both[1]});
    }

    // Energy minus its mean over all draws, and the differences between successive draws of each chain.
    private static double[][] marginalAndTransitions(double[][] energy) {
        long transitions = 0;
        long total = 0;
        double mean = 0;
        for (double[] chain : energy) {
            transitions += Math.max(0, chain.length - 1);
            for (double e : chain) {
                mean += e;
                total++;
            }
        }
        mean /= Math.max(1, total);
        double[] marginal = new double[(int) total];
        double[] transition = new double[(int) transitions];
        int m = 0;
        int t = 0;
        for (double[] chain : energy) {
            for (int draw = 0; draw < chain.length; draw++) {
                marginal[m++] = chain[draw] - mean;
                if (draw > 0) {
                    transition[t++] = chain[draw] - chain[draw - 1];
                }
            }
        }
        return new double[][] {marginal, transition};
    }

    private static long[] outside(double[] values, AxisRange range) {
        return range.outside(new double[][] {values});
    }

    private static String legendNote(long[] outside) {
        long count = outside[0] + outside[1];
        return count == 0 ? "" : ", " + count + " beyond the axis";
    }

    // The histogram counts only the values inside; the ones outside are labelled at the edge instead.
    private static double[] inside(double[] values, AxisRange range) {
        return java.util.Arrays.stream(values).filter(range::contains).toArray();
    }

    private static XYTextAnnotation edgeLabel(String text, double x, TextAnchor anchor) {
        XYTextAnnotation note = new XYTextAnnotation(text, x, 0);
        note.setFont(ChartStyle.TICK);
        note.setPaint(ChartStyle.EXACT);
        note.setTextAnchor(anchor);
        return note;
    }

    /** "E-BFMI 0.42" for one chain, else the smallest and the median over chains. */
    static String bfmiText(double[] bfmi) {
        double[] finite = Arrays.stream(bfmi).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return "E-BFMI not available";
        }
        if (finite.length == 1) {
            return String.format(Locale.ROOT, "E-BFMI %.2f", finite[0]);
        }
        long low = Arrays.stream(finite).filter(b -> b < SamplerDiagnostics.LOW_ENERGY_BFMI).count();
        return String.format(Locale.ROOT, "E-BFMI min %.2f, median %.2f over %d chains%s", finite[0],
                finite[finite.length / 2], finite.length, low > 0 ? ", " + low + " below 0.3" : "");
    }
}
