package manynuts.report;

import java.nio.file.Path;
import java.util.List;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.ExactPosterior;
import manynuts.models.FunnelPair;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;
import manynuts.run.ModelRun;
import manynuts.output.RunDraws;
import manynuts.output.RunSummary;
import manynuts.run.SavedRun;
import manynuts.models.WithExactPosterior;
import manynuts.models.WithFunnel;

/**
 * One run as a report shows it: what ran, its draws, their summary, the exact posterior to compare against and
 * the funnel the model declares.
 *
 * @param directory where the run was written
 * @param seconds   sampling time, NaN if unknown
 * @param exact     the model's exact posterior, null when it has none or the model cannot be rebuilt
 * @param funnel    the model's funnel pair, null when it has none
 * @param notes     what a reader must know first, one line each (a run interrupted, a cut last row)
 */
public record ReportedRun(String model, Path directory, int warmup, long seed, double seconds, RunDraws draws,
        RunSummary summary, ExactPosterior exact, FunnelPair funnel, List<String> notes) {

    public ReportedRun {
        notes = List.copyOf(notes);
    }

    /**
     * A run read back from its directory; the summary is computed again from draws.csv, and the model rebuilt from
     * run.json (name, data, options) gives its exact posterior and funnel. When an older run's data file is not
     * found, the model with its defaults still gives the funnel, and the report goes without the exact posterior.
     * The summary is the one the run was given (its HDI probability, and nested R-hat if its chains started in
     * superchains).
     */
    public static ReportedRun of(SavedRun run) {
        return of(run, RunSummary.of(run.draws(), run.record().maxDepth(), run.record().summaryOptions()));
    }

    /** A run read back from its directory, with its summary already computed. */
    public static ReportedRun of(SavedRun run, RunSummary summary) {
        ExactPosterior exact = null;
        FunnelPair funnel = null;
        if (run.model() != null) {
            Model model = run.model().model();
            exact = WithExactPosterior.of(model).orElse(null);
            funnel = WithFunnel.of(model).orElse(null);
        } else if (run.record().program() == null) {
            try {
                funnel = WithFunnel.of(ModelRegistry.create(run.record().model())).orElse(null);
            } catch (ModelException unknown) {
                funnel = null;
            }
        }
        return new ReportedRun(run.record().model(), run.directory(), run.record().warmup(), run.record().seed(),
                run.record().seconds(), run.draws(), summary, exact, funnel, run.notes());
    }

    /** A run just made: its draws from memory, or read back from draws.csv when they did not fit there. */
    public static ReportedRun of(ModelRun.Outcome outcome) {
        if (outcome.draws() == null) {
            return of(SavedRun.open(outcome.run().directory()), outcome.summary());
        }
        Model model = outcome.model();
        return new ReportedRun(model.name(), outcome.run().directory(), outcome.settings().warmup(),
                outcome.settings().seed(), outcome.result().seconds(), outcome.draws(), outcome.summary(),
                WithExactPosterior.of(model).orElse(null), WithFunnel.of(model).orElse(null), List.of());
    }

    /** The output the report follows: the funnel's scale when the model has a funnel, else the first output. */
    public String headline() {
        return funnel != null && draws.has(funnel.scale()) ? funnel.scale() : draws.outputs().get(0);
    }

    /** The headline as E[...] names it: {@code log tau} for tau_log. */
    public String headlineLabel() {
        return funnel != null && funnel.scale().equals(headline()) ? funnel.scaleLabel() : headline();
    }

    /** The headline as an axis names it: {@code log(tau)} for tau_log. */
    public String headlineAxis() {
        return headlineLabel().replaceFirst("^log (\\w+)$", "log($1)");
    }

    /** Whether the draws hold both outputs of the model's funnel. */
    public boolean hasFunnel() {
        return funnel != null && draws.has(funnel.scale()) && draws.has(funnel.member());
    }

    /** The check of the headline's mean, or null when there is no exact value for it. */
    public HeadlineCheck headlineCheck() {
        if (exact == null || exact.find(headline()).isEmpty()) {
            return null;
        }
        return HeadlineCheck.of(headlineLabel(), summary.parameter(headline()), exact.mean(headline()));
    }

    /** Every output against the exact posterior, or null when there is none. */
    public ExactComparison exactComparison() {
        return exact == null ? null : ExactComparison.of(summary.parameters(), exact);
    }

    /** The exact mean of an output, NaN when unknown. */
    public double exactMean(String name) {
        return exact == null ? Double.NaN : exact.find(name).map(m -> m.mean()).orElse(Double.NaN);
    }

    /** The exact sd of an output, NaN when unknown. */
    public double exactSd(String name) {
        return exact == null ? Double.NaN : exact.find(name).map(m -> m.sd()).orElse(Double.NaN);
    }

    /** A short name for headings: "centered" for eight_schools_centered. */
    public String shortName() {
        return model.replaceFirst("^eight_schools_", "");
    }
}
