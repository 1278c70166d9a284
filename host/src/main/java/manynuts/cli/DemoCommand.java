package manynuts.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.Precision;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.nuts.SamplerSettings;
import manynuts.run.ModelRun;
import manynuts.run.RunBudget;
import manynuts.run.RunProgress;
import manynuts.report.Figure;
import manynuts.report.HtmlReport;
import manynuts.report.ReportedRun;
import manynuts.report.HeadlineCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the eight schools notebook end to end. Samples the centered and the non-centered model, prints
 * both summaries, their divergences and E[log tau] against the exact value, and writes the two-run report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Eight schools, centered against non-centered (the funnel and its divergences): sample both, "
                + "print their summaries and E[log tau] against the exact value, and write an HTML report.")
final class DemoCommand implements Callable<Integer> {
    /** The two models, in the order they run. */
    private static final List<String> MODELS = List.of(EightSchoolsCentered.NAME, EightSchoolsNonCentered.NAME);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--chains"}, defaultValue = "64", description = "Chains per model (default: ${DEFAULT-VALUE}).")
    int chains;

    @Option(names = "--warmup", defaultValue = "1000", description = "Warm-up iterations per chain (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--draws", defaultValue = "1000", description = "Draws per chain (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "20260101", description = "Random seed, shared by both models (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    private DeviceOptions deviceOptions = new DeviceOptions("cpu");

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: runs/demo-TIMESTAMP).")
    Path output;

    @Option(names = "--figures", paramLabel = "FIGURES", description = "Also write every figure of the report as a "
            + "PNG file in FIGURES, e.g. for a paper (default: none; report.html needs no other file).")
    Path figures;

    @Option(names = "--force", description = "Overwrite an existing output directory.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors: no progress bar or summaries (the "
            + "runs and the report are written all the same).")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = quiet ? Quiet.writer() : spec.commandLine().getOut();
        long start = System.nanoTime();
        SamplerSettings settings = SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws)
                .withThreads(deviceOptions.threads());
        Path directory = output != null ? output
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        refuseToOverwrite(directory);
        ReportCommand.refuseFigures(figures);
        Precision state = deviceOptions.precision();
        try (Backend device = Backends.choose(deviceOptions.backend(), state, out)) {
            budget(settings, directory, device).check(directory);
            Files.createDirectories(directory);
            return run(out, settings, directory, device, start);
        }
    }

    private int run(PrintWriter out, SamplerSettings settings, Path directory, Backend device, long start)
            throws IOException {

        out.printf(Locale.ROOT, "manynuts demo: eight schools (Rubin 1981; BDA section 5.5), centered against "
                + "non-centered%n%d chains x %d warm-up x %d draws per model, seed %d, %d threads; output in %s%n%n",
                settings.chains(), settings.warmup(), settings.draws(), settings.seed(), settings.threads(), directory);
        out.flush();
        List<ReportedRun> runs = new ArrayList<>();
        for (String name : MODELS) {
            Model model = ModelRegistry.create(name, HierarchicalNormalData.eightSchools());
            Path runDirectory = runDirectory(directory, name);
            out.printf("sampling %s into %s%n", model.name(), runDirectory);
            out.flush();
            RunProgress progress = RunProgress.of(model.name(), (long) settings.chains() * settings.draws(),
                    (long) settings.chains() * settings.warmup());
            ModelRun.Outcome outcome;
            try (ProgressBar bar = ProgressBar.start(progress, quiet ? ProgressBar.Mode.NEVER : ProgressBar.Mode.AUTO)) {
                // The report needs both runs' draws in memory; the budget above counted them there.
                outcome = ModelRun.run(new ModelRun.Request(model, null, settings, runDirectory, force, false),
                        device, progress, Long.MAX_VALUE);
            }
            ReportedRun run = ReportedRun.of(outcome);
            runs.add(run);
            out.print(outcome.headline());
            out.print(outcome.summary().table());
            out.print(outcome.summary().warnings());
            SamplerDiagnostics sampler = outcome.summary().sampler();
            out.printf(Locale.ROOT, "number of divergent draws: %d%npercentage of divergent draws: %s%n",
                    sampler.divergences(), sampler.divergenceShare());
            out.println(run.headlineCheck().describe());
            out.println();
            out.flush();
        }
        out.print(comparison(runs));
        Path page = directory.resolve("report.html");
        List<Figure> written = HtmlReport.write(page, runs, figures);
        out.printf(Locale.ROOT, "%n%s (%.0f s in all)%n", ReportCommand.wrote(page, written.size(), figures),
                (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    /** Both runs, one after the other, each kept for the report: checked before anything is written. */
    private RunBudget budget(SamplerSettings settings, Path directory, Backend device) {
        RunBudget both = null;
        for (String name : MODELS) {
            Model model = ModelRegistry.create(name, HierarchicalNormalData.eightSchools());
            RunBudget one = RunBudget.of(new ModelRun.Request(model, null, settings, runDirectory(directory, name),
                    force, false), device, Long.MAX_VALUE);
            // The models run one after the other, so each has the device's memory to itself.
            device.checkCapacity(model, settings.chains(), settings.maxDepth());
            both = both == null ? one : both.andThen(one);
        }
        return both;
    }

    private static Path runDirectory(Path directory, String model) {
        return directory.resolve(model.replaceFirst("^eight_schools_", ""));
    }

    private void refuseToOverwrite(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageException("output " + directory + " exists and is not a directory");
        }
        if (Files.isDirectory(directory) && !force) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("output directory " + directory
                            + " is not empty; pass --force to overwrite it or choose another --output");
                }
            }
        }
    }

    /** The seed notebook's closing comparison: divergences and E[log tau] of both models in one table. */
    static String comparison(List<ReportedRun> runs) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-12s %10s %9s %11s %9s %9s %8s%n",
                "model", "divergent", "percent", "E[log tau]", "MCSE", "exact", "err/MCSE"));
        for (ReportedRun run : runs) {
            SamplerDiagnostics sampler = run.summary().sampler();
            HeadlineCheck check = run.headlineCheck();
            table.append(String.format(Locale.ROOT, "%-12s %10d %9s %11.4f %9.4f %9.4f %+8.1f%n", run.shortName(),
                    sampler.divergences(), sampler.divergenceShare(), check.estimate(), check.mcse(), check.exact(),
                    check.standardised()));
        }
        return table.toString();
    }
}
