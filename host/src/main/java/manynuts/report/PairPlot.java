package manynuts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * ArviZ's pair plot: every pair of a few parameters as a scatter of the same selected draws, the lower triangle of
 * a grid whose columns share their horizontal and whose rows share their vertical parameter, and on the diagonal
 * each parameter's density from all draws. Divergent draws are red crosses on top; the exact posterior means, where
 * known, a black diamond, and the exact marginal densities a dashed curve.
 */
public final class PairPlot {

    /** More parameters make cells too small to read. */
    public static final int MAX_PARAMETERS = 5;
    // Pixels the left column keeps for tick labels and a parameter's name.
    private static final double LEFT_AXIS = 70;

    private PairPlot() {
    }

    /**
     * @param names      the parameters, at most {@link #MAX_PARAMETERS} are used
     * @param columns    each parameter's draws {@code [chain][draw]}; not modified
     * @param exactMeans each parameter's exact mean, NaN when unknown
     */
    public static JFreeChart chart(String title, List<String> names, List<double[][]> columns, double[] exactMeans,
            DrawSelection selection) {
        return chart(title, names, columns, exactMeans, java.util.Collections.nCopies(names.size(), null), selection);
    }

    /**
     * @param names          the parameters, at most {@link #MAX_PARAMETERS} are used
     * @param columns        each parameter's draws {@code [chain][draw]}; not modified
     * @param exactMeans     each parameter's exact mean, NaN when unknown
     * @param exactDensities each parameter's exact marginal density, null when unknown
     */
    public static JFreeChart chart(String title, List<String> names, List<double[][]> columns, double[] exactMeans,
            List<DoubleUnaryOperator> exactDensities, DrawSelection selection) {
        int k = Math.min(MAX_PARAMETERS, names.size());
        if (k < 2) {
            throw new IllegalArgumentException("a pair plot needs two parameters, got " + names);
        }
        double[][] values = new double[k][];
        for (int p = 0; p < k; p++) {
            values[p] = selection.values(columns.get(p));
        }
        XYPlot[][] cells = new XYPlot[k][k];
        for (int row = 0; row < k; row++) {
            for (int column = 0; column <= row; column++) {
                NumberAxis xAxis = axis(values[column]);
                // Inner cells keep their ticks small; the outer ones carry the names.
                xAxis.setTickLabelsVisible(row == k - 1);
                xAxis.setLabel(row == k - 1 ? names.get(column) : null);
                NumberAxis yAxis = row == column ? new NumberAxis() : axis(values[row]);
                yAxis.setTickLabelsVisible(column == 0 && row != column);
                yAxis.setLabel(column == 0 && row != column ? names.get(row) : null);
                yAxis.setLabelFont(ChartStyle.LABEL);
                yAxis.setTickLabelFont(ChartStyle.TICK);
                // The left column's cells reserve the same room for their axis, so that their plots line up.
                if (column == 0) {
                    yAxis.setFixedDimension(LEFT_AXIS);
                }
                cells[row][column] = row == column
                        ? marginal(columns.get(column), exactDensities.get(column), xAxis, yAxis)
                        : cell(values[column], values[row], selection.divergent(), exactMeans[column],
                                exactMeans[row], xAxis, yAxis);
            }
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, new PlotGrid(cells), false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    private static NumberAxis axis(double[] values) {
        NumberAxis axis = new InnerTicksAxis();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        if (low < high) {
            ChartStyle.setRange(axis, AxisRange.padded(low, high, 0.04));
        }
        axis.setLabelFont(ChartStyle.LABEL);
        axis.setTickLabelFont(ChartStyle.TICK);
        return axis;
    }

    /**
     * An axis without the ticks in the outer 6 % of its range: side by side in the grid, a label at the end of one
     * cell's axis would run into the first label of the next.
     */
    private static final class InnerTicksAxis extends NumberAxis {

        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("rawtypes")
        public java.util.List refreshTicks(java.awt.Graphics2D graphics, org.jfree.chart.axis.AxisState state,
                java.awt.geom.Rectangle2D dataArea, org.jfree.chart.ui.RectangleEdge edge) {
            double edgeRoom = 0.06 * getRange().getLength();
            java.util.List<org.jfree.chart.axis.ValueTick> inner = new java.util.ArrayList<>();
            for (Object tick : super.refreshTicks(graphics, state, dataArea, edge)) {
                org.jfree.chart.axis.ValueTick valueTick = (org.jfree.chart.axis.ValueTick) tick;
                if (valueTick.getValue() >= getLowerBound() + edgeRoom
                        && valueTick.getValue() <= getUpperBound() - edgeRoom) {
                    inner.add(valueTick);
                }
            }
            return inner;
        }
    }

    /** The diagonal: the density of all draws, and the exact one dashed where known. */
    static XYPlot marginal(double[][] draws, DoubleUnaryOperator exact, NumberAxis xAxis, NumberAxis yAxis) {
        KernelDensity estimate = KernelDensity.of(draws);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries sampled = new XYSeries("draws", false, true);
        for (int i = 0; i < estimate.x().length; i++) {
            sampled.add(estimate.x()[i], estimate.density()[i], false);
        }
        data.addSeries(sampled);
        if (exact != null) {
            XYSeries curve = new XYSeries("exact", false, true);
            double low = xAxis.getLowerBound();
            double high = xAxis.getUpperBound();
            for (int i = 0; i <= DensityPlot.EXACT_POINTS; i++) {
                double x = low + (high - low) * i / DensityPlot.EXACT_POINTS;
                curve.add(x, exact.applyAsDouble(x), false);
            }
            data.addSeries(curve);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ChartStyle.DRAWS);
        renderer.setSeriesStroke(0, new BasicStroke(2.0f));
        renderer.setSeriesPaint(1, ChartStyle.EXACT);
        renderer.setSeriesStroke(1, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        yAxis.setAutoRangeIncludesZero(true);
        return framed(new XYPlot(data, xAxis, yAxis, renderer));
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
        XYPlot plot = framed(new XYPlot(data, xAxis, yAxis, renderer));
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        return plot;
    }

    // The look every cell of the grid shares: white, outlined, no grid lines, small insets.
    private static XYPlot framed(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x99, 0x99, 0x99));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        return plot;
    }
}
