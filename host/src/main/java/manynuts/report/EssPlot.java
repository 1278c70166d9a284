package manynuts.report;

import java.awt.BasicStroke;
import java.util.List;
import manynuts.diagnostics.stats.IndicatorEss;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ArviZ's ESS plots of one parameter ({@code plot_ess}): the local ESS of each of 20 equal-probability intervals
 * (left) and the ESS of 20 quantiles (right), with the bulk and tail ESS of the summary as lines and the
 * threshold of 100 per chain (Vehtari et al. 2021) dashed. A dip in the tails means the sampler visits them rarely.
 */
public final class EssPlot {

    /** ArviZ's default number of points. */
    static final int POINTS = 20;
    /** Vehtari et al. (2021) ask for a bulk and tail ESS of at least 100 per chain. */
    static final double PER_CHAIN = 100;

    private EssPlot() {
    }

    /** The quantile ESS is drawn at these probabilities: 20 evenly spaced from 1/20 to 19/20, ArviZ's grid. */
    static double[] quantileProbabilities() {
        double[] probabilities = new double[POINTS];
        double first = 1.0 / POINTS;
        for (int i = 0; i < POINTS; i++) {
            probabilities[i] = first + (1 - 2 * first) * i / (POINTS - 1);
        }
        return probabilities;
    }

    /**
     * The local (left) and quantile (right) ESS.
     *
     * @param draws   not modified; {@code [chain][draw]}
     * @param essBulk the summary's bulk ESS, drawn as a line
     * @param essTail the summary's tail ESS, drawn as a line
     */
    public static List<JFreeChart> chart(String name, double[][] draws, double essBulk, double essTail) {
        double[] local = IndicatorEss.locals(draws, POINTS);
        double[] x = new double[POINTS];
        for (int k = 0; k < POINTS; k++) {
            x[k] = (double) k / POINTS;
        }
        double[] probabilities = quantileProbabilities();
        double[] quantile = IndicatorEss.quantiles(draws, probabilities);
        double threshold = PER_CHAIN * draws.length;
        long total = (long) draws.length * (draws.length == 0 ? 0 : draws[0].length);
        return List.of(
                panel("Local ESS of " + name, "interval's lower probability", x, local, essBulk, essTail, threshold,
                        total),
                panel("Quantile ESS of " + name, "quantile", probabilities, quantile, essBulk, essTail, threshold,
                        total));
    }

    private static JFreeChart panel(String title, String axisLabel, double[] x, double[] ess, double essBulk,
            double essTail, double threshold, long total) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries points = new XYSeries("ESS", false, true);
        double highest = Math.max(threshold, Math.max(nonNaN(essBulk), nonNaN(essTail)));
        for (int i = 0; i < x.length; i++) {
            points.add(x[i], ess[i], false);
            highest = Math.max(highest, nonNaN(ess[i]));
        }
        data.addSeries(points);
        data.addSeries(level("bulk ESS", essBulk));
        data.addSeries(level("tail ESS", essTail));
        data.addSeries(level("100 per chain", threshold));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ChartStyle.DRAWS);
        renderer.setSeriesShape(0, ChartStyle.dot(8));
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        renderer.setSeriesPaint(1, ChartStyle.chain(2));
        renderer.setSeriesPaint(2, ChartStyle.chain(3));
        renderer.setSeriesPaint(3, ChartStyle.EXACT);
        for (int series = 1; series <= 3; series++) {
            renderer.setSeriesShapesVisible(series, false);
            renderer.setSeriesStroke(series, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, series == 3 ? new float[] {6f, 4f} : new float[] {1f, 0f}, 0f));
        }
        NumberAxis xAxis = new NumberAxis(axisLabel);
        // A little room at both ends, so that the last tick label is not cut at the chart's edge.
        xAxis.setRange(-0.02, 1.02);
        NumberAxis essAxis = new NumberAxis("ESS (of " + total + " draws)");
        // From zero, so that a low ESS looks low; a little room above the highest line.
        essAxis.setRange(0, highest > 0 ? highest * 1.08 : 1);
        XYPlot plot = new XYPlot(data, xAxis, essAxis, renderer);
        return ChartStyle.style(new JFreeChart(title, ChartStyle.TITLE, plot, true));
    }

    private static XYSeries level(String label, double value) {
        XYSeries series = new XYSeries(label, false, true);
        if (!Double.isNaN(value)) {
            series.add(0.0, value, false);
            series.add(1.0, value, false);
        }
        return series;
    }

    private static double nonNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
