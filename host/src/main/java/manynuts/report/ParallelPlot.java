package manynuts.report;

import java.awt.BasicStroke;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ArviZ's parallel-coordinates plot: each selected draw a line across the parameters, each parameter standardised
 * by the mean and sd of all its draws, divergent draws in red on top. Where the red lines gather on one parameter
 * (a small log tau, say) the sampler has trouble there.
 */
public final class ParallelPlot {

    /** More parameters crowd the axis labels. */
    public static final int MAX_PARAMETERS = 12;

    private ParallelPlot() {
    }

    /**
     * @param names   the parameters, at most {@link #MAX_PARAMETERS} are used
     * @param columns each parameter's draws {@code [chain][draw]}; not modified
     */
    public static JFreeChart chart(String title, List<String> names, List<double[][]> columns,
            DrawSelection selection) {
        int k = Math.min(MAX_PARAMETERS, names.size());
        double[][] standardised = new double[k][];
        for (int p = 0; p < k; p++) {
            standardised[p] = standardise(selection.values(columns.get(p)), columns.get(p));
        }
        // Each line ends with a NaN, which the renderer does not join: one series per colour, not one per draw.
        XYSeries regular = new XYSeries("draws", false, true);
        XYSeries diverged = new XYSeries("divergent", false, true);
        for (int i = 0; i < selection.size(); i++) {
            XYSeries series = selection.divergent()[i] ? diverged : regular;
            for (int p = 0; p < k; p++) {
                series.add(p, standardised[p][i], false);
            }
            series.add(k - 0.5, Double.NaN, false);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(regular);
        data.addSeries(diverged);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ChartStyle.translucent(ChartStyle.DRAWS, selection.size() > 500 ? 0.08 : 0.2));
        renderer.setSeriesStroke(0, new BasicStroke(0.8f));
        renderer.setSeriesPaint(1, ChartStyle.translucent(ChartStyle.DIVERGENT, 0.6));
        renderer.setSeriesStroke(1, new BasicStroke(1.0f));
        SymbolAxis parameterAxis = new SymbolAxis(null, names.subList(0, k).toArray(String[]::new));
        parameterAxis.setGridBandsVisible(false);
        parameterAxis.setVerticalTickLabels(k > 8);
        parameterAxis.setRange(-0.2, k - 0.8);
        NumberAxis valueAxis = new NumberAxis("standardised value (sd from the mean)");
        XYPlot plot = new XYPlot(data, parameterAxis, valueAxis, renderer);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        return ChartStyle.style(chart);
    }

    /** (x - mean) / sd of every draw of the column, applied to the selected values; sd 0 leaves the centring. */
    private static double[] standardise(double[] selected, double[][] column) {
        double sum = 0;
        long count = 0;
        for (double[] chain : column) {
            for (double value : chain) {
                sum += value;
                count++;
            }
        }
        double mean = sum / count;
        double squares = 0;
        for (double[] chain : column) {
            for (double value : chain) {
                squares += (value - mean) * (value - mean);
            }
        }
        double sd = Math.sqrt(squares / Math.max(1, count - 1));
        double[] result = new double[selected.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = sd > 0 ? (selected[i] - mean) / sd : selected[i] - mean;
        }
        return result;
    }
}
