package manynuts.reference;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import manynuts.backend.cpu.CpuBackend;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.Model;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplingResult;
import manynuts.output.DrawTable;

/** Samples a model on the CPU backend and compares its draws with a posteriordb reference folder, giving one row. */
public final class ReferenceRun {

    private ReferenceRun() {
    }

    /**
     * Samples {@code model} with Stan's default settings but for those given, and compares it with
     * {@code folder}'s reference draws.
     *
     * @param threads sampler threads, and the summaries' workers
     * @throws ReferenceInputException when the reference cannot be read, before any sampling
     */
    public static ReferenceRow.Compared run(Path folder, Model model, int chains, int warmup, int draws, long seed,
            int threads) {
        SamplerSettings settings = SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws)
                .withThreads(threads);
        return run(folder, model, settings);
    }

    /** As {@link #run(Path, Model, int, int, int, long, int)}, with every sampler setting given. */
    public static ReferenceRow.Compared run(Path folder, Model model, SamplerSettings settings) {
        ReferencePosterior reference = ReferencePosterior.read(folder);
        DrawTable table = new DrawTable(model, settings.chains(), settings.draws());
        SamplingResult result = new Sampler(model, new CpuBackend(), settings).run(table, new AtomicLong());
        ReferenceComparison comparison = ReferenceComparison.compare(table, reference,
                SummaryOptions.defaults().withThreads(settings.threads()));
        return new ReferenceRow.Compared(comparison, settings.chains(), settings.draws(), result.seconds(),
                result.gradientsPerSecond());
    }

    /**
     * Builds the folder's model with {@code compile} (e.g. from its {@code model.stan} and {@code data.json}), runs
     * and compares it; any failure on the way becomes a {@link ReferenceRow.Failed} row with its one-line reason, so
     * that a loop over many folders goes on.
     */
    public static ReferenceRow attempt(Path folder, Function<Path, Model> compile, SamplerSettings settings) {
        String posterior = folder.toAbsolutePath().normalize().getFileName().toString();
        try {
            return run(folder, compile.apply(folder), settings);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            return new ReferenceRow.Failed(posterior, message.strip().replaceAll("\\s*\\R\\s*", " "));
        }
    }
}
