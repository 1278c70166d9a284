package manynuts.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import manynuts.diagnostics.SummaryOptions;
import manynuts.output.RunRecord;
import manynuts.output.RunSummary;
import manynuts.output.SavedRun;
import manynuts.report.ExactComparison;
import manynuts.report.ReportedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code summary}: prints a saved run's summary table and warnings again, as {@code sample} printed them. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Read RUN/draws.csv and RUN/run.json, check them against each other, and print the summary "
                + "table and warnings again; a run stopped part way is summarised up to its shortest chain.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory written by sample or demo.")
    Path directory;

    @Mixin
    private SummarySettings summarySettings = new SummarySettings();

    @Option(names = "--draws", paramLabel = "N",
            description = "Summarise the first N draws of every chain (default: every draw of a complete run; of a "
                    + "run stopped part way, as many as its shortest chain holds).")
    Integer draws;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Bad options are refused before the draws are read.
        RunRecord record = SavedRun.record(directory);
        SummaryOptions options = summarySettings.optionsFor(record);
        requirePositive(draws);
        SavedRun run = SavedRun.open(directory, record, draws);
        RunSummary summary = RunSummary.of(run.draws(), run.record().maxDepth(), options);
        out.printf(Locale.ROOT, "%s: %d chains x %d draws, seed %d (read from %s)%n", run.record().model(),
                run.draws().chains(), run.draws().draws(), run.record().seed(), directory);
        for (String note : run.notes()) {
            out.println("note: " + note);
        }
        out.print(summary.table());
        out.print(summary.warnings());
        ReportedRun reported = ReportedRun.of(run, summary);
        out.print(ExactComparison.lines(summary, reported.exact(), reported.funnel()));
        out.flush();
        return 0;
    }

    /** Refuses {@code --draws} below 1 before any draw is read. */
    static void requirePositive(Integer draws) {
        if (draws != null && draws < 1) {
            throw new UsageException("--draws must be at least 1, got " + draws);
        }
    }
}
