package manynuts.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.Backend;
import manynuts.backend.Backends;
import manynuts.diagnostics.ConvergenceDiagnostics;
import manynuts.models.Model;
import manynuts.models.ModelRegistry;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: sampler throughput against the number of chains, measured side by side in one process. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure chain-gradients per second, draws per second and lane utilisation of a model "
                + "at several chain counts, in one run, with no output files; bulk ESS of tau_log per core-second "
                + "counts the whole run, warm-up included.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, defaultValue = "eight_schools_noncentered", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--chains", split = ",", defaultValue = "1,64,1024,16384", description = "Chain counts (default: ${DEFAULT-VALUE}).")
    List<Integer> chainCounts;

    @Option(names = "--warmup", defaultValue = "1000", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--draws", defaultValue = "1000", description = "Draws per chain (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--threads", description = "CPU threads (default: every core).")
    Integer threads;

    @Option(names = "--backend", defaultValue = "auto", description = "auto (a CUDA device if one answers, else the CPU), cpu or cuda (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--seed", defaultValue = "20260101", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Model chosen = ModelRegistry.create(model);
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (Backend device = Backends.choose(backend, out)) {
            run(chosen, device, cores, out);
        }
        return 0;
    }

    private void run(Model chosen, Backend device, int cores, PrintWriter out) {
        out.printf(Locale.ROOT, "# %s, %s backend, %d threads, warm-up %d, draws %d%n", chosen.name(), device.name(),
                cores, warmup, draws);
        out.printf(Locale.ROOT, "%8s %10s %14s %14s %12s %12s %14s %14s%n", "chains", "seconds", "gradients/s",
                "grad/s/core", "draws/s", "utilisation", "ess_bulk(" + TRACKED + ")", "ess/core-s");
        for (int chains : chainCounts) {
            SamplerSettings settings = SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws)
                    .withThreads(cores);
            TrackingSink sink = new TrackingSink(chosen, chains, draws);
            SamplingResult result = new Sampler(chosen, device, settings).run(sink, new AtomicLong());
            double ess = ConvergenceDiagnostics.essBulk(sink.draws);
            out.printf(Locale.ROOT, "%8d %10.2f %14.4g %14.4g %12.4g %12.3f %14.1f %14.1f%n", chains, result.seconds(),
                    result.gradientsPerSecond(), result.gradientsPerSecond() / cores,
                    (double) chains * draws / result.seconds(), result.laneUtilisation(), ess,
                    ess / (result.seconds() * cores));
            out.flush();
        }
    }

    /** The output whose bulk ESS the benchmark reports. */
    private static final String TRACKED = "tau_log";

    /** Keeps one output's draws, for its bulk ESS, and nothing else. */
    private static final class TrackingSink implements DrawSink {
        final double[][] draws;
        private final Model model;
        private final int index;
        private final ThreadLocal<double[]> buffer;

        TrackingSink(Model model, int chains, int draws) {
            this.model = model;
            this.index = model.outputNames().indexOf(TRACKED);
            if (index < 0) {
                throw new IllegalArgumentException("model " + model.name() + " has no output " + TRACKED);
            }
            this.draws = new double[chains][draws];
            this.buffer = ThreadLocal.withInitial(() -> new double[model.outputNames().size()]);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            double[] outputs = buffer.get();
            model.outputs(position, outputs);
            draws[chain][draw] = outputs[index];
        }
    }
}
