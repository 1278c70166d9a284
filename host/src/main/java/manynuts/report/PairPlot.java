package manynuts.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ArviZ's pair plot: every pair of a few parameters as a scatter of the same selected draws, the lower triangle of
 * a grid whose columns share their horizontal and whose rows share their vertical parameter. Divergent draws are
 * red crosses on top; the exact posterior means, where known, a black diamond.
 */
public final class PairPlot {

    /** More parameters make cells too small to read. */
    public static final int MAX_PARAMETERS = 5;

    private PairPlot() {
    }

    /**
     * @param names      the parameters, at most {@link #MAX_PARAMETERS} are used
     * @param columns    each parameter's draws {@code [chain][draw]}; not modified
     * @param exactMeans each parameter's exact mean, NaN when unknown
     */
    public static JFreeChart chart(String title, List<String> names, List<double[][]> columns, double[] exactMeans,
            DrawSelection selection) {
        int k = Math.min(MAX_PARAMETERS, names.size());
        if (k < 2) {
            throw new IllegalArgumentException("a pair plot needs two parameters, got " + names);
        }
        double[][] values = new double[k][];
        for (int p = 0; p < k; p++) {
            values[p] = selection.values(columns.get(p));
        }
        XYPlot[][] cells = new XYPlot[k - 1][k - 1];
        for (int row = 0; row < k - 1; row++) {
            for (int column = 0; column <= row; column++) {
                int yParameter = row + 1;
                NumberAxis xAxis = axis(values[column]);
                NumberAxis yAxis = axis(values[yParameter]);
                // Inner cells keep their ticks small; the outer ones carry the names.
                xAxis.setTickLabelsVisible(row == k - 2);
                xAxis.setLabel(row == k - 2 ? names.get(column) : null);
                yAxis.setTickLabelsVisible(column == 0);
                yAxis.setLabel(column == 0 ? names.get(yParameter) : null);
                cells[row][column] = cell(values[column], values[yParameter], selection.divergent(),
                        exactMeans[column], exactMeans[yParameter], xAxis, yAxis);
            }
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, new PlotGrid(cells), false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    private static NumberAxis axis(double[] values) {
        NumberAxis axis = new NumberAxis();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        if (low < high) {
            double margin = 0.04 * (high - low);
            axis.setRange(low - margin, high + margin);
        }
        axis.setLabelFont(ChartStyle.LABEL);
        axis.setTickLabelFont(ChartStyle.TICK);
        return axis;
    }

    private static XYPlot cell(double[] x, double[] y, boolean[] divergent, double exactX, double exactY,
            NumberAxis xAxis, NumberAxis yAxis) {
        XYSeries regular = new XYSeries("draws", false, true);
        XYSeries diverged = new XYSeries("divergent", false, true);
        for (int i = 0; i < x.length; i++) {
            (divergent[i] ? diverged : regular).add(x[i], y[i], false);
        }
        XYSeries exact = new XYSeries("exact mean", false, true);
        if (!Double.isNaN(exactX) && !Double.isNaN(exactY)) {
            exact.add(exactX, exactY, false);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(regular);
        data.addSeries(diverged);
        data.addSeries(exact);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        // Fainter as there are more points, so that the dense core still shows its shape.
        renderer.setSeriesPaint(0, ChartStyle.translucent(ChartStyle.DRAWS, x.length > 2000 ? 0.25 : 0.5));
        renderer.setSeriesShape(0, ChartStyle.dot(4));
        renderer.setSeriesPaint(1, ChartStyle.DIVERGENT);
        renderer.setSeriesShape(1, ChartStyle.cross(7));
        renderer.setSeriesPaint(2, ChartStyle.EXACT);
        renderer.setSeriesShape(2, ForestPlot.diamond(13));
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x99, 0x99, 0x99));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        return plot;
    }
}
