package manynuts.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.backend.Backend;
import manynuts.diagnostics.SummaryOptions;
import manynuts.models.ConfiguredModel;
import manynuts.models.Model;
import manynuts.models.ModelOptions;
import manynuts.models.UniformStream;
import manynuts.rng.DrawStream;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;

/**
 * Runs one model's chains into a run directory (run.json, draws.csv, divergences.csv, summary.csv, and on
 * request one Stan CSV file per chain) and keeps the draws for the summary: in memory when they fit (then the
 * outcome carries them for the report), in memory-mapped column files when they do not.
 */
public final class ModelRun {

    /**
     * What to run and where to write it.
     *
     * @param data     the data file named in run.json, or null for none (eight schools: the built-in data)
     * @param options  the model's option values, recorded in run.json to rebuild the same model
     * @param force    overwrite a directory that already holds a run
     * @param stanCsv  also write {@code stan/chain-<n>.csv} in CmdStan's layout
     * @param summary  how the draws are summarised (its thread count is the sampler's, and its superchains those the
     *                 chains start in, see {@link #summaryOf})
     */
    public record Request(Model model, Path data, ModelOptions options, SamplerSettings settings, Path directory,
            boolean force, boolean stanCsv, SummaryOptions summary) {

        /** The default summary. */
        public Request(Model model, Path data, ModelOptions options, SamplerSettings settings, Path directory,
                boolean force, boolean stanCsv) {
            this(model, data, options, settings, directory, force, stanCsv, SummaryOptions.defaults());
        }

        /** A model without options. */
        public Request(Model model, Path data, SamplerSettings settings, Path directory, boolean force,
                boolean stanCsv) {
            this(model, data, ModelOptions.NONE, settings, directory, force, stanCsv);
        }

        /** A model as the registry configured it. */
        public Request(ConfiguredModel chosen, SamplerSettings settings, Path directory, boolean force,
                boolean stanCsv) {
            this(chosen.model(), chosen.data(), chosen.options(), settings, directory, force, stanCsv);
        }

        /** This request with {@code options} for the summary. */
        public Request withSummary(SummaryOptions options) {
            return new Request(model, data, this.options, settings, directory, force, stanCsv, options);
        }
    }

    /**
     * A finished run: where it was written, what it cost, its draws (null when they did not fit in memory: read
     * draws.csv then) and their summary.
     */
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
     * The summary of chains that start in superchains of {@code superchainSize}: nested R-hat over them, as a nested
     * design, when they have two chains or more; {@code summary} as it is otherwise.
     */
    static SummaryOptions summaryOf(SummaryOptions summary, int superchainSize) {
        return superchainSize > 1 ? summary.withNestedDesign(superchainSize) : summary;
    }

    /**
     * Samples, writes every file of the run directory and summarises.
     *
     * @param backend  where the chains run; the caller closes it
     * @param progress modified: its counters advance as draws and divergences arrive
     */
    public static Outcome run(Request request, Backend backend, RunProgress progress) throws IOException {
        return run(request, backend, progress, Runtime.getRuntime().maxMemory() / 4);
    }

    /** As {@link #run(Request, Backend, RunProgress)}, keeping draws in the heap only below {@code heapBudget} bytes. */
    static Outcome run(Request request, Backend backend, RunProgress progress, long heapBudget) throws IOException {
        Model model = request.model();
        SamplerSettings settings = request.settings();
        // Draws stay in the heap when they fit comfortably; otherwise they go to memory-mapped column files and
        // the summary reads one column at a time, so the heap holds O(chains) state however long the run.
        long bytes = (long) settings.chains() * settings.draws() * (model.outputNames().size() + SamplerStats.NAMES.size()) * 8;
        boolean inMemory = bytes < heapBudget;
        if (!inMemory && request.stanCsv()) {
            throw new IllegalArgumentException("--stan-csv needs every draw in memory, and " + settings.chains()
                    + " chains x " + settings.draws() + " draws do not fit: raise -Xmx (MANYNUTS_JAVA_OPTS) or drop --stan-csv");
        }
        RunDirectory run = RunDirectory.create(request.directory(), request.force());
        run.writeSettings(model, request.data(), request.options(), settings, backend.name(),
                backend.matrixProducts(model).orElse(null), request.summary());
        DrawTable table = inMemory ? new DrawTable(model, settings.chains(), settings.draws()) : null;
        List<Divergence> divergences = java.util.Collections.synchronizedList(new ArrayList<>());
        SamplingResult result;
        RunDraws draws = null;
        RunSummary summary;
        SummaryOptions options = summaryOf(request.summary(), settings.superchainSize()).withThreads(
                settings.threads());
        try (DrawsCsvWriter csv = new DrawsCsvWriter(run.draws(), model, settings.draws());
                ColumnStore store = inMemory ? null
                        : new ColumnStore(run.directory().resolve(".columns"), model, settings.chains(), settings.draws())) {
            DrawSink keeper = inMemory ? table : store;
            DrawSink sink = new CountingSink(keeper, csv, divergences, progress);
            result = new Sampler(model, backend, settings).run(sink, progress.draws());
            csv.flush();
            if (inMemory) {
                draws = RunDraws.of(table, model.name());
                summary = RunSummary.of(draws, settings.maxDepth(), options);
            } else {
                summary = RunSummary.ofColumns(store, settings.maxDepth(), options);
            }
        }
        divergences.sort(Divergence.BY_CHAIN_AND_DRAW);
        DivergencesCsv.write(run.divergences(), model.parameterNames(), divergences);
        run.writeResult(result);
        if (request.stanCsv()) {
            StanCsvWriter.write(run.directory().resolve("stan"), model, request.data(), settings, result, draws);
        }
        summary.writeCsv(run.summary());
        return new Outcome(run, model, settings, result, draws, summary);
    }

    /** Hands every draw to the keeper and the CSV, keeps the divergences and counts them for the progress display. */
    private record CountingSink(DrawSink keeper, DrawSink csv, List<Divergence> divergences, RunProgress progress)
            implements DrawSink {
        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            keeper.draw(chain, draw, position, stats);
            csv.draw(chain, draw, position, stats);
        }

        /** Both consumers see the draw's stream from its start, so they compute the same generated quantities. */
        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
            keeper.draw(chain, draw, position, stats, random);
            csv.draw(chain, draw, position, stats, random instanceof DrawStream stream ? stream.restart() : random);
        }

        @Override
        public void divergence(Divergence divergence) {
            divergences.add(divergence);
            progress.divergences().incrementAndGet();
        }
    }
}
