package manynuts.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import manynuts.backend.Backend;
import manynuts.diagnostics.SummaryOptions;
import manynuts.models.Model;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;

/**
 * Runs one model's chains into a run directory (run.json, draws.csv, divergences.csv, summary.csv, and on
 * request one Stan CSV file per chain) and keeps the draws in memory for the summary and the report.
 */
public final class ModelRun {

    /**
     * What to run and where to write it.
     *
     * @param data     the data file named in run.json, or null for the built-in eight schools data
     * @param force    overwrite a directory that already holds a run
     * @param stanCsv  also write {@code stan/chain-<n>.csv} in CmdStan's layout
     */
    public record Request(Model model, Path data, SamplerSettings settings, Path directory, boolean force,
            boolean stanCsv) {
    }

    /** A finished run: where it was written, what it cost, its draws and their summary. */
    public record Outcome(RunDirectory run, Model model, SamplerSettings settings, SamplingResult result,
            RunDraws draws, RunSummary summary) {

        /** One line saying what ran, how long it took and which seed reproduces it. */
        public String headline() {
            return String.format(Locale.ROOT,
                    "%s: %d chains x %d draws on %s in %.1f s (%d gradients, %.3g per second), seed %d%n",
                    model.name(), settings.chains(), settings.draws(), result.backend(), result.seconds(),
                    result.gradientEvaluations(), result.gradientsPerSecond(), settings.seed());
        }
    }

    private ModelRun() {
    }

    /**
     * Samples, writes every file of the run directory and summarises.
     *
     * @param backend  where the chains run; the caller closes it
     * @param progress modified: its counters advance as draws and divergences arrive
     */
    public static Outcome run(Request request, Backend backend, RunProgress progress) throws IOException {
        Model model = request.model();
        SamplerSettings settings = request.settings();
        RunDirectory run = RunDirectory.create(request.directory(), request.force());
        run.writeSettings(model, request.data(), settings, backend.name());

        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        SamplingResult result;
        try (DrawsCsvWriter csv = new DrawsCsvWriter(run.draws(), model, settings.draws())) {
            DrawSink sink = new CountingSink(table, csv, progress);
            result = new Sampler(model, backend, settings).run(sink, progress.draws());
        }
        DivergencesCsv.write(run.divergences(), model.parameterNames(), table.divergences());
        run.writeResult(result);
        RunDraws draws = RunDraws.of(table, model.name());
        if (request.stanCsv()) {
            StanCsvWriter.write(run.directory().resolve("stan"), model, request.data(), settings, result, draws);
        }
        RunSummary summary = RunSummary.of(draws, settings.maxDepth(),
                SummaryOptions.defaults().withThreads(settings.threads()));
        summary.writeCsv(run.summary());
        return new Outcome(run, model, settings, result, draws, summary);
    }

    /** Hands every draw to the table and the CSV, and counts divergences for the progress display. */
    private record CountingSink(DrawSink table, DrawSink csv, RunProgress progress) implements DrawSink {
        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            table.draw(chain, draw, position, stats);
            csv.draw(chain, draw, position, stats);
        }

        @Override
        public void divergence(Divergence divergence) {
            table.divergence(divergence);
            csv.divergence(divergence);
            progress.divergences().incrementAndGet();
        }
    }
}
