package manynuts.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.Locale;
import manynuts.diagnostics.SamplerDiagnostics;
import org.jfree.chart.ChartFactory;
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

    /** @param energy not modified; {@code energy__} as {@code [chain][draw]} */
    public static JFreeChart chart(String label, double[][] energy) {
        double[] bfmi = new double[energy.length];
        long transitions = 0;
        long total = 0;
        double mean = 0;
        for (int chain = 0; chain < energy.length; chain++) {
            bfmi[chain] = SamplerDiagnostics.energyBfmi(energy[chain]);
            transitions += Math.max(0, energy[chain].length - 1);
            for (double e : energy[chain]) {
                mean += e;
                total++;
            }
        }
        mean /= total;
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
        double low = Math.min(quantile(marginal, 0.001), quantile(transition, 0.001));
        double high = Math.max(quantile(marginal, 0.999), quantile(transition, 0.999));
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.SCALE_AREA_TO_1);
        data.addSeries("marginal energy (E - mean E)", clip(marginal, low, high), BINS, low, high);
        if (transition.length > 0) {
            data.addSeries("energy transition (E[t] - E[t-1])", clip(transition, low, high), BINS, low, high);
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
        chart.setBackgroundPaint(Color.WHITE);
        return ChartStyle.style(chart);
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

    private static double quantile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    // Values beyond the plotted range would be dropped by the histogram; pile them into the end bins instead.
    private static double[] clip(double[] values, double low, double high) {
        double[] clipped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            clipped[i] = Math.max(low, Math.min(high, values[i]));
        }
        return clipped;
    }
}
