package manynuts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The running mean of one output (log(tau) in eight schools) as iterations go on, against the exact posterior
 * mean (a horizontal line labelled exact): the seed notebook's picture of the centered model's bias. The running
 * mean at iteration t
 * pools draws 1..t of every chain; a few single chains are drawn faintly to show how far one chain strays.
 */
public final class RunningMeanPlot {

    /** Single chains drawn faintly when only one run is shown. */
    public static final int CHAINS_SHOWN = 4;

    /** One run's draws of the output, {@code [chain][draw]}, and how to draw them. */
    public record Line(String label, double[][] draws, Color colour) {
    }

    private RunningMeanPlot() {
    }

    /**
     * @param quantity how to name the output, e.g. {@code log(tau)}
     * @param exact    its exact posterior mean, or NaN when unknown
     */
    public static JFreeChart chart(String quantity, List<Line> runs, double exact) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line run : runs) {
            data.addSeries(pooled(run));
        }
        int faint = runs.size() == 1 ? Math.min(CHAINS_SHOWN, runs.get(0).draws().length) : 0;
        for (int chain = 0; chain < faint; chain++) {
            data.addSeries(single(runs.get(0).draws()[chain], "chain " + (chain + 1)));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Running mean of " + quantity,
                "iteration after warm-up", "MCMC mean of " + quantity, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < runs.size(); i++) {
            renderer.setSeriesPaint(i, runs.get(i).colour());
            renderer.setSeriesStroke(i, new BasicStroke(3.0f));
        }
        for (int chain = 0; chain < faint; chain++) {
            renderer.setSeriesPaint(runs.size() + chain, ChartStyle.translucent(ChartStyle.chain(chain + 1), 0.55));
            renderer.setSeriesStroke(runs.size() + chain, new BasicStroke(1.0f));
        }
        plot.setRenderer(renderer);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setAutoRangeIncludesZero(false);
        if (Double.isFinite(exact)) {
            ValueMarker marker = new ValueMarker(exact, ChartStyle.EXACT, new BasicStroke(2.0f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            marker.setLabel(String.format(Locale.ROOT, "exact %.4f", exact));
            marker.setLabelFont(ChartStyle.LABEL);
            marker.setLabelPaint(ChartStyle.EXACT);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
            // Keep the exact line in view even when every chain's mean is far from it.
            double low = Math.min(range.getLowerBound(), exact - 0.1);
            double high = Math.max(range.getUpperBound(), exact + 0.1);
            range.setRange(low, high);
        }
        plot.getDomainAxis().setLowerMargin(0.0);
        plot.getDomainAxis().setUpperMargin(0.0);
        return ChartStyle.style(chart);
    }

    private static XYSeries pooled(Line run) {
        double[][] draws = run.draws();
        XYSeries series = new XYSeries(run.label() + " (all " + draws.length + " chains)", false, true);
        double sum = 0;
        for (int draw = 0; draw < draws[0].length; draw++) {
            for (double[] chain : draws) {
                sum += chain[draw];
            }
            series.add(draw + 1, sum / ((long) (draw + 1) * draws.length), false);
        }
        return series;
    }

    private static XYSeries single(double[] chain, String label) {
        XYSeries series = new XYSeries(label, false, true);
        double sum = 0;
        for (int draw = 0; draw < chain.length; draw++) {
            sum += chain[draw];
            series.add(draw + 1, sum / (draw + 1), false);
        }
        return series;
    }
}
