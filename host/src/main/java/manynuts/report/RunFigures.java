package manynuts.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import manynuts.models.FunnelPair;
import manynuts.output.RunDraws;

/**
 * Draws every figure of one run into a directory: the model's funnel if it has one, the running mean of the
 * headline output (the funnel's scale, e.g. log(tau), else the first output) against the exact value, the energy
 * plot, its trace, rank plots of the headline and the hierarchy's parameters, and a density (with the exact
 * marginal where known) and a trace per output. File names start with a prefix so that two runs can share a directory.
 */
public final class RunFigures {

    /** Outputs that get rank plots: the hyperparameters and one school, where mixing problems show first. */
    static final List<String> RANKED = List.of("mu", "tau_log", "theta[1]", "nu[1]");

    /** At most this many outputs, plus the ranked ones, get a density and trace figure each. */
    static final int PER_OUTPUT_LIMIT = 24;

    private RunFigures() {
    }

    public static List<Figure> write(ReportedRun run, Path directory, String prefix) throws IOException {
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
            ChartStyle.writePng(FunnelPlot.chart(title + ": " + name, funnel.member(), run.headlineAxis(),
                    List.of(new FunnelPlot.Cloud(name, points, ChartStyle.DRAWS))), directory.resolve(file), 1000, 700);
            figures.add(new Figure(file, "Funnel: " + title, thinned(points, draws)
                    + "Divergent draws are red crosses: where they gather, in the neck of a centered funnel, the "
                    + "step size is too large for the curvature there."));
        }
        String headline = run.headline();
        String axis = run.headlineAxis();
        String slug = headlineLabelSlug(run);
        String file = prefix + "running-mean-" + slug + ".png";
        ChartStyle.writePng(RunningMeanPlot.chart(axis, List.of(new RunningMeanPlot.Line(name,
                draws.column(headline), ChartStyle.DRAWS)), run.exactMean(headline)), directory.resolve(file), 1400, 500);
        figures.add(new Figure(file, "Running mean of " + axis, "The mean of draws 1..t of every chain, "
                + (run.exact() != null ? "against the exact posterior mean." : "(no exact posterior is known).")));
        // A wide trace of the headline, unless its name is its label: then the per-output figure has that file name.
        if (!slug.equals(fileName(headline))) {
            file = prefix + "trace-" + slug + ".png";
            ChartStyle.writePng(TracePlot.chart(axis, draws.column(headline), divergent), directory.resolve(file),
                    1400, 500);
            figures.add(new Figure(file, "Trace of " + axis, "Long flat stretches at low values are chains stuck "
                    + "in the neck of a funnel."));
        }
        String energyFile = prefix + "energy.png";
        ChartStyle.writePng(EnergyPlot.chart("", draws.column("energy__")), directory.resolve(energyFile), 1000, 600);
        figures.add(new Figure(energyFile, "Energy", "Marginal energy against energy transitions; a transition "
                + "histogram much narrower than the marginal (low E-BFMI) means slow exploration."));
        List<String> ranked = new ArrayList<>(RANKED);
        ranked.add(0, headline);
        if (run.hasFunnel()) {
            ranked.add(run.funnel().member());
        }
        for (String output : ranked.stream().distinct().toList()) {
            if (draws.has(output)) {
                String rankFile = prefix + "rank-" + fileName(output) + ".png";
                ChartStyle.writePng(RankPlot.chart(output, draws.column(output)), directory.resolve(rankFile), 1000, 600);
                figures.add(new Figure(rankFile, "Rank plot of " + output, "Each chain's ranks among all draws; "
                        + "uneven histograms mean the chains have not mixed."));
            }
        }
        List<String> drawn = perOutput(draws.outputs(), ranked);
        for (String output : drawn) {
            String outputFile = prefix + "trace-" + fileName(output) + ".png";
            DoubleUnaryOperator density = run.exact() == null ? null : run.exact().density(output).orElse(null);
            ChartStyle.writePng(List.of(
                    DensityPlot.chart(output, draws.column(output), divergent, density),
                    TracePlot.chart(output, draws.column(output), divergent)), directory.resolve(outputFile), 1400, 420);
            String more = output.equals(drawn.get(drawn.size() - 1)) && drawn.size() < draws.outputs().size()
                    ? " The other " + (draws.outputs().size() - drawn.size()) + " outputs are in the summary table."
                    : "";
            figures.add(new Figure(outputFile, output, "Density of all draws (left) and trace of the first chains "
                    + "(right)." + more));
        }
        return figures;
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
