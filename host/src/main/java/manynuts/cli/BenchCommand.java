package manynuts.cli;

import java.io.IOException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.cpu.CpuBackend;
import manynuts.backend.TreeBuilding;
import manynuts.bench.PosteriorColumns;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.Model;
import manynuts.models.registry.ModelRegistry;
import manynuts.models.stan.StanModel;
import manynuts.nuts.FiniteStart;
import manynuts.nuts.SamplerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import manynuts.bench.PosteriorReference;
import manynuts.bench.StanReference;
import manynuts.bench.Throughput;
import manynuts.bench.Throughput.Compared;
import manynuts.bench.Throughput.Failed;
import manynuts.bench.Throughput.Measurement;
import manynuts.bench.Throughput.PosteriorRun;
import manynuts.bench.Throughput.Row;
import manynuts.bench.ThroughputPlot;

/** {@code bench}: sampler throughput against the number of chains (and warm-up length), side by side in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure chain-gradients per second, draws per second, minimum bulk ESS per core-second "
                + "(over every output, the whole run's time, warm-up included), lane utilisation (useful "
                + "chain-steps over the lanes a GPU pays in warps of 32 chains, on any backend), peak heap, "
                + "and the seconds the whole summary of the draws takes (summary_s, and as a percentage of the "
                + "sampling time), at several chain counts and warm-up lengths, in one run, with no output files "
                + "unless asked.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, defaultValue = "eight_schools_noncentered", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    private ModelData modelData = new ModelData();

    @Option(names = "--chains", split = ",", defaultValue = "1,64,1024,16384", description = "Chain counts (default: ${DEFAULT-VALUE}).")
    List<Integer> chainCounts;

    @Option(names = "--warmup", split = ",", defaultValue = "1000", description = "Warm-up lengths (default: ${DEFAULT-VALUE}).")
    List<Integer> warmups;

    @Option(names = "--draws", defaultValue = "1000", description = "Draws per chain (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--pooled-metric", description = "Estimate one mass matrix from the warm-up draws of all chains.")
    boolean pooledMetric;

    @Mixin
    private DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = "--ranks", paramLabel = "MODE", defaultValue = "auto",
            description = "Ranks of the timed summary, as for diagnose: exact, binned or auto (default: ${DEFAULT-VALUE}).")
    String ranks;

    @Option(names = "--trees", split = ",", defaultValue = "device", paramLabel = "WHERE",
            description = "Where a CUDA backend builds the trees, warm-up's included: device (the state machine on the "
                    + "device, many leapfrog steps per launch) or host (one leapfrog step per launch); host,device "
                    + "measures both, row by row (default: ${DEFAULT-VALUE}).")
    List<String> trees;

    @Option(names = "--seed", defaultValue = "20260101", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw throughput against chains, log-log, as PNG.")
    Path plot;

    @Option(names = "--json", description = "Print one JSON document (schema manynuts.bench, see docs/json.md) on "
            + "stdout; the tables go to stderr.")
    boolean json;

    @Option(names = "--compare-stan", description = "Run Stan (rstan) on the same machine and print the ratios.")
    boolean compareStan;

    @Option(names = "--stan-chains", defaultValue = "4", description = "Chains of the Stan run (default: ${DEFAULT-VALUE}).")
    int stanChains;

    @Option(names = "--stan-script", defaultValue = "../shared/bench/stan-eight-schools.R", paramLabel = "FILE",
            description = "Stan reference script (default: ${DEFAULT-VALUE}).")
    Path stanScript;

    @Option(names = "--compare-posterior", description = "Also summarise each row's draws with the posterior R "
            + "package (summarise_draws, the same statistics but the HDI, on the same cores) and print its seconds "
            + "against ours and the largest relative difference between the two summaries. Slow at many chains: "
            + "posterior needs about 10 microseconds per draw and core (6.5 minutes for 4,096 chains x 1,000 draws x "
            + "19 outputs on 2 cores, with 3.4 GB per R worker), so keep --chains to a few thousand; the draws go "
            + "through a temporary file of 8 bytes per value (each draw of each output). A row posterior fails on says why in the table, and "
            + "the bench then exits with status 1.")
    boolean comparePosterior;

    @Option(names = "--against", paramLabel = "MODEL", description = "Also run MODEL (built with the same --data) "
            + "at every row, each row's two runs back to back, and print the ratio of their gradients per second: "
            + "e.g. a Stan program against the hand-written model it replaces.")
    String against;

    @Option(names = "--rscript", defaultValue = "Rscript", paramLabel = "PROGRAM",
            description = "R's script runner for --compare-posterior and --compare-stan (default: ${DEFAULT-VALUE}).")
    String rscript;

    @Override
    public Integer call() throws IOException {
        // With --json, stdout holds the document alone; the tables, read as they come, go to stderr.
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Model chosen = ModelRegistry.configure(model, modelData.file(), modelData.settings()).model();
        FiniteStart.require(chosen, modelData.file(), SamplerSettings.defaults(1, seed));
        Model other = against == null ? null : ModelRegistry.configure(against, modelData.file(), Map.of()).model();
        if (compareStan && !chosen.name().startsWith("eight_schools_") && !(chosen instanceof StanModel)) {
            throw new UsageException("--compare-stan: the Stan reference script runs eight schools only, not "
                    + chosen.name());
        }
        int cores = deviceOptions.threads();
        SummaryOptions summaryOptions = SummaryOptions.defaults().withThreads(cores)
                .withRanks(SummaryOptions.Ranks.parse(ranks));
        // Every configuration is checked before the first one runs, so a bad value costs no sampling time.
        String posteriorVersion = comparePosterior ? PosteriorReference.version(rscript) : null;
        Throughput throughput = new Throughput(draws, seed, pooledMetric);
        for (int warmup : warmups) {
            for (int chains : chainCounts) {
                throughput.settings(chains, warmup, cores);
            }
        }
        List<TreeBuilding> treeBuildings = new ArrayList<>();
        for (String where : trees) {
            treeBuildings.add(TreeBuilding.parse(where));
        }
        List<Row> rows = new ArrayList<>();
        List<Row> otherRows = new ArrayList<>();
        String backendName;
        try (Backend device = Backends.choose(deviceOptions.backend(), deviceOptions.precision(), chosen, out)) {
            backendName = device.name();
            Backends.sayMatrixProducts(device, chosen, spec.commandLine().getErr());
            out.printf(Locale.ROOT, "# %s, %s backend, %d threads, %d draws per chain%s%n", chosen.name(), device.name(),
                    cores, draws, pooledMetric ? ", pooled metric" : "");
            if (!(device instanceof CpuBackend)) {
                out.printf(Locale.ROOT, "# per core = per host thread driving the device(s): compare gradients/s%n");
            }
            out.printf(Locale.ROOT, "%8s %7s %9s %12s %12s %10s %6s %12s %10s %11s %9s %10s %9s %7s%n", "chains",
                    "warmup", "seconds", "gradients/s", "grad/s/core", "draws/s", "util", "min_ess_bulk", "parameter",
                    "ess/core-s", "heap_MiB", "summary_s", "summary_%", "trees");
            for (int warmup : warmups) {
                for (int chains : chainCounts) {
                    // Each tree building in turn at the same size, so that they are measured side by side.
                    for (TreeBuilding where : treeBuildings) {
                        device.setTreeBuilding(where);
                        Measurement measurement = throughput.measure(chosen, device, cores, chains, warmup,
                                summaryOptions);
                        Row row = measurement.row();
                        out.printf(Locale.ROOT,
                                "%8d %7d %9.2f %12.4g %12.4g %10.4g %6.3f %12.1f %10s %11.1f %9.0f %10.2f %9.1f %7s%n",
                                row.chains(), row.warmup(), row.seconds(), row.gradientsPerSecond(),
                                row.gradientsPerSecondPerCore(), row.drawsPerSecond(), row.utilisation(),
                                row.minEssBulk(), row.minEssParameter(), row.minEssPerCoreSecond(), row.peakHeapMiB(),
                                row.summarySeconds(), 100.0 * row.summarySeconds() / row.seconds(),
                                row.trees().label());
                        out.flush();
                        rows.add(comparePosterior ? row.withPosterior(posteriorRun(chosen, measurement, cores)) : row);
                        if (other != null) {
                            otherRows.add(throughput.measure(other, device, cores, chains, warmup, summaryOptions)
                                    .row());
                        }
                    }
                }
            }
        }
        if (comparePosterior) {
            printPosterior(out, posteriorVersion, rows);
        }
        if (other != null) {
            out.printf(Locale.ROOT, "# %s against %s, measured back to back%n", chosen.name(), other.name());
            out.printf(Locale.ROOT, "%8s %7s %14s %14s %8s%n", "chains", "warmup", "gradients/s", "against", "ratio");
            for (int k = 0; k < rows.size(); k++) {
                Row row = rows.get(k);
                Row theirs = otherRows.get(k);
                out.printf(Locale.ROOT, "%8d %7d %14.4g %14.4g %8.3f%n", row.chains(), row.warmup(),
                        row.gradientsPerSecond(), theirs.gradientsPerSecond(),
                        row.gradientsPerSecond() / theirs.gradientsPerSecond());
            }
        }
        if (csv != null) {
            writeCsv(rows);
        }
        if (json) {
            JsonDocument.print(document(chosen, other, backendName, cores, rows, otherRows),
                    spec.commandLine().getOut());
        }
        if (plot != null) {
            ThroughputPlot.write(plot, chosen.name(), rows);
        }
        if (compareStan) {
            int warmup = warmups.get(0);
            StanReference stan = chosen instanceof StanModel program
                    ? StanReference.runProgram(rscript, program.source(), modelData.file(), stanChains, warmup, draws)
                    : StanReference.run(rscript, stanScript, chosen.name(), stanChains, warmup, draws);
            out.printf(Locale.ROOT, "# Stan %s, %d chains, warm-up %d, draws %d, on this machine: %.4g gradients/s per core, "
                    + "min bulk ESS %.1f per core-second%n", stan.version(), stan.chains(), warmup, draws,
                    stan.gradientsPerSecondPerCore(), stan.minEssBulkPerCoreSecond());
            out.printf(Locale.ROOT, "%8s %7s %16s %16s%n", "chains", "warmup", "grad/s/core ratio", "ess/core-s ratio");
            for (Row row : rows) {
                out.printf(Locale.ROOT, "%8d %7d %16.2f %16.2f%n", row.chains(), row.warmup(),
                        row.gradientsPerSecondPerCore() / stan.gradientsPerSecondPerCore(),
                        row.minEssPerCoreSecond() / stan.minEssBulkPerCoreSecond());
            }
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        long disagreeing = rows.stream().filter(row -> row.posterior() instanceof Compared compared
                && compared.agreement().beyondTolerance() > 0).count();
        if (disagreeing > 0) {
            err.printf(Locale.ROOT, "warning: our summary and posterior's disagree in %d of %d rows (see the posterior "
                    + "table)%n", disagreeing, rows.size());
        }
        long failed = rows.stream().filter(row -> row.posterior() instanceof Failed).count();
        if (failed > 0) {
            err.printf(Locale.ROOT, "error: --compare-posterior failed for %d of %d rows (see the posterior table); "
                    + "the bench's own figures are complete%n", failed, rows.size());
            return Main.FAILED;
        }
        return 0;
    }

    /** The measured rows (and those of --against) as one JSON document. */
    private ObjectNode document(Model chosen, Model other, String backendName, int cores, List<Row> rows,
            List<Row> otherRows) {
        ObjectNode document = JsonDocument.of("bench");
        document.put("model", chosen.name());
        document.put("backend", backendName);
        document.put("threads", cores);
        document.put("draws", draws);
        document.put("pooled_metric", pooledMetric);
        putRows(document.putArray("rows"), rows);
        if (other != null) {
            document.put("against", other.name());
            putRows(document.putArray("against_rows"), otherRows);
        }
        return document;
    }

    private static void putRows(ArrayNode array, List<Row> rows) {
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("chains", row.chains());
            node.put("warmup", row.warmup());
            JsonDocument.putNumber(node, "seconds", row.seconds());
            JsonDocument.putNumber(node, "gradients_per_second", row.gradientsPerSecond());
            JsonDocument.putNumber(node, "gradients_per_second_per_core", row.gradientsPerSecondPerCore());
            JsonDocument.putNumber(node, "draws_per_second", row.drawsPerSecond());
            JsonDocument.putNumber(node, "lane_utilisation", row.utilisation());
            JsonDocument.putNumber(node, "min_ess_bulk", row.minEssBulk());
            node.put("min_ess_bulk_variable", row.minEssParameter());
            JsonDocument.putNumber(node, "min_ess_bulk_per_core_second", row.minEssPerCoreSecond());
            JsonDocument.putNumber(node, "peak_heap_mib", row.peakHeapMiB());
            JsonDocument.putNumber(node, "summary_seconds", row.summarySeconds());
            node.put("trees", row.trees().label());
        }
    }

    /** posterior's summary of a measured row, or the one line that says why there is none. */
    private PosteriorRun posteriorRun(Model chosen, Measurement measurement, int cores) {
        try {
            PosteriorReference reference = PosteriorReference.run(rscript, chosen.outputNames(), measurement.draws(),
                    cores);
            return new Compared(reference, PosteriorColumns.agreement(measurement.summaries(), reference.summary()));
        } catch (IOException | RuntimeException e) {
            return new Failed(Errors.oneLine(e));
        }
    }

    /** posterior's seconds on each row's draws against ours, side by side, and how far apart the summaries are. */
    private static void printPosterior(PrintWriter out, String version, List<Row> rows) {
        Compared any = rows.stream().map(Row::posterior).filter(Compared.class::isInstance).map(Compared.class::cast)
                .findFirst().orElse(null);
        String how = any == null ? "" : String.format(Locale.ROOT, " (R %s, %d cores)", any.reference().rVersion(),
                any.reference().cores());
        String statistics = any == null ? "" : " with the same " + any.reference().summary().columns().size()
                + " statistics per output";
        out.printf(Locale.ROOT, "# posterior %s%s on the same draws: summarise_draws%s; disagree counts values more "
                + "than %.0e apart relative to posterior's%n", version, how, statistics,
                PosteriorColumns.RELATIVE_TOLERANCE);
        if (!version.equals(PosteriorColumns.FOLLOWED_VERSION)) {
            out.printf(Locale.ROOT, "# note: the summary follows posterior %s; another version may differ by design%n",
                    PosteriorColumns.FOLLOWED_VERSION);
        }
        out.printf(Locale.ROOT, "%8s %7s %10s %12s %9s %13s %9s  %s%n", "chains", "warmup", "summary_s",
                "posterior_s", "x_faster", "max_rel_diff", "disagree", "at");
        for (Row row : rows) {
            if (row.posterior() instanceof Failed failed) {
                out.printf(Locale.ROOT, "%8d %7d %10.2f %12s %9s %13s %9s  failed: %s%n", row.chains(), row.warmup(),
                        row.summarySeconds(), "NA", "NA", "NA", "NA", failed.reason());
            } else if (row.posterior() instanceof Compared compared) {
                PosteriorColumns.Agreement agreement = compared.agreement();
                double seconds = compared.reference().seconds();
                out.printf(Locale.ROOT, "%8d %7d %10.2f %12.2f %9.1f %13s %9s  %s%n", row.chains(), row.warmup(),
                        row.summarySeconds(), seconds, seconds / row.summarySeconds(),
                        formattedDifference(agreement.maxRelativeDifference()),
                        agreement.beyondTolerance() + "/" + agreement.compared(),
                        agreement.where().isEmpty() ? "-" : agreement.where());
            }
        }
    }

    private void writeCsv(List<Row> rows) throws IOException {
        StringBuilder text = new StringBuilder("chains,warmup,seconds,gradients_per_second,gradients_per_second_per_core,"
                + "draws_per_second,lane_utilisation,min_ess_bulk,min_ess_parameter,min_ess_bulk_per_core_second,"
                + "peak_heap_mib,summary_seconds,posterior,posterior_seconds,posterior_max_relative_difference,"
                + "posterior_disagreeing,trees\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "%d,%d,%.4f,%.6g,%.6g,%.6g,%.4f,%.2f,%s,%.3f,%.1f,%.4f,%s,%s%n",
                    row.chains(), row.warmup(), row.seconds(), row.gradientsPerSecond(), row.gradientsPerSecondPerCore(),
                    row.drawsPerSecond(), row.utilisation(), row.minEssBulk(), row.minEssParameter(),
                    row.minEssPerCoreSecond(), row.peakHeapMiB(), row.summarySeconds(), posteriorFields(row),
                    row.trees().label()));
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
    }

    /** The posterior columns of a row: compared, failed or not asked for, then its seconds, difference and count. */
    private static String posteriorFields(Row row) {
        if (row.posterior() instanceof Compared compared) {
            return String.format(Locale.ROOT, "compared,%.4f,%s,%d", compared.reference().seconds(),
                    formattedDifference(compared.agreement().maxRelativeDifference()),
                    compared.agreement().beyondTolerance());
        }
        return row.posterior() instanceof Failed ? "failed,NA,NA,NA" : "not_run,NA,NA,NA";
    }

    /** A relative difference as R would write it: Inf where one side is NA and the other is not. */
    private static String formattedDifference(double value) {
        return Double.isInfinite(value) ? "Inf" : String.format(Locale.ROOT, "%.2e", value);
    }
}
