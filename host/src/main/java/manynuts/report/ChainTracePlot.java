package manynuts.report;

import java.awt.BasicStroke;
import java.util.List;
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
 * ArviZ's trace plot of one parameter: on the left a kernel density per chain, with the exact marginal density
 * dashed where known; on the right the same chains' traces, divergent draws as red crosses. Chains that sample the
 * same distribution give densities that lie on top of each other.
 */
public final class ChainTracePlot {

    /** Chains drawn; beyond this the densities and traces are a blur and the cost grows for nothing. */
    public static final int MAX_CHAINS = 16;

    private ChainTracePlot() {
    }

    /** How many chains of {@code chains} the figure draws: chains 1 to this. */
    public static int shown(int chains) {
        return Math.min(MAX_CHAINS, chains);
    }

    /**
     * The densities (left) and traces (right).
     *
     * @param draws     not modified; {@code [chain][draw]}
     * @param divergent not modified; {@code [chain][draw]}
     * @param exact     the exact normalised density, or null when unknown
     */
    public static List<JFreeChart> chart(String name, double[][] draws, boolean[][] divergent,
            DoubleUnaryOperator exact) {
        return chart(name, draws, divergent, exact, null);
    }

    /**
     * The densities and traces with the value axes fixed, as two runs on one page share them; the drawn chains'
     * draws outside are counted under each.
     *
     * @param range the value axes' range, or null to fit the drawn chains
     */
    public static List<JFreeChart> chart(String name, double[][] draws, boolean[][] divergent,
            DoubleUnaryOperator exact, AxisRange range) {
        int shown = shown(draws.length);
        String chains = draws.length > shown ? " (chains 1-" + shown + " of " + draws.length + ")" : "";
        JFreeChart densities = densities(name, draws, shown, exact, chains, range);
        JFreeChart traces = traces(name, draws, divergent, shown, chains);
        if (range != null) {
            ChartStyle.setRange(densities.getXYPlot().getDomainAxis(), range);
            ChartStyle.setRange(traces.getXYPlot().getRangeAxis(), range);
            String outside = range.outsideText(java.util.Arrays.copyOf(draws, shown));
            ChartStyle.note(densities, outside);
            ChartStyle.note(traces, outside);
        }
        return List.of(densities, traces);
    }

    private static JFreeChart densities(String name, double[][] draws, int shown, DoubleUnaryOperator exact,
            String chains, AxisRange range) {
        XYSeriesCollection data = new XYSeriesCollection();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int chain = 0; chain < shown; chain++) {
            KernelDensity estimate = KernelDensity.of(draws[chain]);
            XYSeries series = new XYSeries("chain " + (chain + 1), false, true);
            for (int i = 0; i < estimate.x().length; i++) {
                series.add(estimate.x()[i], estimate.density()[i], false);
            }
            if (estimate.x().length > 0) {
                low = Math.min(low, estimate.x()[0]);
                high = Math.max(high, estimate.x()[estimate.x().length - 1]);
            }
            data.addSeries(series);
        }
        if (range != null) {
            low = range.low();
            high = range.high();
        }
        boolean withExact = exact != null && low < high;
        if (withExact) {
            XYSeries curve = new XYSeries("exact", false, true);
            for (int i = 0; i <= 200; i++) {
                double x = low + (high - low) * i / 200;
                curve.add(x, exact.applyAsDouble(x), false);
            }
            data.addSeries(curve);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Density per chain of " + name + chains, name, "density",
                data, PlotOrientation.VERTICAL, withExact, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int chain = 0; chain < shown; chain++) {
            renderer.setSeriesPaint(chain, ChartStyle.translucent(ChartStyle.chain(chain), 0.8));
            renderer.setSeriesStroke(chain, new BasicStroke(1.4f));
            renderer.setSeriesVisibleInLegend(chain, false);
        }
        if (withExact) {
            renderer.setSeriesPaint(shown, ChartStyle.EXACT);
            renderer.setSeriesStroke(shown, new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 5f}, 0f));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return ChartStyle.style(chart);
    }

    private static JFreeChart traces(String name, double[][] draws, boolean[][] divergent, int shown,
            String chains) {
        XYSeriesCollection data = TracePlot.series(draws, divergent, shown);
        JFreeChart chart = ChartFactory.createXYLineChart("Trace of " + name + chains, "iteration after warm-up",
                name, data, PlotOrientation.VERTICAL, false, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // Thinner and fainter as more chains overlap, so that each still shows through.
        float width = shown > 4 ? 0.7f : 1.0f;
        double alpha = shown > 4 ? 0.45 : 0.75;
        for (int chain = 0; chain < shown; chain++) {
            renderer.setSeriesPaint(chain, ChartStyle.translucent(ChartStyle.chain(chain), alpha));
            renderer.setSeriesStroke(chain, new BasicStroke(width));
        }
        renderer.setSeriesLinesVisible(shown, false);
        renderer.setSeriesShapesVisible(shown, true);
        renderer.setSeriesShape(shown, ChartStyle.cross(9));
        renderer.setSeriesPaint(shown, ChartStyle.DIVERGENT);
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.getDomainAxis().setLowerMargin(0.0);
        plot.getDomainAxis().setUpperMargin(0.03);
        return ChartStyle.style(chart);
    }
}
