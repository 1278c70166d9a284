package manynuts.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import manynuts.output.RunDraws;

/**
 * Draws every figure of one run into a directory: the funnel, the running mean of log(tau) against the exact
 * value, the energy plot, the trace of log(tau), rank plots of the hierarchy's parameters, and a density and a
 * trace per output. File names start with a prefix so that two runs can share a directory.
 */
public final class RunFigures {

    /** Outputs that get rank plots: the hyperparameters and one school, where mixing problems show first. */
    static final List<String> RANKED = List.of("mu", "tau_log", "theta[1]", "nu[1]");

    private RunFigures() {
    }

    public static List<Figure> write(ReportedRun run, Path directory, String prefix) throws IOException {
        RunDraws draws = run.draws();
        boolean[][] divergent = draws.divergent();
        List<Figure> figures = new ArrayList<>();
        String name = run.shortName();
        if (draws.has("theta[1]") && draws.has("tau_log")) {
            PointSample points = PointSample.of(draws.column("theta[1]"), draws.column("tau_log"), divergent,
                    PointSample.DEFAULT_LIMIT);
            String file = prefix + "funnel.png";
            ChartStyle.writePng(FunnelPlot.chart("theta[1] against log(tau): " + name,
                    List.of(new FunnelPlot.Cloud(name, points, ChartStyle.DRAWS))), directory.resolve(file), 1000, 700);
            figures.add(new Figure(file, "Funnel: theta[1] against log(tau)", thinned(points, draws)
                    + "Divergent draws are red crosses: where they gather, at small tau in the centered model, the "
                    + "step size is too large for the curvature of the funnel's neck."));
        }
        if (draws.has("tau_log")) {
            String file = prefix + "running-mean-log-tau.png";
            double exact = run.exact() == null ? Double.NaN : run.exact().mean("tau_log");
            ChartStyle.writePng(RunningMeanPlot.chart(List.of(new RunningMeanPlot.Line(name,
                    draws.column("tau_log"), ChartStyle.DRAWS)), exact), directory.resolve(file), 1400, 500);
            figures.add(new Figure(file, "Running mean of log(tau)", "The mean of draws 1..t of every chain, "
                    + "against the exact posterior mean computed from the data by quadrature."));
            file = prefix + "trace-log-tau.png";
            ChartStyle.writePng(TracePlot.chart("log(tau)", draws.column("tau_log"), divergent),
                    directory.resolve(file), 1400, 500);
            figures.add(new Figure(file, "Trace of log(tau)", "Long flat stretches at low values are chains stuck "
                    + "in the neck of the funnel."));
        }
        String energyFile = prefix + "energy.png";
        ChartStyle.writePng(EnergyPlot.chart("", draws.column("energy__")), directory.resolve(energyFile), 1000, 600);
        figures.add(new Figure(energyFile, "Energy", "Marginal energy against energy transitions; a transition "
                + "histogram much narrower than the marginal (low E-BFMI) means slow exploration."));
        for (String output : RANKED) {
            if (draws.has(output)) {
                String file = prefix + "rank-" + fileName(output) + ".png";
                ChartStyle.writePng(RankPlot.chart(output, draws.column(output)), directory.resolve(file), 1000, 600);
                figures.add(new Figure(file, "Rank plot of " + output, "Each chain's ranks among all draws; "
                        + "uneven histograms mean the chains have not mixed."));
            }
        }
        for (String output : draws.outputs()) {
            String file = prefix + "trace-" + fileName(output) + ".png";
            boolean tauLog = output.equals("tau_log");
            ChartStyle.writePng(List.of(
                    DensityPlot.chart(output, draws.column(output), divergent,
                            tauLog && run.exact() != null ? run.exact().tauLog() : null),
                    TracePlot.chart(output, draws.column(output), divergent)), directory.resolve(file), 1400, 420);
            figures.add(new Figure(file, output, "Density of all draws (left) and trace of the first chains (right)."));
        }
        return figures;
    }

    private static String thinned(PointSample points, RunDraws draws) {
        return points.size() < draws.totalDraws()
                ? "Shows " + points.size() + " of " + draws.totalDraws() + " draws, every divergent one included. "
                : "";
    }

    /** theta[1] becomes theta1: brackets are awkward in URLs and shells. */
    static String fileName(String output) {
        return output.replaceAll("[^A-Za-z0-9_]+", "");
    }
}
