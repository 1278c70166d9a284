package manynuts.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The axis ranges that every run on one page shares, so that two runs' pictures of the same quantity (the funnel's
 * log tau, a trace, a density, the running mean, the energy) can be read side by side: for each, the union of the
 * runs' own {@link AxisRange}s. Computed once per quantity, when a figure first asks.
 */
public final class SharedAxes {

    private final List<ReportedRun> runs;
    private final Map<String, AxisRange> outputs = new HashMap<>();
    private final Map<String, AxisRange> runningMeans = new HashMap<>();
    private final Map<String, AxisRange> extents = new HashMap<>();
    private AxisRange energy;
    private final Map<String, AxisRange> forests = new HashMap<>();
    private final Map<ReportedRun, Map<String, List<ForestPlot.Row>>> forestRows = new java.util.IdentityHashMap<>();

    private SharedAxes(List<ReportedRun> runs) {
        this.runs = List.copyOf(runs);
    }

    /** The ranges shared by {@code runs}: one run alone gets its own. */
    public static SharedAxes of(List<ReportedRun> runs) {
        return new SharedAxes(runs);
    }

    /** How many runs share these axes. */
    public int runs() {
        return runs.size();
    }

    /** The values of {@code output} in every run that has it. */
    public AxisRange output(String output) {
        return outputs.computeIfAbsent(output,
                name -> union(run -> run.draws().has(name), run -> AxisRange.of(run.draws().column(name))));
    }

    /** Every draw of {@code output} in every run that has it ({@link AxisRange#extent}): the funnel's axes. */
    public AxisRange extent(String output) {
        return extents.computeIfAbsent(output,
                name -> union(run -> run.draws().has(name), run -> AxisRange.extent(run.draws().column(name))));
    }

    /** The running means of {@code output} from the second half of the draws on, their bands and the exact mean. */
    public AxisRange runningMean(String output) {
        return runningMeans.computeIfAbsent(output, name -> union(run -> run.draws().has(name),
                run -> RunningMeanPlot.range(run.draws().column(name), run.exactMean(name))));
    }

    /** The forest plot's intervals and exact means of {@code vector} (theta[1], ...) in every run that has it. */
    public AxisRange forest(List<String> vector) {
        return forests.computeIfAbsent(vector.get(0), first -> union(
                run -> vector.stream().allMatch(run.draws()::has), run -> ForestPlot.range(forestRows(run, vector))));
    }

    /** One run's forest rows of {@code vector}, computed once for the range and the chart. */
    public List<ForestPlot.Row> forestRows(ReportedRun run, List<String> vector) {
        return forestRows.computeIfAbsent(run, r -> new HashMap<>()).computeIfAbsent(vector.get(0),
                first -> ForestPlot.rows(vector, run.draws()::column, run::exactMean));
    }

    /** The energy plot's centred energies and energy transitions. */
    public AxisRange energy() {
        if (energy == null) {
            for (ReportedRun run : runs) {
                AxisRange own = EnergyPlot.range(run.draws().column("energy__"));
                energy = energy == null ? own : energy.union(own);
            }
        }
        return energy;
    }

    // The union of the ranges of the runs that have the quantity; (0, 1) when none has it.
    private AxisRange union(Predicate<ReportedRun> has, Function<ReportedRun, AxisRange> own) {
        AxisRange union = null;
        for (ReportedRun run : runs) {
            if (has.test(run)) {
                union = union == null ? own.apply(run) : union.union(own.apply(run));
            }
        }
        return union == null ? new AxisRange(0, 1) : union;
    }
}
