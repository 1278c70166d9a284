package manynuts.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.stan.StanException;
import manynuts.models.stan.StanModels;
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

    /** Compiled and sampled. */
    public record Sampled(String posterior, int dimension, double compileSeconds, double seconds,
            double gradientsPerSecond, double divergentFraction, int warmup, int draws, boolean stoppedAtLimit)
            implements Outcome {
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
                result = new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong(), null, stop);
            } finally {
                timer.cancel();
            }
            double divergent = (double) table.divergences().size() / ((long) settings.chains() * settings.draws());
            return new Sampled(posterior, model.dimension(), compileSeconds, result.seconds(),
                    result.gradientsPerSecond(), divergent, settings.warmup(), settings.draws(),
                    stop.requested());
        } catch (RuntimeException e) {
            return new Refused(posterior, "sample", firstLine(String.valueOf(e.getMessage())));
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
                                + (s.stoppedAtLimit() ? " stopped" : "")));
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
