package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import manynuts.backend.Backend;
import manynuts.backend.TreeBuilding;
import manynuts.backend.choice.Backends;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.ConfiguredModel;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.FiniteStart;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.StopRequest;
import manynuts.run.ModelRun;
import manynuts.run.RunDirectory;
import manynuts.run.RunRecord;
import manynuts.run.RunProgress;
import manynuts.output.RunSummary;
import manynuts.report.ExactComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import manynuts.models.WithExactPosterior;
import manynuts.models.WithFunnel;

/** {@code sample}: runs many NUTS chains of a model and writes a run directory. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run NUTS chains of a model; print a summary and write draws.csv (posterior's draws_df "
                + "layout), divergences.csv, summary.csv and run.json to the output directory.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, description = "Model: ${COMPLETION-CANDIDATES} (required unless --resume).",
            completionCandidates = ModelNames.class)
    String model;

    @Mixin
    private ModelData modelData = new ModelData();

    @Option(names = {"-c", "--chains"}, defaultValue = "4", description = "Number of chains (default: ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--warmup", defaultValue = "" + SamplerSettings.DEFAULT_WARMUP, description = "Warm-up iterations per chain (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--draws", defaultValue = "" + SamplerSettings.DEFAULT_DRAWS, description = "Draws kept per chain after warm-up (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--thin", defaultValue = "1", description = "Keep every n-th draw (default: ${DEFAULT-VALUE}).")
    int thin;

    @Option(names = "--seed", description = "Random seed (default: drawn at random and recorded in run.json).")
    Long seed;

    @Option(names = "--target-accept", defaultValue = "" + SamplerSettings.DEFAULT_TARGET_ACCEPT, description = "Target acceptance statistic of step-size adaptation, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double targetAccept;

    @Option(names = "--max-depth", defaultValue = "" + SamplerSettings.DEFAULT_MAX_DEPTH, description = "Maximum tree depth (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Mixin
    private DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = "--trees", defaultValue = "device", paramLabel = "WHERE",
            description = "Where a CUDA backend builds the trees, warm-up's included: device (the state machine on the "
                    + "device, many leapfrog steps per launch) or host (one leapfrog step per launch); the draws are "
                    + "the same (default: ${DEFAULT-VALUE}).")
    String trees;

    @Option(names = "--pooled-metric", description = "Estimate one mass matrix from the warm-up draws of all chains.")
    boolean pooledMetric;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run directory (default: runs/MODEL-TIMESTAMP).")
    Path output;

    @Option(names = "--progress", defaultValue = "auto", description = "Progress bar on stderr: auto (on a terminal), "
            + "always (also a line every 10 s when stderr is redirected) or never (default: ${DEFAULT-VALUE}).")
    String progressMode;

    @Option(names = "--force", description = "Overwrite an existing run directory.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors: no progress bar, backend line or "
            + "summary (the run directory is written all the same).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also print what the CUDA driver or loader said when "
            + "--backend auto chose the CPU (the one line says why in short).")
    boolean verbose;

    @Option(names = "--resume", paramLabel = "DIR", description = "Go on with the interrupted run in DIR from its "
            + "checkpoint, with run.json's model, data and settings: the draws are those the run would have made "
            + "uninterrupted (on the same backend). Takes only --threads, --backend, --precision, --progress and "
            + "--checkpoint-every.")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", defaultValue = "5", description = "Seconds between "
            + "checkpoints of the chains' states, from which --resume goes on (default: ${DEFAULT-VALUE}); draws "
            + "reach draws.csv every second.")
    double checkpointSeconds;

    @Option(names = "--stan-csv", description = "Also write one Stan CSV file per chain to DIR/stan/chain-<n>.csv (n with leading zeros), "
            + "as CmdStan writes them (for cmdstanpy, ArviZ, posterior).")
    boolean stanCsv;

    @Mixin
    private SummarySettings summarySettings = new SummarySettings();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = quiet ? Quiet.writer() : spec.commandLine().getOut();
        ProgressBar.Mode progressShown = quiet ? ProgressBar.Mode.NEVER : ProgressBar.Mode.parse(progressMode);
        if (!(checkpointSeconds > 0.0) || Double.isInfinite(checkpointSeconds)) {
            throw new UsageException("--checkpoint-every must be a positive number of seconds, got "
                    + checkpointSeconds);
        }
        if (resume != null) {
            return resume(out, progressShown);
        }
        if (model == null) {
            throw new UsageException("missing option -m/--model (or --resume DIR to go on with a run)");
        }
        long chosenSeed = seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
        SamplerSettings settings = new SamplerSettings(chains, warmup, draws, thin, chosenSeed, targetAccept, maxDepth,
                threadCount(), pooledMetric, 2.0, 1.0);
        SummaryOptions summaryOptions = summarySettings.optionsForSampling(settings.chains());
        settings = settings.withSuperchainSize(Math.max(1, summaryOptions.superchainSize()));
        ConfiguredModel configured = ModelRegistry.configure(model, modelData.file(), modelData.settings());
        Model chosen = configured.model();
        FiniteStart.require(chosen, configured.data(), settings);
        Path directory = output != null ? output
                : Path.of("runs", chosen.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunProgress progress = RunProgress.of(chosen.name(), (long) settings.chains() * settings.draws(),
                (long) settings.chains() * settings.warmup());
        ModelRun.Request request = new ModelRun.Request(configured, settings, directory, force, stanCsv)
                .withSummary(summaryOptions).withCheckpointSeconds(checkpointSeconds);
        // The backend is chosen before the run directory is made, so a refused --backend cuda writes nothing.
        return sample(out, configured, progress, progressShown, (device, stop) -> {
            Backends.sayMatrixProducts(device, chosen, quiet ? Quiet.writer() : spec.commandLine().getErr());
            return ModelRun.run(request, device, progress, stop);
        });
    }

    private Integer resume(PrintWriter out, ProgressBar.Mode progressShown) throws IOException {
        for (picocli.CommandLine.Model.OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(option.longestName())) {
                throw new UsageException("--resume takes the run's settings from " + resume.resolve("run.json")
                        + "; drop " + option.longestName());
            }
        }
        ConfiguredModel configured = RunRecord.read(resume.resolve("run.json")).rebuild();
        SamplerSettings recorded = RunDirectory.reopen(resume).samplerSettings(1);
        RunProgress progress = RunProgress.of(configured.model().name(),
                (long) recorded.chains() * recorded.draws(), (long) recorded.chains() * recorded.warmup());
        return sample(out, configured, progress, progressShown, (device, stop) -> ModelRun.resume(resume, configured,
                device, threadCount(), checkpointSeconds, progress, stop));
    }

    /** A run on a chosen backend, which stops early when {@code stop} is requested. */
    private interface Sampling {
        ModelRun.Outcome run(Backend device, StopRequest stop) throws IOException;
    }

    /**
     * Runs {@code sampling} on the chosen backend with the progress bar shown and SIGINT/SIGTERM stopping it; prints
     * the summary, or the interruption's line once the bar is gone, and returns the exit code.
     */
    private Integer sample(PrintWriter out, ConfiguredModel configured, RunProgress progress,
            ProgressBar.Mode progressShown, Sampling sampling) throws IOException {
        StopRequest stop = new StopRequest();
        ModelRun.Outcome outcome;
        int signalExit;
        try (Backend device = chooseBackend(configured.model(), out);
                ProgressBar bar = ProgressBar.start(progress, progressShown);
                Interrupts interrupts = Interrupts.install(stop)) {
            outcome = sampling.run(device, stop);
            signalExit = interrupts.exitCode();
        }
        return outcome.interrupted() ? interrupted(outcome, signalExit) : report(out, outcome);
    }

    /** The backend, said in one short line; with --verbose, the driver's or loader's own words after it. */
    private Backend chooseBackend(Model chosen, PrintWriter out) {
        TreeBuilding where = TreeBuilding.parse(trees);
        Backend device = Backends.choose(deviceOptions.backend(), deviceOptions.precision(), chosen, out);
        device.setTreeBuilding(where);
        if (verbose && !quiet && device instanceof manynuts.backend.cpu.CpuBackend
                && manynuts.backend.cuda.CudaProbe.probe() instanceof manynuts.backend.cuda.CudaProbe.Unavailable
                        unavailable) {
            out.println("backend detail: " + unavailable.full());
            out.flush();
        }
        return device;
    }

    /** The options --resume takes: those that do not change the draws. */
    private static final java.util.Set<String> RESUME_OPTIONS = java.util.Set.of("--resume", "--threads", "--backend",
            "--precision", "--trees", "--progress", "--checkpoint-every", "--quiet", "--verbose");

    private int threadCount() {
        return deviceOptions.threads();
    }

    /** Prints the interruption's line, once the progress bar is gone; returns 128 + the signal's number. */
    private int interrupted(ModelRun.Outcome outcome, int signalExit) {
        PrintWriter err = spec.commandLine().getErr();
        err.print(outcome.interruptionLine());
        err.flush();
        return signalExit != 0 ? signalExit : Main.FAILED;
    }

    private Integer report(PrintWriter out, ModelRun.Outcome outcome) {
        RunSummary summary = outcome.summary();
        Model chosen = outcome.model();
        out.print(outcome.headline());
        out.print(summary.table());
        out.print(summary.warnings());
        out.print(ExactComparison.lines(summary, WithExactPosterior.of(chosen).orElse(null),
                WithFunnel.of(chosen).orElse(null)));
        out.printf("wrote %s%n", outcome.run().directory());
        out.flush();
        return 0;
    }

    /**
     * The completion candidates of {@code --model}, read while picocli builds the help, outside the error handler:
     * a broken model provider leaves them out here and is reported, in one line, when a command looks a model up.
     */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            try {
                return ModelRegistry.knownNames().iterator();
            } catch (ModelException e) {
                return java.util.List.of("(see manynuts models)").iterator();
            }
        }
    }
}
