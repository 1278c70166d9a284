package manynuts.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Chains given a row of their own; beyond this the rank ECDF plot takes over. */
    public static final int MAX_CHAINS = 32;
    /** Rows in one panel; more chains fill panels side by side. */
    public static final int ROWS_PER_PANEL = 16;
    private static final int BINS = 20;
    // A row's tallest possible bar reaches this far towards the next row.
    private static final double ROW_HEIGHT = 0.85;
    /** The tallest bar drawn whole, in multiples of the height every bar would have if the ranks were uniform. */
    static final double TALLEST = 4;

    private RankPlot() {
    }

    /** How many panels the rank histograms of {@code chains} chains take. */
    public static int panels(int chains) {
        int shown = Math.min(MAX_CHAINS, chains);
        return (shown + ROWS_PER_PANEL - 1) / ROWS_PER_PANEL;
    }

    /** The rows in the fullest panel, for sizing the figure. */
    public static int rows(int chains) {
        return Math.min(ROWS_PER_PANEL, Math.min(MAX_CHAINS, chains));
    }

    /**
     * One panel per {@link #ROWS_PER_PANEL} chains, up to {@link #MAX_CHAINS}, every panel on the same scale: ranks
     * are among all chains' draws.
     *
     * @param draws not modified; {@code [chain][draw]}
     */
    public static List<JFreeChart> chart(String name, double[][] draws) {
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
        // One stuck chain, all its draws in a bin or two, would otherwise flatten every other row: bars taller than
        // TALLEST times the uniform height are cut at the row's top, and the title says so.
        double scale = ROW_HEIGHT / Math.min(Math.max(tallest, 2 * expected), TALLEST * expected);
        boolean cut = tallest > TALLEST * expected;
        int panels = panels(chains);
        List<JFreeChart> charts = new ArrayList<>();
        for (int panel = 0; panel < panels; panel++) {
            int first = panel * ROWS_PER_PANEL;
            int last = Math.min(shown, first + ROWS_PER_PANEL);
            String title = panels == 1 && chains == shown ? "Rank plot of " + name
                    : "Ranks of " + name + ", chains " + (first + 1) + "-" + last;
            JFreeChart chart = panel(title, counts, first, last, rows(chains), binWidth, total, expected, scale);
            if (cut) {
                ChartStyle.note(chart, "bars over " + (int) TALLEST + "x uniform are cut at the top");
            }
            charts.add(chart);
        }
        return charts;
    }

    private static JFreeChart panel(String title, int[][] counts, int first, int last, int rows, double binWidth,
            long total, double expected, double scale) {
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYSeriesCollection uniform = new XYSeriesCollection();
        String[] labels = new String[rows];
        Arrays.fill(labels, "");
        for (int chain = first; chain < last; chain++) {
            // The panel's first chain on top, as in ArviZ.
            int row = rows - 1 - (chain - first);
            double base = row - ROW_HEIGHT / 2;
            XYIntervalSeries series = new XYIntervalSeries("chain " + (chain + 1));
            for (int bin = 0; bin < BINS; bin++) {
                double left = bin * binWidth;
                double top = base + Math.min(counts[chain][bin] * scale, ROW_HEIGHT);
                series.add(left + binWidth / 2, left + 0.05 * binWidth, left + 0.95 * binWidth, top, base, top);
            }
            bars.addSeries(series);
            XYSeries line = new XYSeries("uniform " + (chain + 1));
            line.add(0, base + expected * scale);
            line.add(total, base + expected * scale);
            uniform.addSeries(line);
            labels[row] = "chain " + (chain + 1);
        }
        NumberAxis rankAxis = new NumberAxis("rank among all " + total + " draws");
        SymbolAxis chainAxis = new SymbolAxis(null, labels);
        chainAxis.setGridBandsVisible(false);
        chainAxis.setRange(-0.6, rows - 0.4);
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setUseYInterval(true);
        barRenderer.setShadowVisible(false);
        barRenderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        for (int chain = first; chain < last; chain++) {
            barRenderer.setSeriesPaint(chain - first, ChartStyle.chain(chain));
        }
        XYPlot plot = new XYPlot(bars, rankAxis, chainAxis, barRenderer);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        for (int chain = first; chain < last; chain++) {
            lineRenderer.setSeriesPaint(chain - first, ChartStyle.EXACT);
            lineRenderer.setSeriesStroke(chain - first, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        }
        plot.setDataset(1, uniform);
        plot.setRenderer(1, lineRenderer);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        rankAxis.setRange(0, total);
        // Few ticks: rank counts of 32,000 draws crowd a narrow panel otherwise.
        rankAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(niceStep(total / 4.0)));
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        return ChartStyle.style(chart);
    }

    // 1, 2 or 5 times a power of ten, at least the given step.
    private static double niceStep(double step) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(step, 1))));
        for (double multiple : new double[] {1, 2, 5, 10}) {
            if (multiple * power >= step) {
                return multiple * power;
            }
        }
        return 10 * power;
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
