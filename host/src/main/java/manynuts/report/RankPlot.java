package manynuts.report;

import java.awt.BasicStroke;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Rank plots (Vehtari et al. 2021, section 4.1): every draw is ranked among all chains' draws together, and each
 * chain's ranks are shown as a histogram in its own row; chains that sample the same distribution give flat
 * histograms, around the dashed line each would have if its ranks were uniform.
 */
public final class RankPlot {

    /** Chains given a row of their own; beyond this the rows become unreadable. */
    public static final int MAX_CHAINS = 8;
    private static final int BINS = 20;
    // A row's tallest possible bar reaches this far towards the next row.
    private static final double ROW_HEIGHT = 0.85;

    private RankPlot() {
    }

    /** @param draws not modified; {@code [chain][draw]} */
    public static JFreeChart chart(String name, double[][] draws) {
        int chains = draws.length;
        int shown = Math.min(MAX_CHAINS, chains);
        double[][] ranks = ranks(draws);
        long total = (long) chains * draws[0].length;
        double binWidth = (double) total / BINS;
        int[][] counts = new int[shown][BINS];
        int tallest = 0;
        for (int chain = 0; chain < shown; chain++) {
            for (double rank : ranks[chain]) {
                counts[chain][Math.min(BINS - 1, (int) ((rank - 1) / binWidth))]++;
            }
            tallest = Math.max(tallest, Arrays.stream(counts[chain]).max().orElse(0));
        }
        double expected = (double) draws[0].length / BINS;
        double scale = ROW_HEIGHT / Math.max(tallest, 2 * expected);

        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYSeriesCollection uniform = new XYSeriesCollection();
        String[] labels = new String[shown];
        for (int chain = 0; chain < shown; chain++) {
            // Chain 1 on top, as in ArviZ.
            double base = shown - 1 - chain - ROW_HEIGHT / 2;
            XYIntervalSeries series = new XYIntervalSeries("chain " + (chain + 1));
            for (int bin = 0; bin < BINS; bin++) {
                double left = bin * binWidth;
                series.add(left + binWidth / 2, left + 0.05 * binWidth, left + 0.95 * binWidth,
                        base + counts[chain][bin] * scale, base, base + counts[chain][bin] * scale);
            }
            bars.addSeries(series);
            XYSeries line = new XYSeries("uniform " + (chain + 1));
            line.add(0, base + expected * scale);
            line.add(total, base + expected * scale);
            uniform.addSeries(line);
            labels[shown - 1 - chain] = "chain " + (chain + 1);
        }
        NumberAxis rankAxis = new NumberAxis("rank among all " + total + " draws");
        SymbolAxis chainAxis = new SymbolAxis(null, labels);
        chainAxis.setGridBandsVisible(false);
        chainAxis.setRange(-0.6, shown - 0.4);
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setUseYInterval(true);
        barRenderer.setShadowVisible(false);
        barRenderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        for (int chain = 0; chain < shown; chain++) {
            barRenderer.setSeriesPaint(chain, ChartStyle.chain(chain));
        }
        XYPlot plot = new XYPlot(bars, rankAxis, chainAxis, barRenderer);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        for (int chain = 0; chain < shown; chain++) {
            lineRenderer.setSeriesPaint(chain, ChartStyle.EXACT);
            lineRenderer.setSeriesStroke(chain, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {5f, 4f}, 0f));
        }
        plot.setDataset(1, uniform);
        plot.setRenderer(1, lineRenderer);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        rankAxis.setRange(0, total);
        String title = "Rank plot of " + name + (chains > shown ? " (chains 1-" + shown + " of " + chains + ")" : "");
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        return ChartStyle.style(chart);
    }

    /** Ranks 1..N of all draws pooled, ties given their average rank; {@code [chain][draw]}. */
    static double[][] ranks(double[][] draws) {
        int perChain = draws[0].length;
        int total = draws.length * perChain;
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(draws[a / perChain][a % perChain], draws[b / perChain][b % perChain]));
        double[][] ranks = new double[draws.length][perChain];
        int i = 0;
        while (i < total) {
            int j = i;
            double value = draws[order[i] / perChain][order[i] % perChain];
            while (j + 1 < total && draws[order[j + 1] / perChain][order[j + 1] % perChain] == value) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k] / perChain][order[k] % perChain] = average;
            }
            i = j + 1;
        }
        return ranks;
    }
}
