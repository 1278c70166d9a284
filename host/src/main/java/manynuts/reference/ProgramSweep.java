package manynuts.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.nuts.SamplerStats;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.UniformStream;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.stan.syntax.StanException;
import manynuts.models.stan.StanModels;
import manynuts.nuts.Divergence;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplingResult;
import manynuts.nuts.StopRequest;
import manynuts.output.DrawTable;

/**
 * Every program of a folder of posteriordb posteriors compiled with its data and sampled briefly: which compile,
 * which sample, and for each one refused the one line that names what it needs.
 */
public final class ProgramSweep {

    /** One program's outcome. */
    public sealed interface Outcome {
        String posterior();
    }

    /**
     * Compiled and sampled.
     *
     * @param draws       draws per chain asked for
     * @param drawsKept   draws of the chain that made fewest, all of them unless the run was stopped; the
     *                    diagnostics are over this many draws of every chain
     * @param divergences divergent transitions after warm-up
     * @param convergence the worst R-hat and bulk ESS over the outputs
     * @param comparison  the means against a posterior known without sampling, where there is one
     */
    public record Sampled(String posterior, int dimension, double compileSeconds, double seconds,
            double gradientsPerSecond, int chains, int warmup, int draws, int drawsKept, int divergences,
            Convergence convergence, Optional<KnownComparison> comparison, boolean stoppedAtLimit)
            implements Outcome {

        /** Divergent transitions as a fraction of the draws kept. */
        public double divergentFraction() {
            return drawsKept == 0 ? 0.0 : (double) divergences / ((long) chains * drawsKept);
        }
    }

    /**
     * The largest R-hat and the smallest bulk ESS over a run's outputs and which output each is; NaN and null where
     * no output has one (too few draws, or every output constant).
     */
    public record Convergence(String rhatOutput, double maxRhat, String essOutput, double minEssBulk) {

        /** Over the summaries, skipping the NA (NaN) of constant outputs. */
        static Convergence of(List<ParameterSummary> summaries) {
            String rhatOutput = null;
            String essOutput = null;
            double maxRhat = Double.NaN;
            double minEss = Double.NaN;
            for (ParameterSummary s : summaries) {
                if (!Double.isNaN(s.rhat()) && (rhatOutput == null || s.rhat() > maxRhat)) {
                    rhatOutput = s.name();
                    maxRhat = s.rhat();
                }
                if (!Double.isNaN(s.essBulk()) && (essOutput == null || s.essBulk() < minEss)) {
                    essOutput = s.name();
                    minEss = s.essBulk();
                }
            }
            return new Convergence(rhatOutput, maxRhat, essOutput, minEss);
        }
    }

    /** Refused by the compiler (an unsupported feature or a program error), or failed while sampling. */
    public record Refused(String posterior, String stage, String reason) implements Outcome {
    }

    private ProgramSweep() {
    }

    /** Compiles and samples the program of {@code folder} (model.stan, data.json). */
    public static Outcome run(Path folder, SamplerSettings settings) {
        return run(folder, settings, Double.POSITIVE_INFINITY);
    }

    /** Gradients one NUTS iteration is assumed to take when sizing a run to a budget: a tree of depth five. */
    static final int GRADIENTS_PER_ITERATION = 32;

    /** A run still going after this many times its budget (or a second) is stopped where its chains stand. */
    static final int LIMIT_FACTOR = 3;

    /** The fewest warm-up iterations and draws a run is cut down to, whatever the budget. */
    static final int FEWEST_ITERATIONS = 10;

    /**
     * As {@link #run(Path, SamplerSettings)}, but a program whose run would take longer than {@code budgetSeconds}
     * (its gradient timed at a random point, {@link #GRADIENTS_PER_ITERATION} gradients an iteration) is sampled
     * with fewer warm-up iterations and draws, in proportion, so that one slow program cannot hold up a sweep of
     * many and yet is sampled.
     */
    public static Outcome run(Path folder, SamplerSettings settings, double budgetSeconds) {
        String posterior = folder.getFileName().toString();
        long start = System.nanoTime();
        Model model;
        try {
            model = StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json"));
        } catch (StanException e) {
            return new Refused(posterior, "compile", e.reason());
        } catch (ModelException e) {
            return new Refused(posterior, "compile", firstLine(e.getMessage()));
        }
        double compileSeconds = (System.nanoTime() - start) / 1e9;
        settings = withinBudget(settings, gradientSeconds(model), budgetSeconds);
        try {
            DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
            CountingSink counted = new CountingSink(table, settings.chains());
            StopRequest stop = new StopRequest();
            java.util.Timer timer = new java.util.Timer("sweep-limit", true);
            if (Double.isFinite(budgetSeconds)) {
                timer.schedule(new java.util.TimerTask() {
                    @Override
                    public void run() {
                        stop.request("over " + LIMIT_FACTOR + " times the budget");
                    }
                }, (long) Math.ceil(1e3 * LIMIT_FACTOR * Math.max(budgetSeconds, 1.0)));
            }
            SamplingResult result;
            try {
                result = new Sampler(model, new CpuBackend(), settings).run(counted, new AtomicLong(), null, stop);
            } finally {
                timer.cancel();
            }
            int kept = counted.fewestDraws();
            Map<String, double[][]> outputs = new LinkedHashMap<>();
            for (int column = 0; column < table.outputCount(); column++) {
                outputs.put(table.columns().get(column), firstDraws(table.column(column), kept));
            }
            List<String> names = new ArrayList<>(outputs.keySet());
            List<ParameterSummary> summaries = kept < 4 ? List.of() : Summaries.summarise(names,
                    names.stream().map(outputs::get).toList(),
                    SummaryOptions.defaults().withThreads(settings.threads()));
            Optional<KnownComparison> comparison = summaries.isEmpty() ? Optional.empty()
                    : KnownPosteriors.of(folder).map(known -> KnownComparison.of(known, summaries));
            int divergences = (int) table.divergences().stream().filter(d -> d.draw() < kept).count();
            return new Sampled(posterior, model.dimension(), compileSeconds, result.seconds(),
                    result.gradientsPerSecond(), settings.chains(), settings.warmup(), settings.draws(), kept,
                    divergences, Convergence.of(summaries), comparison, stop.requested());
        } catch (RuntimeException e) {
            return new Refused(posterior, "sample", firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** The first {@code draws} draws of each chain. */
    private static double[][] firstDraws(double[][] chains, int draws) {
        double[][] kept = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            kept[c] = chains[c].length == draws ? chains[c] : Arrays.copyOf(chains[c], draws);
        }
        return kept;
    }

    /** Passes draws on and counts each chain's, so that a stopped run is summarised over the draws it made. */
    private static final class CountingSink implements DrawSink {
        private final DrawTable table;
        private final AtomicIntegerArray made;

        CountingSink(DrawTable table, int chains) {
            this.table = table;
            this.made = new AtomicIntegerArray(chains);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            table.draw(chain, draw, position, stats);
            made.accumulateAndGet(chain, draw + 1, Math::max);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
            table.draw(chain, draw, position, stats, random);
            made.accumulateAndGet(chain, draw + 1, Math::max);
        }

        @Override
        public void divergence(Divergence divergence) {
            table.divergence(divergence);
        }

        int fewestDraws() {
            int fewest = Integer.MAX_VALUE;
            for (int c = 0; c < made.length(); c++) {
                fewest = Math.min(fewest, made.get(c));
            }
            return fewest;
        }
    }

    /**
     * {@code settings} with warm-up and draws scaled down alike so that the estimated time, chains run side by side
     * on the settings' threads, fits {@code budgetSeconds}; never below {@link #FEWEST_ITERATIONS} each.
     */
    static SamplerSettings withinBudget(SamplerSettings settings, double gradientSeconds, double budgetSeconds) {
        double rounds = Math.ceil((double) settings.chains() / Math.max(1, settings.threads()));
        double estimate = gradientSeconds * GRADIENTS_PER_ITERATION * rounds
                * (settings.warmup() + settings.draws());
        if (!(estimate > budgetSeconds)) {
            return settings;
        }
        double scale = budgetSeconds / estimate;
        return settings.withWarmup(Math.max(Math.min(FEWEST_ITERATIONS, settings.warmup()),
                (int) (settings.warmup() * scale))).withDraws(Math.max(Math.min(FEWEST_ITERATIONS, settings.draws()),
                        (int) (settings.draws() * scale)));
    }

    /** The time of one gradient at a random point uniform in (-2, 2), the best of three after a first call. */
    private static double gradientSeconds(Model model) {
        java.util.Random random = new java.util.Random(1);
        double[] u = new double[model.dimension()];
        double[] g = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = 4.0 * random.nextDouble() - 2.0;
        }
        model.logDensityGradientAt(u, 0, g, new double[1]);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            long start = System.nanoTime();
            model.logDensityGradientAt(u, 0, g, new double[1]);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }

    /** The outcomes as an aligned table, then the counts and the refusals grouped by reason. */
    public static String table(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-45s %-8s %5s %9s %9s %12s %9s %11s  %s%n", "posterior", "result",
                "dim", "compile_s", "sample_s", "gradients/s", "divergent", "warmup+draw", "reason"));
        int sampled = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (o instanceof Sampled s) {
                sampled++;
                out.append(String.format(Locale.ROOT, "%-45s %-8s %5d %9.2f %9.2f %12.4g %8.1f%% %11s%n",
                        s.posterior(), "sampled", s.dimension(), s.compileSeconds(), s.seconds(),
                        s.gradientsPerSecond(), 100.0 * s.divergentFraction(), s.warmup() + "+" + s.draws()
                                + (s.stoppedAtLimit() ? " stopped at " + s.drawsKept() : "")));
            } else {
                Refused r = (Refused) o;
                out.append(String.format(Locale.ROOT, "%-45s %-8s %5s %9s %9s %12s %9s %11s  %s%n", r.posterior(),
                        r.stage().equals("compile") ? "refused" : "failed", "", "", "", "", "", "", r.reason()));
                reasons.merge(r.stage() + ": " + r.reason().replaceAll("\"[^\"]*\"", "\"...\""), 1, Integer::sum);
            }
        }
        out.append(String.format(Locale.ROOT, "%d of %d programs compiled and sampled%n", sampled, outcomes.size()));
        reasons.forEach((reason, count) -> out.append(String.format(Locale.ROOT, "  %3d  %s%n", count, reason)));
        return out.toString();
    }

    /** The folders directly under {@code directory} holding a model.stan, in order of name. */
    public static List<Path> programFolders(Path directory) {
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(directory)) {
            return entries.filter(f -> java.nio.file.Files.isRegularFile(f.resolve("model.stan"))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new ReferenceInputException(directory + ": cannot list the program folders (" + e.getMessage()
                    + ")");
        }
    }

    /** Outcomes of every folder in {@code folders}, printed as they come by {@code progress}. */
    public static List<Outcome> runAll(List<Path> folders, SamplerSettings settings, double budgetSeconds,
            java.util.function.Consumer<Outcome> progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path folder : folders) {
            Outcome o = run(folder, settings, budgetSeconds);
            outcomes.add(o);
            progress.accept(o);
        }
        return outcomes;
    }
}
