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
            double gradientsPerSecond, double divergentFraction) implements Outcome {
    }

    /** Refused by the compiler (an unsupported feature or a program error), or failed while sampling. */
    public record Refused(String posterior, String stage, String reason) implements Outcome {
    }

    /** Compiled, but one gradient costs more than the sweep allows: not sampled. */
    public record TooSlow(String posterior, int dimension, double compileSeconds, double gradientSeconds)
            implements Outcome {
    }

    private ProgramSweep() {
    }

    /** Compiles and samples the program of {@code folder} (model.stan, data.json). */
    public static Outcome run(Path folder, SamplerSettings settings) {
        return run(folder, settings, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #run(Path, SamplerSettings)}, but a program whose gradient takes longer than
     * {@code maxGradientSeconds} (timed at a random point) is only compiled, so that one slow program cannot hold
     * up a sweep of many.
     */
    public static Outcome run(Path folder, SamplerSettings settings, double maxGradientSeconds) {
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
        double gradientSeconds = gradientSeconds(model);
        if (gradientSeconds > maxGradientSeconds) {
            return new TooSlow(posterior, model.dimension(), compileSeconds, gradientSeconds);
        }
        try {
            DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
            SamplingResult result = new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
            double divergent = (double) table.divergences().size() / ((long) settings.chains() * settings.draws());
            return new Sampled(posterior, model.dimension(), compileSeconds, result.seconds(),
                    result.gradientsPerSecond(), divergent);
        } catch (RuntimeException e) {
            return new Refused(posterior, "sample", firstLine(String.valueOf(e.getMessage())));
        }
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
        out.append(String.format(Locale.ROOT, "%-45s %-8s %5s %9s %9s %12s %9s  %s%n", "posterior", "result", "dim",
                "compile_s", "sample_s", "gradients/s", "divergent", "reason"));
        int sampled = 0;
        int slow = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (o instanceof TooSlow t) {
                out.append(String.format(Locale.ROOT, "%-45s %-8s %5d %9.2f %9s %12s %9s  %s%n", t.posterior(),
                        "compiled", t.dimension(), t.compileSeconds(), "", "", "", String.format(Locale.ROOT,
                                "not sampled: %.1f ms a gradient", 1e3 * t.gradientSeconds())));
                slow++;
            } else if (o instanceof Sampled s) {
                sampled++;
                out.append(String.format(Locale.ROOT, "%-45s %-8s %5d %9.2f %9.2f %12.4g %8.1f%%%n", s.posterior(),
                        "sampled", s.dimension(), s.compileSeconds(), s.seconds(), s.gradientsPerSecond(),
                        100.0 * s.divergentFraction()));
            } else {
                Refused r = (Refused) o;
                out.append(String.format(Locale.ROOT, "%-45s %-8s %5s %9s %9s %12s %9s  %s%n", r.posterior(),
                        r.stage().equals("compile") ? "refused" : "failed", "", "", "", "", "", r.reason()));
                reasons.merge(r.stage() + ": " + r.reason().replaceAll("\"[^\"]*\"", "\"...\""), 1, Integer::sum);
            }
        }
        out.append(String.format(Locale.ROOT, "%d of %d programs compiled and sampled%s%n", sampled, outcomes.size(),
                slow == 0 ? "" : String.format(Locale.ROOT, "; %d more compiled but too slow a gradient to sample here",
                        slow)));
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
    public static List<Outcome> runAll(List<Path> folders, SamplerSettings settings, double maxGradientSeconds,
            java.util.function.Consumer<Outcome> progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path folder : folders) {
            Outcome o = run(folder, settings, maxGradientSeconds);
            outcomes.add(o);
            progress.accept(o);
        }
        return outcomes;
    }
}
