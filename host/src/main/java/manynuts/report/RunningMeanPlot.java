package manynuts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.List;
import java.util.Locale;
import manynuts.diagnostics.stats.IndicatorEss;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The running mean of one output (log(tau) in eight schools) as iterations go on, against the exact posterior
 * mean (a horizontal line labelled exact): the seed notebook's picture of the centered model's bias. The running
 * mean at iteration t pools draws 1..t of every chain; around it, a band of +/- 2 Monte Carlo standard errors,
 * sd / sqrt(ESS) of those draws with the split-chain ESS of the diagnostics, at a few dozen checkpoints. A few
 * single chains are drawn faintly to show how far one chain strays. The value axis spans the second half of the
 * draws, where the mean has settled, and the exact value: the first draws would otherwise flatten the rest.
 */
public final class RunningMeanPlot {

    /** Single chains drawn faintly when only one run is shown. */
    public static final int CHAINS_SHOWN = 4;

    /** Iterations at which the band is computed, at most. */
    static final int CHECKPOINTS = 40;
    /** The first checkpoint: fewer draws per chain give no usable ESS. */
    static final int FIRST_CHECKPOINT = 10;
    /** Monte Carlo standard errors each side of the band. */
    static final double BAND_MCSE = 2;

    /** One run's draws of the output, {@code [chain][draw]}, and how to draw them. */
    public record Line(String label, double[][] draws, Color colour) {
    }

    /**
     * The band at its checkpoints.
     *
     * @param iteration draws per chain so far, increasing
     * @param mean      the mean of those draws of every chain
     * @param mcse      its Monte Carlo standard error; NaN where the ESS is not defined
     */
    record Band(int[] iteration, double[] mean, double[] mcse) {
    }

    private RunningMeanPlot() {
    }

    /**
     * @param quantity how to name the output, e.g. {@code log(tau)}
     * @param exact    its exact posterior mean, or NaN when unknown
     */
    public static JFreeChart chart(String quantity, List<Line> runs, double exact) {
        AxisRange range = runs.stream().map(run -> range(run.draws(), exact)).reduce(AxisRange::union).orElse(null);
        return chart(quantity, runs, exact, range);
    }

    /**
     * @param quantity how to name the output, e.g. {@code log(tau)}
     * @param exact    its exact posterior mean, or NaN when unknown
     * @param range    the value axis's range, as two runs on one page share it
     */
    public static JFreeChart chart(String quantity, List<Line> runs, double exact, AxisRange range) {
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
        // The bands behind the lines: a second dataset, drawn first.
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false) {
            // A filled swatch: the band has no line or shape of its own to show in the legend.
            @Override
            public LegendItem getLegendItem(int datasetIndex, int series) {
                return new LegendItem(bands.getSeriesKey(series).toString(), lookupSeriesFillPaint(series));
            }
        };
        for (int i = 0; i < runs.size(); i++) {
            bands.addSeries(bandSeries(runs.get(i)));
            bandRenderer.setSeriesFillPaint(i, ChartStyle.translucent(runs.get(i).colour(), 0.22));
        }
        bandRenderer.setAlpha(1.0f);
        plot.setDataset(1, bands);
        plot.setRenderer(1, bandRenderer);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        if (Double.isFinite(exact)) {
            ValueMarker marker = new ValueMarker(exact, ChartStyle.EXACT, new BasicStroke(2.0f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            marker.setLabel(String.format(Locale.ROOT, "exact %.4f", exact));
            marker.setLabelFont(ChartStyle.LABEL);
            marker.setLabelPaint(ChartStyle.EXACT);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
        }
        ChartStyle.setRange(plot.getRangeAxis(), range);
        plot.getDomainAxis().setLowerMargin(0.0);
        plot.getDomainAxis().setUpperMargin(0.0);
        return ChartStyle.style(chart);
    }

    /**
     * The value axis for these draws: the running mean and its band from the second half of the draws on, and the
     * exact mean, with a sixth of that span added each side.
     *
     * @param draws not modified; {@code [chain][draw]}
     * @param exact the exact mean, or NaN
     */
    public static AxisRange range(double[][] draws, double exact) {
        double[] means = means(draws);
        int from = means.length / 2;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int t = from; t < means.length; t++) {
            low = Math.min(low, means[t]);
            high = Math.max(high, means[t]);
        }
        Band band = band(draws);
        for (int k = 0; k < band.iteration().length; k++) {
            if (band.iteration()[k] > from && Double.isFinite(band.mcse()[k])) {
                low = Math.min(low, band.mean()[k] - BAND_MCSE * band.mcse()[k]);
                high = Math.max(high, band.mean()[k] + BAND_MCSE * band.mcse()[k]);
            }
        }
        if (Double.isFinite(exact)) {
            low = Math.min(low, exact);
            high = Math.max(high, exact);
        }
        if (!(low <= high)) {
            return new AxisRange(0, 1);
        }
        double pad = Math.max((high - low) / 6, 1e-6 * Math.max(1, Math.abs(high)));
        return new AxisRange(low - pad, high + pad);
    }

    /** The iterations where the band is computed: a geometric sequence from {@link #FIRST_CHECKPOINT} to the last. */
    static int[] checkpoints(int draws) {
        if (draws < FIRST_CHECKPOINT) {
            return draws >= 4 ? new int[] {draws} : new int[0];
        }
        double ratio = Math.pow((double) draws / FIRST_CHECKPOINT, 1.0 / (CHECKPOINTS - 1));
        return java.util.stream.IntStream.range(0, CHECKPOINTS)
                .map(k -> k == CHECKPOINTS - 1 ? draws : (int) Math.round(FIRST_CHECKPOINT * Math.pow(ratio, k)))
                .distinct().toArray();
    }

    // The band of the draws last asked about: the axis range and the chart both need it, and it costs an ESS
    // per checkpoint. Keyed by the array itself, which a run's draws keep.
    private static final Map<double[][], Band> BANDS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The running mean and its MCSE at each checkpoint, from draws 1..t of every chain. */
    static Band band(double[][] draws) {
        return BANDS.computeIfAbsent(draws, RunningMeanPlot::computeBand);
    }

    private static Band computeBand(double[][] draws) {
        int[] checkpoints = checkpoints(draws[0].length);
        double[] mean = new double[checkpoints.length];
        double[] mcse = new double[checkpoints.length];
        for (int k = 0; k < checkpoints.length; k++) {
            int t = checkpoints[k];
            double[][] prefix = new double[draws.length][];
            double sum = 0;
            for (int chain = 0; chain < draws.length; chain++) {
                prefix[chain] = Arrays.copyOf(draws[chain], t);
                for (double value : prefix[chain]) {
                    sum += value;
                }
            }
            long n = (long) t * draws.length;
            mean[k] = sum / n;
            double squares = 0;
            for (double[] chain : prefix) {
                for (double value : chain) {
                    squares += (value - mean[k]) * (value - mean[k]);
                }
            }
            double sd = Math.sqrt(squares / Math.max(1, n - 1));
            double ess = IndicatorEss.basic(prefix);
            mcse[k] = ess > 0 ? sd / Math.sqrt(ess) : Double.NaN;
        }
        return new Band(checkpoints, mean, mcse);
    }

    private static YIntervalSeries bandSeries(Line run) {
        Band band = band(run.draws());
        YIntervalSeries series = new YIntervalSeries(run.label() + " +/- " + (int) BAND_MCSE + " MCSE", false, true);
        for (int k = 0; k < band.iteration().length; k++) {
            if (Double.isFinite(band.mcse()[k])) {
                double half = BAND_MCSE * band.mcse()[k];
                series.add(band.iteration()[k], band.mean()[k], band.mean()[k] - half, band.mean()[k] + half);
            }
        }
        return series;
    }

    /** The pooled running mean after each iteration, index t - 1 for draws 1..t. */
    private static double[] means(double[][] draws) {
        double[] means = new double[draws[0].length];
        double sum = 0;
        for (int draw = 0; draw < means.length; draw++) {
            for (double[] chain : draws) {
                sum += chain[draw];
            }
            means[draw] = sum / ((long) (draw + 1) * draws.length);
        }
        return means;
    }

    private static XYSeries pooled(Line run) {
        double[][] draws = run.draws();
        XYSeries series = new XYSeries(run.label() + " (all " + draws.length + " chains)", false, true);
        double[] means = means(draws);
        for (int draw = 0; draw < means.length; draw++) {
            series.add(draw + 1, means[draw], false);
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
