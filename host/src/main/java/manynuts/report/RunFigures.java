package manynuts.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import manynuts.models.FunnelPair;
import manynuts.output.RunDraws;
import org.jfree.chart.JFreeChart;

/**
 * Draws every figure of one run: the model's funnel if it has one, the running mean of the
 * headline output (the funnel's scale, e.g. log(tau), else the first output) against the exact value, the energy
 * plot, its trace, rank plots of the headline and the hierarchy's parameters, and a density (with the exact
 * marginal where known) and a trace per output. Names start with a prefix so that two runs can share a page.
 */
public final class RunFigures {

    /** Outputs that get rank plots: the hyperparameters and one school, where mixing problems show first. */
    static final List<String> RANKED = List.of("mu", "tau_log", "theta[1]", "nu[1]");

    /** At most this many outputs, plus the ranked ones, get a density and trace figure each. */
    static final int PER_OUTPUT_LIMIT = 24;

    /** Parameters in the pair plot, and the draws it and the parallel plot show at most. */
    static final int PAIR_PARAMETERS = 4;
    static final int PAIR_POINTS = 3000;
    static final int PARALLEL_LINES = 600;

    private RunFigures() {
    }

    public static List<Figure> write(ReportedRun run, FigureRenderer renderer, String prefix) throws IOException {
        return write(run, FigurePage.of(run), renderer, prefix);
    }

    /**
     * The figures of one run, drawn at the page's width with the axes the runs on the page share.
     */
    public static List<Figure> write(ReportedRun run, FigurePage page, FigureRenderer renderer, String prefix)
            throws IOException {
        SharedAxes axes = page.axes();
        int width = page.width();
        RunDraws draws = run.draws();
        boolean[][] divergent = draws.divergent();
        List<Figure> figures = new ArrayList<>();
        String name = run.shortName();
        if (run.hasFunnel()) {
            FunnelPair funnel = run.funnel();
            PointSample points = PointSample.of(draws.column(funnel.member()), draws.column(funnel.scale()), divergent,
                    PointSample.DEFAULT_LIMIT);
            String title = funnel.member() + " against " + run.headlineAxis();
            String file = prefix + "funnel.png";
            figures.add(renderer.raster(file, funnelChart(run, points, axes), Math.min(1000, width),
                    page.height(1000, 700, 480), "Funnel: " + title, thinned(points, draws)
                    + "Divergent draws are red crosses: where they gather, in the neck of a centered funnel, the "
                    + "step size is too large for the curvature there." + shared(page)));
        }
        String headline = run.headline();
        String axis = run.headlineAxis();
        String slug = headlineLabelSlug(run);
        String file = prefix + "running-mean-" + slug + ".png";
        figures.add(renderer.vector(file, runningMeanChart(run, axes), width, page.height(1400, 500, 400),
                "Running mean of " + axis, "The mean of draws 1..t of every chain, "
                + (run.exact() != null ? "against the exact posterior mean" : "(no exact posterior is known)")
                + ", with a band of " + BAND + ". The axis spans the second half of the draws"
                + (run.exact() != null ? " and the exact mean" : "") + "; single chains may leave it." + shared(page)));
        // A wide trace of the headline, unless its name is its label: then the per-output figure has that file name.
        if (!slug.equals(fileName(headline))) {
            file = prefix + "trace-" + slug + ".png";
            figures.add(renderer.vector(file, TracePlot.chart(axis, draws.column(headline), divergent,
                    axes.output(headline)), width, page.height(1400, 500, 400), "Trace of " + axis, "Long flat stretches at low values are chains stuck "
                    + "in the neck of a funnel."));
        }
        String energyFile = prefix + "energy.png";
        figures.add(renderer.vector(energyFile, energyChart(run, axes), Math.min(1000, width),
                page.height(1000, 600, 420), "Energy", "Marginal energy against energy transitions; a transition "
                + "histogram much narrower than the marginal (low E-BFMI) means slow exploration. Energies "
                + "beyond the axis are counted at its edge." + shared(page)));
        List<String> ranked = ranked(run);
        if (draws.chains() <= RankPlot.MAX_CHAINS) {
            int panels = RankPlot.panels(draws.chains());
            int panelWidth = panels == 1 ? Math.min(1000, width) : width / panels;
            int panelHeight = Math.max(400, 120 + 30 * RankPlot.rows(draws.chains()));
            for (String output : ranked) {
                String rankFile = prefix + "rank-" + fileName(output) + ".png";
                figures.add(renderer.grid(rankFile, RankPlot.chart(output, draws.column(output)), panels,
                        panelWidth, panelHeight, "Rank plot of " + output, "Each chain's ranks among all draws; "
                        + "uneven histograms mean the chains have not mixed."));
            }
        }
        List<String> drawn = perOutput(draws.outputs(), ranked);
        for (String output : drawn) {
            String outputFile = prefix + "trace-" + fileName(output) + ".png";
            DoubleUnaryOperator density = run.exact() == null ? null : run.exact().density(output).orElse(null);
            String more = output.equals(drawn.get(drawn.size() - 1)) && drawn.size() < draws.outputs().size()
                    ? " The other " + (draws.outputs().size() - drawn.size()) + " outputs are in the summary table."
                    : "";
            figures.add(renderer.grid(outputFile, outputCharts(run, output, axes), page.columns(2, WIDE_PANEL),
                    panelWidth(page, 2, WIDE_PANEL), panelHeight(page, 2, WIDE_PANEL), output, "Density of all draws and trace of the first chains."
                    + (density != null ? " Dashed: the exact marginal density." : "") + shared(page) + more));
        }
        figures.addAll(arvizFigures(run, page, renderer, prefix));
        return figures;
    }

    /** The funnel of one run on the page's shared axes. */
    static JFreeChart funnelChart(ReportedRun run, PointSample points, SharedAxes axes) {
        FunnelPair funnel = run.funnel();
        return FunnelPlot.chart(funnel.member() + " against " + run.headlineAxis() + ": " + run.shortName(),
                funnel.member(), run.headlineAxis(), List.of(new FunnelPlot.Cloud(run.shortName(), points,
                        ChartStyle.DRAWS)), axes.extent(funnel.member()), axes.extent(funnel.scale()));
    }

    /** The running mean of the headline, on the page's shared axis. */
    static JFreeChart runningMeanChart(ReportedRun run, SharedAxes axes) {
        String headline = run.headline();
        return RunningMeanPlot.chart(run.headlineAxis(), List.of(new RunningMeanPlot.Line(run.shortName(),
                run.draws().column(headline), ChartStyle.DRAWS)), run.exactMean(headline),
                axes.runningMean(headline));
    }

    /** The energy plot, on the page's shared axis. */
    static JFreeChart energyChart(ReportedRun run, SharedAxes axes) {
        return EnergyPlot.chart("", run.draws().column("energy__"), axes.energy());
    }

    /** The density (with the exact one where known) and the trace of one output, on the page's shared axis. */
    static List<JFreeChart> outputCharts(ReportedRun run, String output, SharedAxes axes) {
        double[][] draws = run.draws().column(output);
        boolean[][] divergent = run.draws().divergent();
        AxisRange range = axes.output(output);
        return List.of(DensityPlot.chart(output, draws, divergent, exactDensity(run, output), range),
                TracePlot.chart(output, draws, divergent, range));
    }

    /** The headline, the hierarchy's parameters and the funnel's member, where mixing problems show first. */
    static List<String> ranked(ReportedRun run) {
        List<String> ranked = new ArrayList<>(RANKED);
        ranked.add(0, run.headline());
        if (run.hasFunnel()) {
            ranked.add(run.funnel().member());
        }
        return ranked.stream().distinct().filter(run.draws()::has).toList();
    }

    /**
     * The plots ArviZ users reach for, for any model: trace with a density per chain, rank ECDF differences when
     * there are too many chains for rank histograms, a forest plot of the first vector, local and quantile ESS,
     * autocorrelation, pair and parallel-coordinates plots. Each thins what it draws, never what it summarises.
     */
    static List<Figure> arvizFigures(ReportedRun run, FigureRenderer renderer, String prefix) throws IOException {
        return arvizFigures(run, FigurePage.of(run), renderer, prefix);
    }

    static List<Figure> arvizFigures(ReportedRun run, FigurePage page, FigureRenderer renderer, String prefix)
            throws IOException {
        int width = page.width();
        RunDraws draws = run.draws();
        boolean[][] divergent = draws.divergent();
        List<Figure> figures = new ArrayList<>();
        List<String> ranked = ranked(run);
        int chains = draws.chains();
        String chainsShown = chains > ChainTracePlot.MAX_CHAINS
                ? "Chains 1-" + ChainTracePlot.MAX_CHAINS + " of " + chains + " are drawn. " : "";
        for (String output : ranked) {
            String file = prefix + "chains-" + fileName(output) + ".png";
            DoubleUnaryOperator density = exactDensity(run, output);
            figures.add(renderer.grid(file, ChainTracePlot.chart(output, draws.column(output), divergent, density,
                    page.axes().output(output)), page.columns(2, WIDE_PANEL), panelWidth(page, 2, WIDE_PANEL),
                    panelHeight(page, 2, WIDE_PANEL), "Trace of " + output + " by chain", "A density per chain and the "
                    + "traces; chains that agree give densities on top of each other. " + chainsShown
                    + (density != null ? "Dashed: the exact marginal density." : "")));
        }
        if (chains > RankPlot.MAX_CHAINS) {
            for (String output : ranked) {
                RankEcdf test = RankEcdf.of(draws.column(output));
                String file = prefix + "rank-ecdf-" + fileName(output) + ".png";
                figures.add(renderer.vector(file, RankEcdfPlot.chart(output, test), Math.min(1000, width),
                        page.height(1000, 600, 420), "Rank ECDF of " + output, RankEcdfPlot.outsideLine(test) + ". Each "
                        + "line is a chain's ECDF of its ranks among all draws minus the uniform one; the grey band "
                        + "holds a whole line with 95 % probability when all chains sample the same distribution "
                        + "(Säilynoja et al. 2022); the band takes draws as independent, so strongly autocorrelated "
                        + "chains leave it too. With more than " + RankEcdfPlot.MAX_LINES + " chains, "
                        + RankEcdfPlot.MAX_LINES + " are drawn, from the furthest from uniform to the nearest."));
            }
        }
        List<String> vector = ForestPlot.vectorOf(draws.outputs(), run.hasFunnel() ? run.funnel().member() : null);
        if (!vector.isEmpty()) {
            String stem = vector.get(0).substring(0, vector.get(0).indexOf('['));
            String file = prefix + "forest-" + fileName(stem) + ".png";
            List<ForestPlot.Row> rows = page.axes().forestRows(run, vector);
            figures.add(renderer.vector(file, ForestPlot.chart("Forest plot of " + stem, rows, vector.size(),
                    page.axes().forest(vector)), Math.min(1000, width), 140 + 36 * rows.size(),
                    "Forest plot of " + stem, "Median (dot), 50 % HDI (thick) and 94 % HDI "
                    + "(thin) of all draws pooled" + (run.exact() != null ? "; diamonds are the exact posterior "
                    + "means." : ".") + (vector.size() > rows.size() ? " The first " + rows.size() + " of "
                    + vector.size() + " are drawn." : "") + shared(page)));
        }
        for (String output : ranked.subList(0, Math.min(2, ranked.size()))) {
            var summary = run.summary().parameter(output);
            String file = prefix + "ess-" + fileName(output) + ".png";
            figures.add(renderer.grid(file, EssPlot.chart(output, draws.column(output), summary.essBulk(),
                    summary.essTail()), page.columns(2, WIDE_PANEL), panelWidth(page, 2, WIDE_PANEL),
                    panelHeight(page, 2, WIDE_PANEL) + 60, "ESS of " + output, "Local ESS of 20 equal-probability intervals "
                    + "and ESS of 20 quantiles, from all draws, against the bulk and tail ESS and 100 per "
                    + "chain (dashed). Low values in the tails mean the sampler rarely visits them."));
        }
        List<String> correlated = ranked.subList(0, Math.min(4, ranked.size()));
        String file = prefix + "autocorrelation.png";
        figures.add(renderer.grid(file, correlated.stream().map(o -> AutocorrelationPlot.chart(o, draws.column(o)))
                .toList(), page.columns(correlated.size(), NARROW_PANEL), panelWidth(page, correlated.size(),
                NARROW_PANEL), panelHeight(page, correlated.size(), NARROW_PANEL), "Autocorrelation", "Of the first " + Math.min(AutocorrelationPlot.MAX_CHAINS,
                chains) + " chains (thin) and of all chains together (thick), up to lag "
                + AutocorrelationPlot.MAX_LAG + "."));
        List<String> paired = paired(run);
        if (paired.size() >= 2) {
            DrawSelection selection = DrawSelection.of(divergent, PAIR_POINTS);
            file = prefix + "pairs.png";
            JFreeChart chart = PairPlot.chart("Pairs", paired, paired.stream().map(draws::column).toList(),
                    paired.stream().mapToDouble(run::exactMean).toArray(),
                    paired.stream().map(o -> exactDensity(run, o)).toList(), selection);
            figures.add(renderer.raster(file, chart, Math.min(1100, width), page.height(1100, 1000, 640),
                    "Pair plot", selection.caption() + "On the diagonal, the density of all "
                    + "draws of each parameter. Divergent draws are red crosses" + (run.exact() != null
                    ? "; diamonds mark the exact posterior means and dashed curves the exact densities where known."
                    : ".")));
        }
        List<String> parallel = parallel(run);
        if (parallel.size() >= 2) {
            DrawSelection selection = DrawSelection.of(divergent, PARALLEL_LINES);
            file = prefix + "parallel.png";
            JFreeChart chart = ParallelPlot.chart("Parallel coordinates", parallel,
                    parallel.stream().map(draws::column).toList(), selection);
            figures.add(renderer.vector(file, chart, width, page.height(1400, 560, 420), "Parallel coordinates",
                    selection.caption() + "Each line is one draw "
                    + "across the parameters, each standardised; divergent draws in red show where the sampler "
                    + "struggles."));
        }
        return figures;
    }

    // Panels of a figure of several charts are at least this wide: two side by side, four for autocorrelations.
    private static final int WIDE_PANEL = 460;
    private static final int NARROW_PANEL = 320;

    private static String shared(FigurePage page) {
        return page.axes().runs() > 1 ? " Both runs draw this on the same axes." : "";
    }
    private static final String BAND = "+/- 2 Monte Carlo standard errors (sd / sqrt(ESS) of the draws so far)";

    private static int panelWidth(FigurePage page, int panels, int narrowest) {
        return page.width() / page.columns(panels, narrowest);
    }

    // Side by side the panels keep their height; stacked in a column they are flatter, so the figure fits a screen.
    private static int panelHeight(FigurePage page, int panels, int narrowest) {
        return page.columns(panels, narrowest) == panels ? 420 : 320;
    }

    /** The exact marginal density of an output, or null. */
    private static DoubleUnaryOperator exactDensity(ReportedRun run, String output) {
        return run.exact() == null ? null : run.exact().density(output).orElse(null);
    }

    /** The pair plot's parameters: the headline, the funnel's member, mu, then the first outputs, four at most. */
    static List<String> paired(ReportedRun run) {
        List<String> chosen = new ArrayList<>(ranked(run).stream().filter(o -> !o.equals("theta[1]")
                && !o.equals("nu[1]")).toList());
        if (run.hasFunnel()) {
            chosen.remove(run.funnel().member());
            chosen.add(Math.min(1, chosen.size()), run.funnel().member());
        }
        for (String output : run.draws().outputs()) {
            // tau beside tau_log would only show the exponential.
            boolean logged = run.draws().has(output + "_log");
            if (!chosen.contains(output) && !logged) {
                chosen.add(output);
            }
        }
        return chosen.subList(0, Math.min(PAIR_PARAMETERS, chosen.size()));
    }

    /** The parallel plot's parameters: the outputs in order, the headline among them. */
    static List<String> parallel(ReportedRun run) {
        List<String> chosen = new ArrayList<>(run.draws().outputs().subList(0,
                Math.min(ParallelPlot.MAX_PARAMETERS, run.draws().outputs().size())));
        if (!chosen.contains(run.headline())) {
            chosen.set(chosen.size() - 1, run.headline());
        }
        return chosen;
    }

    /**
     * The outputs that get a density and trace figure: all of them up to {@link #PER_OUTPUT_LIMIT}, else the first
     * ones and the ranked ones (a model with thousands of groups would otherwise draw thousands of images).
     */
    static List<String> perOutput(List<String> outputs, List<String> ranked) {
        if (outputs.size() <= PER_OUTPUT_LIMIT) {
            return outputs;
        }
        List<String> chosen = new ArrayList<>(outputs.subList(0, PER_OUTPUT_LIMIT));
        for (String output : ranked) {
            if (outputs.contains(output) && !chosen.contains(output)) {
                chosen.add(output);
            }
        }
        return chosen;
    }

    private static String thinned(PointSample points, RunDraws draws) {
        return points.size() < draws.totalDraws()
                ? "Shows " + points.size() + " of " + draws.totalDraws() + " draws, every divergent one included. "
                : "";
    }

    /** The headline's label in a file name: log-tau for log tau. */
    static String headlineLabelSlug(ReportedRun run) {
        return run.headlineLabel().replaceAll("[^A-Za-z0-9_]+", "-").replaceAll("^-|-$", "");
    }

    /** theta[1] becomes theta1: brackets are awkward in URLs and shells. */
    static String fileName(String output) {
        return output.replaceAll("[^A-Za-z0-9_]+", "");
    }
}
