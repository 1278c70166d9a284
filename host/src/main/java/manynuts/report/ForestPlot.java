package manynuts.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import manynuts.diagnostics.order.HighestDensityInterval;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A forest plot of one vector of parameters (theta[1..J] in eight schools), all chains pooled: per element the
 * median, the 50 % HDI as a thick bar and the 94 % HDI (ArviZ's default) as a thin one, and the exact posterior
 * mean as a black diamond where known.
 */
public final class ForestPlot {

    /** Rows drawn at most; a model with thousands of groups shows its first ones. */
    public static final int MAX_ROWS = 40;
    static final double INNER = 0.50;
    static final double OUTER = 0.94;

    /**
     * One element's row.
     *
     * @param exactMean NaN when unknown
     */
    public record Row(String name, double median, HighestDensityInterval inner, HighestDensityInterval outer,
            double exactMean) {

        /** @param draws not modified; {@code [chain][draw]} */
        public static Row of(String name, double[][] draws, double exactMean) {
            double[] pooled = java.util.Arrays.stream(draws).flatMapToDouble(java.util.Arrays::stream).sorted()
                    .toArray();
            int n = pooled.length;
            double median = n == 0 ? Double.NaN : (pooled[(n - 1) / 2] + pooled[n / 2]) / 2;
            return new Row(name, median, HighestDensityInterval.of(draws, INNER),
                    HighestDensityInterval.of(draws, OUTER), exactMean);
        }
    }

    private ForestPlot() {
    }

    /**
     * The elements of the first output group with a subscript and at least two elements, in order (theta[1],
     * theta[2], ...); empty when there is none.
     */
    public static List<String> firstVector(List<String> outputs) {
        for (String output : outputs) {
            List<String> group = group(outputs, output);
            if (group.size() >= 2) {
                return group;
            }
        }
        return List.of();
    }

    /**
     * The vector that {@code member} belongs to (theta[1..J] for the funnel's theta[1], where the non-centered
     * form lists nu[1..J] first), else {@link #firstVector}.
     *
     * @param member an output, or null
     */
    public static List<String> vectorOf(List<String> outputs, String member) {
        List<String> group = member == null ? List.of() : group(outputs, member);
        return group.size() >= 2 ? group : firstVector(outputs);
    }

    /** The outputs that share {@code output}'s name before its subscript; empty when it has none. */
    private static List<String> group(List<String> outputs, String output) {
        int bracket = output.indexOf('[');
        if (bracket <= 0) {
            return List.of();
        }
        String stem = output.substring(0, bracket + 1);
        return outputs.stream().filter(o -> o.startsWith(stem)).toList();
    }

    /**
     * @param rows     top to bottom; at most {@link #MAX_ROWS} are drawn
     * @param elements how many elements the vector has, for the title when rows holds only the first ones
     */
    public static JFreeChart chart(String title, List<Row> rows, int elements) {
        return chart(title, rows, elements, null);
    }

    /**
     * The forest on a fixed value axis, as two runs on one page share it.
     *
     * @param range the value axis's range, or null to fit the rows
     */
    public static JFreeChart chart(String title, List<Row> rows, int elements, AxisRange range) {
        List<Row> shown = rows.subList(0, Math.min(MAX_ROWS, rows.size()));
        int count = shown.size();
        XYIntervalSeriesCollection intervals = new XYIntervalSeriesCollection();
        XYIntervalSeries outer = new XYIntervalSeries(String.format(java.util.Locale.ROOT, "%.0f %% HDI", 100 * OUTER));
        XYIntervalSeries inner = new XYIntervalSeries(String.format(java.util.Locale.ROOT, "median, %.0f %% HDI",
                100 * INNER));
        XYSeries exact = new XYSeries("exact mean", false, true);
        String[] labels = new String[count];
        for (int i = 0; i < count; i++) {
            Row row = shown.get(i);
            // The first row on top, as ArviZ draws it.
            double y = count - 1 - i;
            labels[count - 1 - i] = row.name();
            outer.add(row.median(), row.outer().lower(), row.outer().upper(), y, y, y);
            inner.add(row.median(), row.inner().lower(), row.inner().upper(), y, y, y);
            if (!Double.isNaN(row.exactMean())) {
                exact.add(row.exactMean(), y, false);
            }
        }
        intervals.addSeries(outer);
        intervals.addSeries(inner);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawYError(false);
        renderer.setCapLength(0);
        renderer.setDefaultLinesVisible(false);
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesShapesVisible(1, true);
        renderer.setSeriesShape(1, ChartStyle.dot(11));
        renderer.setSeriesPaint(0, ChartStyle.DRAWS);
        renderer.setSeriesPaint(1, ChartStyle.DRAWS);
        renderer.setErrorPaint(ChartStyle.DRAWS);
        // The value axis names the intervals; the legend only says what the diamonds are.
        renderer.setSeriesVisibleInLegend(0, false);
        renderer.setSeriesVisibleInLegend(1, false);
        // XYErrorRenderer has one stroke for every series: the thin one, the thick bars are a second pass below.
        renderer.setErrorStroke(new BasicStroke(1.8f));
        NumberAxis valueAxis = new NumberAxis("value (median, " + Math.round(100 * INNER) + " % and "
                + Math.round(100 * OUTER) + " % HDI)");
        valueAxis.setAutoRangeIncludesZero(false);
        SymbolAxis nameAxis = new SymbolAxis(null, labels);
        nameAxis.setGridBandsVisible(false);
        nameAxis.setRange(-0.7, count - 0.3);
        XYIntervalSeriesCollection thick = new XYIntervalSeriesCollection();
        XYIntervalSeries innerBars = new XYIntervalSeries("50 % HDI bars");
        for (int i = 0; i < inner.getItemCount(); i++) {
            innerBars.add(inner.getX(i).doubleValue(), inner.getXLowValue(i), inner.getXHighValue(i),
                    inner.getYValue(i), inner.getYValue(i), inner.getYValue(i));
        }
        thick.addSeries(innerBars);
        XYErrorRenderer thickRenderer = new XYErrorRenderer();
        thickRenderer.setDrawYError(false);
        thickRenderer.setCapLength(0);
        thickRenderer.setSeriesShapesVisible(0, false);
        thickRenderer.setSeriesLinesVisible(0, false);
        thickRenderer.setSeriesVisibleInLegend(0, false);
        thickRenderer.setErrorPaint(ChartStyle.DRAWS);
        thickRenderer.setErrorStroke(new BasicStroke(5.0f));
        XYPlot plot = new XYPlot(intervals, valueAxis, nameAxis, renderer);
        plot.setDataset(1, thick);
        plot.setRenderer(1, thickRenderer);
        XYSeriesCollection exactData = new XYSeriesCollection(exact);
        XYLineAndShapeRenderer exactRenderer = new XYLineAndShapeRenderer(false, true);
        exactRenderer.setSeriesShape(0, diamond(12));
        exactRenderer.setSeriesPaint(0, ChartStyle.EXACT);
        plot.setDataset(2, exactData);
        plot.setRenderer(2, exactRenderer);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        String heading = title + (elements > count ? " (first " + count + " of " + elements + ")" : "");
        JFreeChart chart = new JFreeChart(heading, ChartStyle.TITLE, plot, !exact.isEmpty());
        ChartStyle.setRange(valueAxis, range);
        return ChartStyle.style(chart);
    }

    /** The span of the rows' outer intervals and exact means, with 5 % of it added each side. */
    public static AxisRange range(List<Row> rows) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Row row : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
            for (double value : new double[] {row.outer().lower(), row.outer().upper(), row.exactMean()}) {
                if (Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        return AxisRange.padded(low, high, 0.05);
    }

    static java.awt.Shape diamond(double size) {
        double h = size / 2;
        java.awt.geom.Path2D.Double shape = new java.awt.geom.Path2D.Double();
        shape.moveTo(0, -h);
        shape.lineTo(h, 0);
        shape.lineTo(0, h);
        shape.lineTo(-h, 0);
        shape.closePath();
        return shape;
    }

    /** The rows of the first {@link #MAX_ROWS} of {@code names}; {@code exactMean} gives NaN where unknown. */
    public static List<Row> rows(List<String> names, java.util.function.Function<String, double[][]> draws,
            java.util.function.ToDoubleFunction<String> exactMean) {
        List<Row> rows = new ArrayList<>();
        for (String name : names.subList(0, Math.min(MAX_ROWS, names.size()))) {
            rows.add(Row.of(name, draws.apply(name), exactMean.applyAsDouble(name)));
        }
        return rows;
    }
}
