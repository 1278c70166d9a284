package manynuts.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.backend.Backend;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.ConfiguredModel;
import manynuts.models.Model;
import manynuts.models.ModelOptions;
import manynuts.models.UniformStream;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.nuts.ChainStates;
import manynuts.nuts.Sampler;
import manynuts.nuts.StopRequest;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;
import manynuts.output.ColumnStore;
import manynuts.output.DivergencesCsv;
import manynuts.output.DrawRows;
import manynuts.output.DrawTable;
import manynuts.output.DrawsCsvWriter;
import manynuts.output.RunDraws;
import manynuts.output.RunSummary;
import manynuts.output.StanCsvWriter;

/**
 * Runs one model's chains into a run directory (run.json, draws.csv, divergences.csv, summary.csv, and on
 * request one Stan CSV file per chain) and keeps the draws for the summary: in memory when they fit (then the
 * outcome carries them for the report), in memory-mapped column files when they do not.
 */
public final class ModelRun {

    /**
     * What to run and where to write it.
     *
     * @param checkpointSeconds seconds between checkpoints of the chains' states (draws reach the file every second)
     * @param data     the data file named in run.json, or null for none (eight schools: the built-in data)
     * @param options  the model's option values, recorded in run.json to rebuild the same model
     * @param force    overwrite a directory that already holds a run
     * @param stanCsv  also write {@code stan/chain-<n>.csv} in CmdStan's layout
     * @param summary  how the draws are summarised (its thread count is the sampler's, and its superchains those the
     *                 chains start in, see {@link #summaryOf})
     */
    public record Request(Model model, Path data, ModelOptions options, SamplerSettings settings, Path directory,
            boolean force, boolean stanCsv, SummaryOptions summary, double checkpointSeconds) {

        /** Seconds between checkpoints unless a request says otherwise. */
        public static final double CHECKPOINT_SECONDS = 5.0;

        public Request {
            if (!(checkpointSeconds > 0.0)) {
                throw new IllegalArgumentException("checkpoint interval must be a positive number of seconds, got "
                        + checkpointSeconds);
            }
        }

        /** Checkpoints every {@link #CHECKPOINT_SECONDS}. */
        public Request(Model model, Path data, ModelOptions options, SamplerSettings settings, Path directory,
                boolean force, boolean stanCsv, SummaryOptions summary) {
            this(model, data, options, settings, directory, force, stanCsv, summary, CHECKPOINT_SECONDS);
        }

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
            return new Request(model, data, this.options, settings, directory, force, stanCsv, options,
                    checkpointSeconds);
        }

        /** This request checkpointing every {@code seconds}. */
        public Request withCheckpointSeconds(double seconds) {
            return new Request(model, data, options, settings, directory, force, stanCsv, summary, seconds);
        }
    }

    /**
     * A run that ended, finished or interrupted: where it was written, what it cost, its draws (null when they did
     * not fit in memory, or the run was interrupted: read draws.csv then) and their summary (null when interrupted).
     *
     * @param interruption why the run stopped early, or null if it finished
     * @param drawsPerChain each chain's whole draws in draws.csv
     */
    public record Outcome(RunDirectory run, Model model, SamplerSettings settings, SamplingResult result,
            RunDraws draws, RunSummary summary, String interruption, int[] drawsPerChain) {

        public boolean interrupted() {
            return interruption != null;
        }

        /** One line saying what ran, how long it took and which seed reproduces it. */
        public String headline() {
            return String.format(Locale.ROOT,
                    "%s: %d chains x %d draws on %s in %.1f s (%d gradients, %.3g per second), seed %d%n",
                    model.name(), settings.chains(), settings.draws(), result.backend(), result.seconds(),
                    result.gradientEvaluations(), result.gradientsPerSecond(), settings.seed());
        }

        /** One line saying that the run was interrupted, how far its chains got and how to go on. */
        public String interruptionLine() {
            int shortest = java.util.Arrays.stream(drawsPerChain).min().orElse(0);
            int longest = java.util.Arrays.stream(drawsPerChain).max().orElse(0);
            long total = java.util.Arrays.stream(drawsPerChain).asLongStream().sum();
            return String.format(Locale.ROOT, "interrupted (%s): %d of %d draws written to %s (each chain %s of %d);"
                    + " go on with: manynuts sample --resume %s%n", interruption, total,
                    (long) settings.chains() * settings.draws(), run.draws(),
                    shortest == longest ? String.valueOf(shortest) : shortest + " to " + longest, settings.draws(),
                    run.directory());
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
        return run(request, backend, progress, new StopRequest());
    }

    /**
     * As {@link #run(Request, Backend, RunProgress)}, until {@code stop} is requested: then every whole draw, the
     * divergences and a checkpoint are on disk, run.json says the run was interrupted, and the outcome has no
     * summary.
     */
    public static Outcome run(Request request, Backend backend, RunProgress progress, StopRequest stop)
            throws IOException {
        return run(request, backend, progress, stop, RunBudget.drawsHeapBudget());
    }

    /**
     * As {@link #run(Request, Backend, RunProgress)}, keeping draws in the heap only below {@code heapBudget} bytes
     * ({@link Long#MAX_VALUE}: always, for callers that need the outcome's draws, checked against the heap first).
     */
    public static Outcome run(Request request, Backend backend, RunProgress progress, long heapBudget)
            throws IOException {
        return run(request, backend, progress, new StopRequest(), heapBudget);
    }

    private static Outcome run(Request request, Backend backend, RunProgress progress, StopRequest stop,
            long heapBudget) throws IOException {
        Model model = request.model();
        SamplerSettings settings = request.settings();
        boolean inMemory = fitsInHeap(model, settings, heapBudget, request.stanCsv());
        RunBudget.of(request, backend, heapBudget).check(request.directory());
        backend.checkCapacity(model, settings.chains(), settings.maxDepth());
        try (RunDirectory run = RunDirectory.create(request.directory(), request.force())) {
            run.writeSettings(model, request.data(), request.options(), settings, backend.name(),
                    backend.matrixProducts(model).orElse(null), request.summary(), request.stanCsv());
            try (DrawsCsvWriter csv = DrawsCsvWriter.create(run.draws(), model, settings.draws());
                    DivergencesCsv divergences = DivergencesCsv.create(run.divergences(), model.parameterNames())) {
                return sample(request, run, backend, progress, stop, inMemory,
                        new ChainStates(settings.chains(), model.dimension(), settings.seed()), csv, divergences,
                        new ArrayList<>(), null);
            }
        }
    }

    /**
     * Goes on with an interrupted run in {@code directory} from its checkpoint: every chain starts again at its
     * last recorded iteration (from its first if the run stopped before its first checkpoint), draws.csv and
     * divergences.csv keep the rows made before it, and the run ends with the very draws it would have made
     * uninterrupted.
     *
     * @param model   the run's model, rebuilt from run.json
     * @param threads CPU threads (they do not change the draws)
     */
    public static Outcome resume(Path directory, ConfiguredModel model, Backend backend, int threads,
            double checkpointSeconds, RunProgress progress, StopRequest stop) throws IOException {
        try (RunDirectory run = RunDirectory.reopenToWrite(directory)) {
            return resume(run, model, backend, threads, checkpointSeconds, progress, stop);
        }
    }

    /** Goes on with {@code run}, whose lock this run holds. */
    private static Outcome resume(RunDirectory run, ConfiguredModel model, Backend backend, int threads,
            double checkpointSeconds, RunProgress progress, StopRequest stop) throws IOException {
        Path directory = run.directory();
        if (run.status().equals(RunDirectory.STATUS_COMPLETE)) {
            throw new RunInputException(directory + " holds a complete run; there is nothing to resume");
        }
        SamplerSettings settings = run.samplerSettings(threads);
        RunRecord record = RunRecord.read(directory.resolve("run.json"));
        Request request = new Request(model.model(), model.data(), model.options(), settings, directory, true,
                run.writesStanCsv(), record.summaryOptions(), checkpointSeconds);
        boolean inMemory = fitsInHeap(model.model(), settings, RunBudget.drawsHeapBudget(), request.stanCsv());
        // Another backend (a GPU with less memory, float64 instead of float32) may not hold what the first one did.
        backend.checkCapacity(model.model(), settings.chains(), settings.maxDepth());
        ChainStates states = Files.isRegularFile(run.checkpoint())
                ? ChainStates.read(run.checkpoint(), settings.chains(), model.model().dimension(), settings.seed())
                : new ChainStates(settings.chains(), model.model().dimension(), settings.seed());
        int[] kept = new int[settings.chains()];
        for (int c = 0; c < kept.length; c++) {
            kept[c] = states.drawsMade(c, settings);
        }
        DrawTable table = inMemory ? new DrawTable(model.model(), settings.chains(), settings.draws()) : null;
        ColumnStore store = inMemory ? null : new ColumnStore(run.directory().resolve(".columns"), model.model(),
                settings.chains(), settings.draws());
        List<Divergence> divergences = new ArrayList<>();
        try {
            RunFiles.keepDraws(run.draws(), DrawsCsvWriter.header(model.model()), kept, inMemory ? table : store);
            divergences.addAll(RunFiles.keepDivergences(run.divergences(), model.model().dimension(), kept));
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
        long made = java.util.Arrays.stream(kept).asLongStream().sum();
        progress.draws().set(made);
        progress.divergences().set(divergences.size());
        run.writeResumed(backend.name());
        try (DrawsCsvWriter csv = DrawsCsvWriter.append(run.draws(), settings.draws());
                DivergencesCsv divergenceFile = DivergencesCsv.append(run.divergences())) {
            return sample(request, run, backend, progress, stop, inMemory, states, csv, divergenceFile,
                    divergences, inMemory ? table : store);
        }
    }

    /**
     * Whether the draws fit in the heap: then they stay there; otherwise they go to memory-mapped column files and
     * the summary reads one column at a time, so the heap holds O(chains) state however long the run.
     */
    private static boolean fitsInHeap(Model model, SamplerSettings settings, long heapBudget, boolean stanCsv) {
        boolean inMemory = RunBudget.drawTableBytes(model, settings) < heapBudget;
        if (!inMemory && stanCsv) {
            throw new IllegalArgumentException("--stan-csv needs every draw in memory, and " + settings.chains()
                    + " chains x " + settings.draws() + " draws do not fit: raise -Xmx (MANYNUTS_JAVA_OPTS) or drop --stan-csv");
        }
        return inMemory;
    }

    /**
     * Samples into an open run directory: streams rows and divergences, checkpoints every few seconds, and ends
     * either complete (summary, sorted divergences, Stan CSV, run.json's result) or interrupted (checkpoint and
     * run.json's interruption).
     *
     * @param divergenceList modified: the divergences already made (those of a resumed run), then every one
     * @param keeper         where the draws already made are, or null to make a new one
     */
    private static Outcome sample(Request request, RunDirectory run, Backend backend, RunProgress progress,
            StopRequest stop, boolean inMemory, ChainStates states, DrawsCsvWriter csv, DivergencesCsv divergenceFile,
            List<Divergence> divergenceList, DrawRows keeper) throws IOException {
        Model model = request.model();
        SamplerSettings settings = request.settings();
        DrawTable table = inMemory ? (keeper != null ? (DrawTable) keeper
                : new DrawTable(model, settings.chains(), settings.draws())) : null;
        SummaryOptions options = summaryOf(request.summary(), settings.superchainSize()).withThreads(
                settings.threads());
        List<Divergence> divergences = java.util.Collections.synchronizedList(divergenceList);
        SamplingResult result;
        RunSummary summary;
        RunDraws draws = null;
        try (ColumnStore store = inMemory ? null : keeper != null ? (ColumnStore) keeper
                : new ColumnStore(run.directory().resolve(".columns"), model, settings.chains(), settings.draws())) {
            DrawSink sink = new RowSink(model, inMemory ? table : store, csv, divergenceFile, divergences, progress);
            try (Checkpoints checkpoints = Checkpoints.start(run, states, csv, divergenceFile, stop,
                    request.checkpointSeconds())) {
                try {
                    result = new Sampler(model, backend, settings).countingWarmup(progress.warmup())
                            .run(sink, progress.draws(), states, stop);
                } catch (RuntimeException | Error e) {
                    checkpoints.interrupted(oneLine(e), settings);
                    throw e;
                }
                if (stop.requested()) {
                    int[] drawsPerChain = checkpoints.interrupted(stop.reason(), settings);
                    // A run that a failed write stopped is a failure, not an interruption.
                    checkpoints.rethrowFailure();
                    return new Outcome(run, model, settings, result, null, null, stop.reason(), drawsPerChain);
                }
            }
            // Every row is on disk before run.json says the run is complete.
            csv.file().flush();
            if (inMemory) {
                draws = RunDraws.of(table, model.name());
                summary = RunSummary.of(draws, settings.maxDepth(), options);
            } else {
                summary = RunSummary.ofColumns(store, settings.maxDepth(), options);
            }
        }
        List<Divergence> sorted = new ArrayList<>(divergences);
        sorted.sort(Divergence.BY_CHAIN_AND_DRAW);
        divergenceFile.close();
        DivergencesCsv.write(run.divergences(), model.parameterNames(), sorted);
        run.writeResult(result);
        Files.deleteIfExists(run.checkpoint());
        if (request.stanCsv()) {
            StanCsvWriter.write(run.directory().resolve("stan"), model, request.data(), settings, result, draws);
        }
        summary.writeCsv(run.summary());
        int[] drawsPerChain = new int[settings.chains()];
        java.util.Arrays.fill(drawsPerChain, settings.draws());
        return new Outcome(run, model, settings, result, draws, summary, null, drawsPerChain);
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null || error.getMessage().isBlank() ? error.getClass().getSimpleName()
                : error.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Computes each draw's row once (outputs, generated quantities from the draw's own stream, sampler stats) and
     * hands it to the keeper and the CSV; streams the divergences and counts both for the progress display.
     */
    private static final class RowSink implements DrawSink {
        private final Model model;
        private final DrawRows keeper;
        private final DrawsCsvWriter csv;
        private final DivergencesCsv divergenceFile;
        private final List<Divergence> divergences;
        private final RunProgress progress;
        private final DrawSink rows;

        RowSink(Model model, DrawRows keeper, DrawsCsvWriter csv, DivergencesCsv divergenceFile,
                List<Divergence> divergences, RunProgress progress) {
            this.model = model;
            this.keeper = keeper;
            this.csv = csv;
            this.divergenceFile = divergenceFile;
            this.divergences = divergences;
            this.progress = progress;
            this.rows = DrawRows.sink(model, (chain, draw, row) -> {
                keeper.row(chain, draw, row);
                csv.row(chain, draw, row);
            });
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            rows.draw(chain, draw, position, stats);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
            rows.draw(chain, draw, position, stats, random);
        }

        @Override
        public void divergence(Divergence divergence) {
            divergences.add(divergence);
            divergenceFile.add(divergence);
            progress.divergences().incrementAndGet();
        }
    }
}
