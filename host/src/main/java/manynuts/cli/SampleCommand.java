package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import manynuts.backend.Backend;
import manynuts.backend.Backends;
import manynuts.backend.Precision;
import manynuts.diagnostics.SummaryOptions;
import manynuts.models.ConfiguredModel;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.ModelRegistry;
import manynuts.nuts.SamplerSettings;
import manynuts.output.ModelRun;
import manynuts.output.RunProgress;
import manynuts.output.RunSummary;
import manynuts.report.ExactComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sample}: runs many NUTS chains of a model and writes a run directory. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run NUTS chains of a model; print a summary and write draws.csv (posterior's draws_df "
                + "layout), divergences.csv, summary.csv and run.json to the output directory.")
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "Model: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--data", paramLabel = "FILE", description = "Data file in Stan JSON: the eight schools models' "
            + "J, y, sigma (the built-in eight schools data when omitted), or other models' options.")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A model option, e.g. --set dimension=100 "
            + "(repeatable; overrides the data file; 'manynuts models' lists every model's options).")
    Map<String, String> set = new LinkedHashMap<>();

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

    @Option(names = "--threads", description = "CPU threads (default: every core).")
    Integer threads;

    @Option(names = "--backend", defaultValue = "auto", description = "auto (CUDA if a device answers, else the CPU), cpu, cuda (every visible device, chains sharded across them) or cuda:N[,M...] (those devices) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--precision", defaultValue = "float64", description = "Chain state on CUDA devices: float64 or float32 (the CPU backend computes in float64) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--pooled-metric", description = "Estimate one mass matrix from the warm-up draws of all chains.")
    boolean pooledMetric;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run directory (default: runs/MODEL-TIMESTAMP).")
    Path output;

    @Option(names = "--progress", defaultValue = "auto", description = "Progress bar on stderr: auto (on a terminal), "
            + "always (also a line every 10 s when stderr is redirected) or never (default: ${DEFAULT-VALUE}).")
    String progressMode;

    @Option(names = "--force", description = "Overwrite an existing run directory.")
    boolean force;

    @Option(names = "--stan-csv", description = "Also write one Stan CSV file per chain to DIR/stan/chain-<n>.csv (n with leading zeros), "
            + "as CmdStan writes them (for cmdstanpy, ArviZ, posterior).")
    boolean stanCsv;

    @Mixin
    private SummarySettings summarySettings = new SummarySettings();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar.Mode progressShown = ProgressBar.Mode.parse(progressMode);
        long chosenSeed = seed != null ? seed : new java.security.SecureRandom().nextLong() & Long.MAX_VALUE;
        SamplerSettings settings = new SamplerSettings(chains, warmup, draws, thin, chosenSeed, targetAccept, maxDepth,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), pooledMetric, 2.0, 1.0);
        SummaryOptions summaryOptions = summarySettings.optionsForSampling(settings.chains());
        settings = settings.withSuperchainSize(Math.max(1, summaryOptions.superchainSize()));
        ConfiguredModel configured = ModelRegistry.configure(model, data, set);
        Model chosen = configured.model();
        Path directory = output != null ? output
                : Path.of("runs", chosen.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunProgress progress = RunProgress.of(chosen.name(), (long) settings.chains() * settings.draws());
        ModelRun.Outcome outcome;
        // The backend is chosen before the run directory is made, so a refused --backend cuda writes nothing.
        try (Backend device = Backends.choose(backend, Precision.parse(precision), chosen, out);
                ProgressBar bar = ProgressBar.start(progress, progressShown)) {
            Backends.sayMatrixProducts(device, chosen, spec.commandLine().getErr());
            outcome = ModelRun.run(new ModelRun.Request(configured, settings, directory, force, stanCsv)
                    .withSummary(summaryOptions), device, progress);
        }
        RunSummary summary = outcome.summary();
        out.print(outcome.headline());
        out.print(summary.table());
        out.print(summary.warnings());
        out.print(ExactComparison.lines(summary, chosen.exact().orElse(null), chosen.funnel().orElse(null)));
        out.printf("wrote %s%n", directory);
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
