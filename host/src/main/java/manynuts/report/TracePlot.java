package manynuts.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The trace of one parameter: its value against the iteration for a handful of chains (all of them would be a
 * blur), with the divergent draws of those chains marked by red crosses.
 */
public final class TracePlot {

    /** Chains drawn in a trace; more hide each other. */
    public static final int MAX_CHAINS = 4;

    private TracePlot() {
    }

    /**
     * @param draws     not modified; {@code [chain][draw]}
     * @param divergent not modified; {@code [chain][draw]}
     */
    public static JFreeChart chart(String name, double[][] draws, boolean[][] divergent) {
        return chart(name, draws, divergent, null);
    }

    /**
     * The trace with the value axis fixed, as two runs on one page share it.
     *
     * @param range the value axis's range, or null to fit the drawn chains
     */
    public static JFreeChart chart(String name, double[][] draws, boolean[][] divergent, AxisRange range) {
        int shown = Math.min(MAX_CHAINS, draws.length);
        XYSeriesCollection data = series(draws, divergent, shown);
        String title = "Trace of " + name + (draws.length > shown ? " (chains 1-" + shown + " of " + draws.length + ")" : "");
        JFreeChart chart = ChartFactory.createXYLineChart(title, "iteration after warm-up", name, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int chain = 0; chain < shown; chain++) {
            renderer.setSeriesPaint(chain, ChartStyle.translucent(ChartStyle.chain(chain), 0.75));
            renderer.setSeriesStroke(chain, new java.awt.BasicStroke(1.0f));
        }
        renderer.setSeriesLinesVisible(shown, false);
        renderer.setSeriesShapesVisible(shown, true);
        renderer.setSeriesShape(shown, ChartStyle.cross(9));
        renderer.setSeriesPaint(shown, ChartStyle.DIVERGENT);
        renderer.setDrawSeriesLineAsPath(true);
        plot.setRenderer(renderer);
        plot.getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.getDomainAxis().setLowerMargin(0.0);
        plot.getDomainAxis().setUpperMargin(0.0);
        ChartStyle.setRange(plot.getRangeAxis(), range);
        ChartStyle.style(chart);
        ChartStyle.note(chart, range == null ? "" : range.outsideText(java.util.Arrays.copyOf(draws, shown)));
        return chart;
    }

    /** A line per chain of the first {@code shown}, by iteration after warm-up, and last their divergent draws. */
    static XYSeriesCollection series(double[][] draws, boolean[][] divergent, int shown) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries divergences = new XYSeries("divergent", false, true);
        for (int chain = 0; chain < shown; chain++) {
            XYSeries series = new XYSeries("chain " + (chain + 1), false, true);
            for (int draw = 0; draw < draws[chain].length; draw++) {
                series.add(draw + 1, draws[chain][draw], false);
                if (divergent[chain][draw]) {
                    divergences.add(draw + 1, draws[chain][draw], false);
                }
            }
            data.addSeries(series);
        }
        data.addSeries(divergences);
        return data;
    }
}
