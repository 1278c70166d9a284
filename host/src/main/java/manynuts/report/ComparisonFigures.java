package manynuts.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures that put two runs in one picture: the funnel of both (the seed notebook's last figure, centered
 * against non-centered) and both running means of log(tau) against the exact value.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {
    }

    public static List<Figure> write(ReportedRun first, ReportedRun second, Path directory, String prefix)
            throws IOException {
        List<Figure> figures = new ArrayList<>();
        if (!hasFunnel(first) || !hasFunnel(second)) {
            return figures;
        }
        // Share the point budget so the denser run does not hide the other.
        int limit = PointSample.DEFAULT_LIMIT / 2;
        List<FunnelPlot.Cloud> clouds = List.of(cloud(first, limit, ChartStyle.DRAWS),
                cloud(second, limit, ChartStyle.SECOND_RUN));
        String file = prefix + "funnel-overlay.png";
        ChartStyle.writePng(FunnelPlot.chart("theta[1] against log(tau): " + first.shortName() + " and "
                + second.shortName(), clouds), directory.resolve(file), 1000, 700);
        figures.add(new Figure(file, "Funnel of both runs", "Both runs' draws of theta[1] against log(tau), "
                + "divergences marked (red crosses for " + first.shortName() + ", black squares for "
                + second.shortName() + "). The run that reaches further down the neck explores the funnel."));
        file = prefix + "running-mean-log-tau.png";
        double exact = first.exact() != null ? first.exact().mean("tau_log")
                : second.exact() != null ? second.exact().mean("tau_log") : Double.NaN;
        ChartStyle.writePng(RunningMeanPlot.chart(List.of(
                new RunningMeanPlot.Line(first.shortName(), first.draws().column("tau_log"), ChartStyle.DRAWS),
                new RunningMeanPlot.Line(second.shortName(), second.draws().column("tau_log"), ChartStyle.SECOND_RUN)),
                exact), directory.resolve(file), 1400, 500);
        figures.add(new Figure(file, "Running means of log(tau)", "Both runs' running means against the exact "
                + "posterior mean."));
        return figures;
    }

    private static boolean hasFunnel(ReportedRun run) {
        return run.draws().has("theta[1]") && run.draws().has("tau_log");
    }

    private static FunnelPlot.Cloud cloud(ReportedRun run, int limit, java.awt.Color colour) {
        return new FunnelPlot.Cloud(run.shortName(), PointSample.of(run.draws().column("theta[1]"),
                run.draws().column("tau_log"), run.draws().divergent(), limit), colour);
    }
}
