package manynuts.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Figures that put two runs of models with the same funnel pair in one picture: the funnel of both (the seed
 * notebook's last figure, centered against non-centered) and both running means of its scale (log(tau)) against
 * the exact value.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {
    }

    public static List<Figure> write(ReportedRun first, ReportedRun second, FigureRenderer renderer, String prefix)
            throws IOException {
        return write(first, second, SharedAxes.of(List.of(first, second)), renderer, prefix);
    }

    /** The two runs' figures on the axes their own figures share on the page. */
    public static List<Figure> write(ReportedRun first, ReportedRun second, SharedAxes axes,
            FigureRenderer renderer, String prefix) throws IOException {
        List<Figure> figures = new ArrayList<>();
        if (!first.hasFunnel() || !second.hasFunnel() || !first.funnel().equals(second.funnel())) {
            return figures;
        }
        String member = first.funnel().member();
        String axis = first.headlineAxis();
        // Two runs of one model need names of their own: a chart's series are told apart by name.
        boolean sameName = first.shortName().equals(second.shortName());
        String firstName = sameName ? "run 1 (" + first.shortName() + ")" : first.shortName();
        String secondName = sameName ? "run 2 (" + second.shortName() + ")" : second.shortName();
        // Share the point budget so the denser run does not hide the other.
        int limit = PointSample.DEFAULT_LIMIT / 2;
        List<FunnelPlot.Cloud> clouds = List.of(cloud(first, firstName, limit, ChartStyle.DRAWS),
                cloud(second, secondName, limit, ChartStyle.SECOND_RUN));
        String file = prefix + "funnel-overlay.png";
        JFreeChart funnel = FunnelPlot.chart(member + " against " + axis + ": " + firstName + " and " + secondName,
                member, axis, clouds, axes.extent(member), axes.extent(first.funnel().scale()));
        figures.add(renderer.raster(file, funnel, 1000, 700, "Funnel of both runs", "Both runs' draws of " + member
                + " against " + axis + ", divergences marked (red crosses for " + firstName + ", black squares for "
                + secondName + "). The run that reaches further down the neck explores the funnel."));
        String scale = first.funnel().scale();
        file = prefix + "running-mean-" + RunFigures.headlineLabelSlug(first) + ".png";
        double exact = !Double.isNaN(first.exactMean(scale)) ? first.exactMean(scale) : second.exactMean(scale);
        figures.add(renderer.vector(file, RunningMeanPlot.chart(axis, List.of(
                new RunningMeanPlot.Line(firstName, first.draws().column(scale), ChartStyle.DRAWS),
                new RunningMeanPlot.Line(secondName, second.draws().column(scale), ChartStyle.SECOND_RUN)),
                exact, axes.runningMean(scale)), ChartStyle.FULL_WIDTH, 500, "Running means of " + axis,
                "Both runs' running means against the exact posterior mean, each with a band of +/- 2 Monte Carlo "
                + "standard errors (sd / sqrt(ESS) of the draws so far)."));
        return figures;
    }

    private static FunnelPlot.Cloud cloud(ReportedRun run, String name, int limit, java.awt.Color colour) {
        return new FunnelPlot.Cloud(name, PointSample.of(run.draws().column(run.funnel().member()),
                run.draws().column(run.funnel().scale()), run.draws().divergent(), limit), colour);
    }
}
