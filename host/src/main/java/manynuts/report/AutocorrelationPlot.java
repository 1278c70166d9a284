package manynuts.report;

import java.awt.BasicStroke;
import manynuts.diagnostics.stats.Autocorrelation;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The autocorrelation of one parameter against the lag, ArviZ's {@code plot_autocorr}: a thin line for each of the
 * first chains and a thick one for all chains together. Slow decay means few effective draws per draw.
 */
public final class AutocorrelationPlot {

    /** Lags drawn at most, ArviZ's default. */
    public static final int MAX_LAG = 100;
    /** Chains given a line of their own. */
    public static final int MAX_CHAINS = 4;

    private AutocorrelationPlot() {
    }

    /** @param draws not modified; {@code [chain][draw]} */
    public static JFreeChart chart(String name, double[][] draws) {
        XYSeriesCollection data = new XYSeriesCollection();
        double lowest = -0.25;
        int shown = Math.min(MAX_CHAINS, draws.length);
        for (int chain = 0; chain < shown; chain++) {
            data.addSeries(series("chain " + (chain + 1), Autocorrelation.ofChain(draws[chain], MAX_LAG)));
        }
        data.addSeries(series("all " + draws.length + " chains", Autocorrelation.ofChains(draws, MAX_LAG)));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int chain = 0; chain < shown; chain++) {
            renderer.setSeriesPaint(chain, ChartStyle.translucent(ChartStyle.chain(chain), 0.6));
            renderer.setSeriesStroke(chain, new BasicStroke(1.0f));
        }
        renderer.setSeriesPaint(shown, ChartStyle.EXACT);
        renderer.setSeriesStroke(shown, new BasicStroke(2.4f));
        NumberAxis lagAxis = new NumberAxis("lag");
        // A little room on the right, so that the last tick label is not cut at the chart's edge.
        lagAxis.setRange(0, 1.03 * Math.max(1, data.getSeries(shown).getMaxX()));
        NumberAxis correlationAxis = new NumberAxis("autocorrelation");
        for (int s = 0; s < data.getSeriesCount(); s++) {
            lowest = Math.min(lowest, data.getSeries(s).getMinY() - 0.05);
        }
        // Fixed from a little below zero to one, so that figures of different parameters compare at a glance.
        correlationAxis.setRange(lowest, 1.02);
        XYPlot plot = new XYPlot(data, lagAxis, correlationAxis, renderer);
        plot.setRangeZeroBaselineVisible(true);
        JFreeChart chart = new JFreeChart("Autocorrelation of " + name, ChartStyle.TITLE, plot, true);
        return ChartStyle.style(chart);
    }

    private static XYSeries series(String label, double[] correlation) {
        XYSeries series = new XYSeries(label, false, true);
        for (int lag = 0; lag < correlation.length; lag++) {
            series.add(lag, correlation[lag], false);
        }
        return series;
    }
}
