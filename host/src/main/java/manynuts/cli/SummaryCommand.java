package manynuts.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.ExactPosterior;
import manynuts.run.RunRecord;
import manynuts.output.RunSummary;
import manynuts.run.SavedRun;
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

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.summary, see docs/json.md) "
            + "instead of the table and warnings.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Bad options are refused before the draws are read.
        RunRecord record = SavedRun.record(directory);
        SummaryOptions options = summarySettings.optionsFor(record);
        requirePositive(draws);
        SavedRun run = SavedRun.open(directory, record, draws);
        RunSummary summary = RunSummary.of(run.draws(), run.record().maxDepth(), options);
        ReportedRun reported = ReportedRun.of(run, summary);
        if (json) {
            JsonDocument.print(document(run, summary, reported), out);
            return 0;
        }
        if (quiet) {
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %d chains x %d draws, seed %d (read from %s)%n", run.record().model(),
                run.draws().chains(), run.draws().draws(), run.record().seed(), directory);
        for (String note : run.notes()) {
            out.println("note: " + note);
        }
        out.print(summary.table());
        out.print(summary.warnings());
        out.print(ExactComparison.lines(summary, reported.exact(), reported.funnel()));
        out.flush();
        return 0;
    }

    /** The summary as one JSON document: the run, its notes, the table's rows, the sampler, warnings, exact. */
    private ObjectNode document(SavedRun run, RunSummary summary, ReportedRun reported) {
        ObjectNode document = JsonDocument.of("summary");
        document.put("run", directory.toString());
        document.put("model", run.record().model());
        document.put("chains", run.draws().chains());
        document.put("draws", run.draws().draws());
        document.put("seed", run.record().seed());
        JsonDocument.putLines(document, "notes", run.notes());
        JsonDocument.putSummary(document, summary.rows(), summary.options().hdiProbability(), summary.nested());
        JsonDocument.putSampler(document, summary.sampler());
        JsonDocument.putLines(document, "warnings", summary.warningList());
        putExact(document, summary, reported);
        return document;
    }

    /** The model's exact posterior where it has one: the method, each output's mean and sd, and the checks. */
    static void putExact(ObjectNode document, RunSummary summary, ReportedRun reported) {
        ExactPosterior exact = reported.exact();
        if (exact == null) {
            document.putNull("exact");
            return;
        }
        ObjectNode node = document.putObject("exact");
        node.put("method", exact.method());
        JsonDocument.putMoments(node, "posterior", exact.moments());
        JsonDocument.putLines(node, "checks",
                ExactComparison.lines(summary, exact, reported.funnel()).lines().toList());
    }

    /** Refuses {@code --draws} below 1 before any draw is read. */
    static void requirePositive(Integer draws) {
        if (draws != null && draws < 1) {
            throw new UsageException("--draws must be at least 1, got " + draws);
        }
    }
}
