package manynuts.report;

import java.nio.file.Path;
import manynuts.diagnostics.SummaryOptions;
import manynuts.models.ModelException;
import manynuts.output.ModelRun;
import manynuts.output.RunDraws;
import manynuts.output.RunInputException;
import manynuts.output.RunSummary;
import manynuts.output.SavedRun;

/**
 * One run as a report shows it: what ran, its draws, their summary, and the exact posterior to compare against.
 *
 * @param directory where the run was written
 * @param seconds   sampling time, NaN if unknown
 * @param exact     the exact posterior of the run's data, null when the data cannot be found
 */
public record ReportedRun(String model, Path directory, int warmup, long seed, double seconds, RunDraws draws,
        RunSummary summary, ExactReference exact) {

    /** A run read back from its directory; the summary is computed again from draws.csv. */
    public static ReportedRun of(SavedRun run) {
        ExactReference exact;
        try {
            exact = ExactReference.of(run.record().loadData());
        } catch (RunInputException | ModelException e) {
            exact = null;
        }
        return new ReportedRun(run.record().model(), run.directory(), run.record().warmup(), run.record().seed(),
                run.record().seconds(), run.draws(),
                RunSummary.of(run.draws(), run.record().maxDepth(), SummaryOptions.defaults()), exact);
    }

    /** A run just made, still in memory. */
    public static ReportedRun of(ModelRun.Outcome outcome, ExactReference exact) {
        return new ReportedRun(outcome.model().name(), outcome.run().directory(), outcome.settings().warmup(),
                outcome.settings().seed(), outcome.result().seconds(), outcome.draws(), outcome.summary(), exact);
    }

    /** The log(tau) check, or null when the run has no tau_log or no exact reference. */
    public TauLogCheck tauLogCheck() {
        if (exact == null || !draws.outputs().contains("tau_log")) {
            return null;
        }
        return TauLogCheck.of(summary.parameter("tau_log"), exact.mean("tau_log"));
    }

    /** A short name for headings: "centered" for eight_schools_centered. */
    public String shortName() {
        return model.replaceFirst("^eight_schools_", "");
    }
}
