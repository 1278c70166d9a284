package manynuts.report;

import java.awt.BasicStroke;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The rank ECDF difference plot of many chains ({@link RankEcdf}): a grey band that a chain's line leaves with
 * probability 5 % when all chains sample the same distribution, and the lines of a few chains, from the one
 * furthest from uniform to the nearest. Where rank histograms need a row per chain, this reads the same at 4,096
 * chains as at 8.
 */
public final class RankEcdfPlot {

    /** Chains whose lines are drawn; more hide each other. */
    public static final int MAX_LINES = 8;

    private RankEcdfPlot() {
    }

    public static JFreeChart chart(String name, RankEcdf test) {
        XYSeriesCollection band = new XYSeriesCollection();
        XYSeries upper = new XYSeries("upper", false, true);
        XYSeries lower = new XYSeries("lower", false, true);
        for (int i = 0; i < test.z().length; i++) {
            upper.add(test.z()[i], test.upper()[i], false);
            lower.add(test.z()[i], test.lower()[i], false);
        }
        band.addSeries(upper);
        band.addSeries(lower);
        int[] shown = shownChains(test);
        XYSeriesCollection lines = new XYSeriesCollection();
        for (int chain : shown) {
            XYSeries line = new XYSeries("chain " + (chain + 1), false, true);
            line.add(0.0, 0.0, false);
            for (int i = 0; i < test.z().length; i++) {
                line.add(test.z()[i], test.difference()[chain][i], false);
            }
            line.add(1.0, 0.0, false);
            lines.addSeries(line);
        }
        NumberAxis zAxis = new NumberAxis("fractional rank among all draws");
        // A little room at both ends, so that the last tick label is not cut at the chart's edge.
        zAxis.setRange(-0.01, 1.02);
        NumberAxis differenceAxis = new NumberAxis("ECDF difference");
        differenceAxis.setAutoRangeIncludesZero(true);
        XYStepRenderer lineRenderer = new XYStepRenderer();
        for (int i = 0; i < shown.length; i++) {
            lineRenderer.setSeriesPaint(i, ChartStyle.chain(i));
            lineRenderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(lines, zAxis, differenceAxis, lineRenderer);
        XYDifferenceRenderer bandRenderer = new XYDifferenceRenderer(ChartStyle.translucent(ChartStyle.EXACT, 0.12),
                ChartStyle.translucent(ChartStyle.EXACT, 0.12), false);
        bandRenderer.setSeriesPaint(0, ChartStyle.translucent(ChartStyle.EXACT, 0.5));
        bandRenderer.setSeriesPaint(1, ChartStyle.translucent(ChartStyle.EXACT, 0.5));
        bandRenderer.setSeriesVisibleInLegend(0, false);
        bandRenderer.setSeriesVisibleInLegend(1, false);
        plot.setDataset(1, band);
        plot.setRenderer(1, bandRenderer);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        String title = "Rank ECDF difference of " + name + (test.chains() > shown.length
                ? " (" + shown.length + " of " + test.chains() + " chains, furthest to nearest)" : "");
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, shown.length <= MAX_LINES);
        chart.addSubtitle(new TextTitle(outsideLine(test), ChartStyle.LABEL));
        return ChartStyle.style(chart);
    }

    /** "3 of 4096 chains leave the 95 % simultaneous band (about 5 % would by chance)". */
    static String outsideLine(RankEcdf test) {
        return String.format(Locale.ROOT, "%d of %d chains leave the %.0f %% simultaneous band (about %.0f %% would "
                + "by chance)", test.outside(), test.chains(), 100 * (1 - test.alpha()), 100 * test.alpha());
    }

    /**
     * The chains drawn: all of them up to {@link #MAX_LINES}, else chains spread evenly over the order of their
     * furthest distance from uniform, from the furthest to the nearest, so that the figure shows both the worst chain
     * and typical ones (the worst few are often alike: chains stuck in one place).
     */
    static int[] shownChains(RankEcdf test) {
        int chains = test.chains();
        Integer[] order = new Integer[chains];
        double[] furthest = new double[chains];
        for (int chain = 0; chain < chains; chain++) {
            order[chain] = chain;
            for (double d : test.difference()[chain]) {
                furthest[chain] = Math.max(furthest[chain], Math.abs(d));
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(furthest[b], furthest[a]));
        int[] shown = new int[Math.min(MAX_LINES, chains)];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = shown.length == chains ? i : order[(int) ((long) i * (chains - 1) / (shown.length - 1))];
        }
        return shown;
    }
}
