package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on one page draw the same quantity on the same axes, and what a figure leaves out is labelled: the
 * funnels, running means, densities, traces and energy plots of a narrow and a wide run share their ranges.
 */
class SideBySideFiguresTest {

    @TempDir
    Path directory;

    // log tau of the second run spreads four times as far: alone, its funnel would reach much further down.
    private final ReportedRun narrow = SyntheticRun.of(Path.of("narrow"), 8, 300, 4, 21, 0.5);
    private final ReportedRun wide = SyntheticRun.of(Path.of("wide"), 8, 300, 4, 22, 2.0);

    @Test
    void twoRunsFunnelsGetTheSameAxesTakingInBothRuns() {
        SharedAxes shared = SharedAxes.of(List.of(narrow, wide));
        JFreeChart first = RunFigures.funnelChart(narrow, points(narrow), shared);
        JFreeChart second = RunFigures.funnelChart(wide, points(wide), shared);
        assertEquals(range(first, false), range(second, false));
        assertEquals(range(first, true), range(second, true));
        // The shared log tau axis holds every draw of either run, down the neck of the wider one...
        Range logTau = range(first, false);
        for (ReportedRun run : List.of(narrow, wide)) {
            double[] sorted = sorted(run.draws().column("tau_log"));
            assertTrue(logTau.getLowerBound() < sorted[0], run.shortName());
            assertTrue(logTau.getUpperBound() > sorted[sorted.length - 1], run.shortName());
        }
        assertTrue(notes(first).isEmpty(), notes(first).toString());
        // ...and is wider than the narrow run's own.
        Range alone = range(RunFigures.funnelChart(narrow, points(narrow), SharedAxes.of(List.of(narrow))), false);
        assertTrue(logTau.getLength() > 2.5 * alone.getLength(), logTau + " against " + alone);
    }

    @Test
    void twoRunsOfOneModelAreComparedUnderNamesOfTheirOwn() throws IOException {
        assertEquals(narrow.shortName(), wide.shortName());
        List<Figure> figures = ComparisonFigures.write(narrow, wide, FigureRenderer.inline(), "c-");
        assertEquals(List.of("c-funnel-overlay.png", "c-running-mean-log-tau.png"),
                figures.stream().map(Figure::file).toList());
        assertTrue(figures.get(0).caption().contains("red crosses for run 1 (synthetic), black squares for run 2 "
                + "(synthetic)"), figures.get(0).caption());
    }

    @Test
    void runningMeansDensitiesTracesAndEnergyShareTheirAxes() {
        SharedAxes shared = SharedAxes.of(List.of(narrow, wide));
        assertEquals(range(RunFigures.runningMeanChart(narrow, shared), false),
                range(RunFigures.runningMeanChart(wide, shared), false));
        assertEquals(range(RunFigures.energyChart(narrow, shared), true),
                range(RunFigures.energyChart(wide, shared), true));
        List<JFreeChart> first = RunFigures.outputCharts(narrow, "tau_log", shared);
        List<JFreeChart> second = RunFigures.outputCharts(wide, "tau_log", shared);
        assertEquals(range(first.get(0), true), range(second.get(0), true), "densities");
        assertEquals(range(first.get(1), false), range(second.get(1), false), "traces");
        assertEquals(range(first.get(0), true), range(first.get(1), false), "density and trace of one run");
        assertNotEquals(range(RunFigures.outputCharts(narrow, "tau_log", SharedAxes.of(List.of(narrow))).get(0),
                true), range(first.get(0), true), "the narrow run alone");
        List<String> theta = List.of("theta[1]", "theta[2]", "theta[3]", "theta[4]");
        AxisRange forest = shared.forest(theta);
        AxisRange narrowForest = ForestPlot.range(ForestPlot.rows(theta, narrow.draws()::column, narrow::exactMean));
        AxisRange wideForest = ForestPlot.range(ForestPlot.rows(theta, wide.draws()::column, wide::exactMean));
        assertEquals(narrowForest.union(wideForest), forest);
        assertNotEquals(narrowForest, forest);
        JFreeChart chart = ForestPlot.chart("theta", shared.forestRows(narrow, theta), 4, forest);
        assertEquals(new Range(forest.low(), forest.high()), chart.getXYPlot().getDomainAxis().getRange());
    }

    @Test
    void theRunningMeanBandHoldsTheExactMeanAndItsWidthIsTheMonteCarloError() {
        // Stationary AR(1) chains with lag-one correlation 0.8 about the exact mean 1, sd 1: the pooled mean of n
        // draws has sd sqrt((1 + 0.8) / (1 - 0.8) / n) = 3 / sqrt(n).
        ReportedRun run = SyntheticRun.of(directory, 16, 2000, 2, 5);
        double[][] logTau = run.draws().column("tau_log");
        RunningMeanPlot.Band band = RunningMeanPlot.band(logTau);
        assertTrue(band.iteration().length >= 30 && band.iteration().length <= RunningMeanPlot.CHECKPOINTS,
                Arrays.toString(band.iteration()));
        int last = band.iteration().length - 1;
        assertEquals(2000, band.iteration()[last]);
        double exact = run.exactMean("tau_log");
        assertTrue(Math.abs(band.mean()[last] - exact) <= RunningMeanPlot.BAND_MCSE * band.mcse()[last],
                band.mean()[last] + " +/- 2 x " + band.mcse()[last]);
        double expected = 3 / Math.sqrt(16 * 2000);
        assertEquals(expected, band.mcse()[last], 0.2 * expected);
        // Halfway, with half the draws, the band is about sqrt(2) wider.
        int half = Arrays.binarySearch(band.iteration(), closest(band.iteration(), 1000));
        assertEquals(Math.sqrt(2000.0 / band.iteration()[half]), band.mcse()[half] / band.mcse()[last], 0.3);
        // The band is drawn behind the line.
        JFreeChart chart = RunningMeanPlot.chart("log(tau)", List.of(new RunningMeanPlot.Line("run", logTau,
                ChartStyle.DRAWS)), exact);
        XYDataset drawn = chart.getXYPlot().getDataset(1);
        assertEquals(1, drawn.getSeriesCount());
        assertEquals(band.iteration().length, drawn.getItemCount(0));
    }

    @Test
    void theRunningMeanAxisIsNotSetByTheFirstDraws() {
        ReportedRun run = SyntheticRun.of(directory, 8, 400, 2, 6);
        double[][] logTau = run.draws().column("tau_log");
        for (double[] chain : logTau) {
            Arrays.fill(chain, 0, 5, 40.0);
        }
        AxisRange range = RunningMeanPlot.range(logTau, 1.0);
        // The running mean starts at 40 and ends near 1.5; the axis shows the second half and the exact mean.
        assertTrue(range.contains(1.0), range.toString());
        assertTrue(range.high() < 3, range.toString());
        assertTrue(range.low() > 0, range.toString());
    }

    @Test
    void energiesBeyondTheAxisAreCountedAtItsEdges() {
        double[][] energy = new double[4][500];
        java.util.Random random = new java.util.Random(3);
        for (double[] chain : energy) {
            for (int draw = 0; draw < chain.length; draw++) {
                chain[draw] = 10 + random.nextGaussian();
            }
        }
        energy[2][100] = 1000;
        AxisRange range = EnergyPlot.range(energy);
        assertTrue(range.high() < 100, "one draw does not stretch the axis: " + range);
        JFreeChart chart = EnergyPlot.chart("", energy, range);
        // Counted by hand: the energies about their mean and the transitions outside the axis, each side.
        double mean = Arrays.stream(energy).flatMapToDouble(Arrays::stream).average().orElseThrow();
        long[] marginal = new long[2];
        long[] transition = new long[2];
        for (double[] chain : energy) {
            for (int draw = 0; draw < chain.length; draw++) {
                count(chain[draw] - mean, range, marginal);
                if (draw > 0) {
                    count(chain[draw] - chain[draw - 1], range, transition);
                }
            }
        }
        // The draw at 1000 is one marginal energy above the axis and two transitions, into it and out of it.
        assertTrue(marginal[1] >= 1 && transition[0] >= 1 && transition[1] >= 1);
        Set<String> labels = chart.getXYPlot().getAnnotations().stream()
                .map(a -> ((XYTextAnnotation) a).getText()).collect(Collectors.toSet());
        assertEquals(Set.of("\u2190 " + (marginal[0] + transition[0]) + " beyond",
                (marginal[1] + transition[1]) + " beyond \u2192"), labels);
        assertTrue(chart.getXYPlot().getDataset().getSeriesKey(0).toString()
                .endsWith(", " + (marginal[0] + marginal[1]) + " beyond the axis"));
        assertTrue(chart.getXYPlot().getDataset().getSeriesKey(1).toString()
                .endsWith(", " + (transition[0] + transition[1]) + " beyond the axis"));
    }

    private static void count(double value, AxisRange range, long[] outside) {
        if (value < range.low()) {
            outside[0]++;
        } else if (value > range.high()) {
            outside[1]++;
        }
    }

    @Test
    void densitiesSayHowManyDrawsLieBeyondTheirAxis() {
        double[][] draws = {{0, 1, 2, 3, 50}, {1, 2, 3, 4, -60}};
        boolean[][] divergent = new boolean[2][5];
        JFreeChart chart = DensityPlot.chart("x", draws, divergent, null, new AxisRange(-1, 5));
        assertTrue(notes(chart).contains("1 draw below, 1 above the axis"), notes(chart).toString());
        assertTrue(notes(DensityPlot.chart("x", draws, divergent, null, new AxisRange(-100, 100))).isEmpty());
    }

    @Test
    void thirtyTwoChainsGetRankBarsInTwoPanelsAndMoreGetTheRankEcdf() throws IOException {
        ReportedRun run = SyntheticRun.of(directory, 32, 100, 2, 7);
        List<JFreeChart> panels = RankPlot.chart("mu", run.draws().column("mu"));
        assertEquals(2, panels.size());
        int chains = 0;
        for (JFreeChart panel : panels) {
            XYDataset bars = panel.getXYPlot().getDataset(0);
            for (int series = 0; series < bars.getSeriesCount(); series++) {
                assertEquals(20, bars.getItemCount(series));
                chains++;
            }
        }
        assertEquals(32, chains);
        assertEquals("chain 32", panels.get(1).getXYPlot().getDataset(0).getSeriesKey(15));
        List<String> files = RunFigures.write(run, FigureRenderer.inline(), "a-").stream().map(Figure::file).toList();
        assertTrue(files.contains("a-rank-mu.png"), files.toString());
        assertFalse(files.contains("a-rank-ecdf-mu.png"), files.toString());
        ReportedRun more = SyntheticRun.of(directory, 33, 100, 2, 8);
        files = RunFigures.write(more, FigureRenderer.inline(), "b-").stream().map(Figure::file).toList();
        assertFalse(files.contains("b-rank-mu.png"), files.toString());
        assertTrue(files.contains("b-rank-ecdf-mu.png"), files.toString());
    }

    @Test
    void aStuckChainDoesNotFlattenTheOtherRankHistograms() {
        ReportedRun run = SyntheticRun.of(directory, 16, 200, 2, 10);
        double[][] mu = run.draws().column("mu");
        // Chain 1 sits above every other draw: all its ranks fall in the top bin, 20 times the uniform count.
        for (int draw = 0; draw < mu[0].length; draw++) {
            mu[0][draw] = 1e6 + draw;
        }
        JFreeChart panel = RankPlot.chart("mu", mu).get(0);
        assertEquals(List.of("bars over 4x uniform are cut at the top"), notes(panel));
        XYDataset bars = panel.getXYPlot().getDataset(0);
        XYDataset uniform = panel.getXYPlot().getDataset(1);
        // Rows are one apart; a bar starts at its row's base, the uniform line is at a quarter of the row's height.
        for (int chain = 0; chain < 16; chain++) {
            double base = ((org.jfree.data.xy.IntervalXYDataset) bars).getStartYValue(chain, 0);
            assertEquals(0.85 / RankPlot.TALLEST, uniform.getYValue(chain, 0) - base, 1e-12, "chain " + (chain + 1));
        }
        assertEquals(0.85, bars.getYValue(0, 19) - ((org.jfree.data.xy.IntervalXYDataset) bars).getStartYValue(0, 19),
                1e-12, "the stuck chain's top bin is cut at the row's height");
    }

    @Test
    void axisRangesLeaveOutOnlyTheExtremeTenthOfAPerCentAndNeverPassTheData() {
        double[][] draws = new double[1][10_001];
        for (int i = 0; i < draws[0].length; i++) {
            draws[0][i] = i;
        }
        draws[0][10_000] = 1e9;
        AxisRange range = AxisRange.of(draws);
        // From the 0.1 % quantile (10) less 5 % of the span, cut at the smallest draw (0), to the 99.9 % one.
        assertEquals(0, range.low());
        assertTrue(range.high() > 9990 && range.high() < 1e4 * 1.06, range.toString());
        assertEquals("1 draw above the axis", range.outsideText(draws));
        // Past the sorting limit the quantiles come from a stride through the draws; the count from all of them.
        double[][] many = new double[5][100_000];
        for (int i = 0; i < 500_000; i++) {
            many[i % 5][i / 5] = i;
        }
        many[3][7] = -1e9;
        AxisRange strided = AxisRange.of(many);
        // 0.1 % and 99.9 % quantiles near 500 and 499,500; 5 % of their span is about 24,950, which takes the
        // upper end past the largest draw, so the axis stops there.
        assertEquals(499_999, strided.high());
        assertEquals(500 - 24_950, strided.low(), 1_000);
        assertEquals("1 draw below the axis", strided.outsideText(many));
        AxisRange constant = AxisRange.of(new double[][] {{2, 2, 2}});
        assertTrue(constant.low() < 2 && constant.high() > 2, constant.toString());
    }

    @Test
    void figuresOfTwoRunsAreDrawnForAColumn() {
        FigurePage two = FigurePage.of(List.of(narrow, wide));
        FigurePage one = FigurePage.of(narrow);
        assertEquals(ChartStyle.COLUMN_WIDTH, two.width());
        assertEquals(ChartStyle.FULL_WIDTH, one.width());
        // Density beside trace at full width; one above the other in a column.
        assertEquals(2, one.columns(2, 460));
        assertEquals(1, two.columns(2, 460));
        // Drawn at the width shown, the tick labels keep their size on screen: 13 px, 12 at a 640-pixel column.
        assertTrue(ChartStyle.TICK.getSize() * 640.0 / ChartStyle.COLUMN_WIDTH >= 12);
    }

    @Test
    void thePairPlotsDiagonalHasEachDensityAndTheExactOneWhereKnown() {
        ReportedRun run = SyntheticRun.of(directory, 4, 300, 2, 9);
        List<String> names = List.of("mu", "tau_log", "theta[1]");
        JFreeChart chart = PairPlot.chart("Pairs", names, names.stream().map(run.draws()::column).toList(),
                names.stream().mapToDouble(run::exactMean).toArray(),
                names.stream().map(n -> run.exact().density(n).orElse(null)).toList(),
                DrawSelection.of(run.draws().divergent(), 500));
        PlotGrid grid = (PlotGrid) chart.getPlot();
        XYDataset mu = grid.cell(0, 0).getDataset();
        // Only mu has an exact density in the synthetic run: the normal with mean 4 and sd 3.
        assertEquals(2, mu.getSeriesCount());
        assertEquals("exact", mu.getSeriesKey(1));
        for (int i = 0; i < mu.getItemCount(1); i += 50) {
            double x = mu.getXValue(1, i);
            assertEquals(Math.exp(-0.5 * (x - 4) * (x - 4) / 9) / Math.sqrt(2 * Math.PI * 9), mu.getYValue(1, i),
                    1e-12);
        }
        assertEquals(1, grid.cell(1, 1).getDataset().getSeriesCount());
        assertEquals(1, grid.cell(2, 2).getDataset().getSeriesCount());
        // The density of all 1,200 draws integrates to about one.
        XYDataset density = grid.cell(2, 2).getDataset();
        double area = 0;
        for (int i = 1; i < density.getItemCount(0); i++) {
            area += (density.getXValue(0, i) - density.getXValue(0, i - 1))
                    * (density.getYValue(0, i) + density.getYValue(0, i - 1)) / 2;
        }
        assertEquals(1, area, 0.02);
        assertEquals(null, grid.cell(0, 1), "upper triangle blank");
    }

    private static PointSample points(ReportedRun run) {
        return PointSample.of(run.draws().column("theta[1]"), run.draws().column("tau_log"), run.draws().divergent(),
                PointSample.DEFAULT_LIMIT);
    }

    private static Range range(JFreeChart chart, boolean domain) {
        ValueAxis axis = domain ? chart.getXYPlot().getDomainAxis() : chart.getXYPlot().getRangeAxis();
        return axis.getRange();
    }

    private static double[] sorted(double[][] draws) {
        return Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
    }

    private static int closest(int[] values, int target) {
        return Arrays.stream(values).boxed().min((a, b) -> Math.abs(a - target) - Math.abs(b - target)).orElseThrow();
    }

    private static List<String> notes(JFreeChart chart) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle title) {
                notes.add(title.getText());
            }
        }
        return notes;
    }
}
