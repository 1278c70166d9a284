package manynuts.report;

import java.awt.BasicStroke;
import java.util.function.DoubleUnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The marginal posterior density of one parameter from all draws of all chains, with the divergent draws as a
 * red rug along the bottom and, where known, the exact density as a dashed black curve.
 */
public final class DensityPlot {

    /** Points of the exact curve across a fixed axis. */
    static final int EXACT_POINTS = 200;

    private DensityPlot() {
    }

    /**
     * @param draws     not modified; {@code [chain][draw]}
     * @param divergent not modified; {@code [chain][draw]}
     * @param exact     the exact normalised density, or null when unknown
     */
    public static JFreeChart chart(String name, double[][] draws, boolean[][] divergent, DoubleUnaryOperator exact) {
        return chart(name, draws, divergent, exact, null);
    }

    /**
     * The density over a fixed span, as two runs on one page share it; the draws outside are counted under the
     * chart, and the exact curve spans the whole axis.
     *
     * @param range the horizontal axis's range, or null to fit the estimate
     */
    public static JFreeChart chart(String name, double[][] draws, boolean[][] divergent, DoubleUnaryOperator exact,
            AxisRange range) {
        KernelDensity estimate = KernelDensity.of(draws);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries sampled = new XYSeries("all " + count(draws) + " draws", false, true);
        double peak = 0;
        for (int i = 0; i < estimate.x().length; i++) {
            sampled.add(estimate.x()[i], estimate.density()[i], false);
            peak = Math.max(peak, estimate.density()[i]);
        }
        data.addSeries(sampled);
        int next = 1;
        int exactSeries = -1;
        if (exact != null && estimate.x().length > 0) {
            XYSeries curve = new XYSeries("exact", false, true);
            if (range == null) {
                for (double x : estimate.x()) {
                    curve.add(x, exact.applyAsDouble(x), false);
                }
            } else {
                for (int i = 0; i <= EXACT_POINTS; i++) {
                    double x = range.low() + (range.high() - range.low()) * i / EXACT_POINTS;
                    curve.add(x, exact.applyAsDouble(x), false);
                }
            }
            data.addSeries(curve);
            exactSeries = next++;
        }
        XYSeries rug = new XYSeries("divergent", false, true);
        for (int chain = 0; chain < draws.length; chain++) {
            for (int draw = 0; draw < draws[chain].length; draw++) {
                if (divergent[chain][draw]) {
                    rug.add(draws[chain][draw], -0.03 * peak, false);
                }
            }
        }
        data.addSeries(rug);
        int rugSeries = next;
        JFreeChart chart = ChartFactory.createXYLineChart("Density of " + name, name, "density", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ChartStyle.DRAWS);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        if (exactSeries >= 0) {
            renderer.setSeriesPaint(exactSeries, ChartStyle.EXACT);
            renderer.setSeriesStroke(exactSeries, new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {8f, 5f}, 0f));
        }
        renderer.setSeriesLinesVisible(rugSeries, false);
        renderer.setSeriesShapesVisible(rugSeries, true);
        renderer.setSeriesShape(rugSeries, new java.awt.Rectangle(-1, -6, 2, 12));
        renderer.setSeriesPaint(rugSeries, ChartStyle.DIVERGENT);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ChartStyle.setRange(plot.getDomainAxis(), range);
        ChartStyle.style(chart);
        ChartStyle.note(chart, range == null ? "" : range.outsideText(draws));
        return chart;
    }

    private static long count(double[][] draws) {
        long n = 0;
        for (double[] chain : draws) {
            n += chain.length;
        }
        return n;
    }
}
