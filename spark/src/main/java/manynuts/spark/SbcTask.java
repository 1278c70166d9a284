package manynuts.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import manynuts.api.NutsSampler;
import manynuts.api.PosteriorModel;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * Simulation-based calibration of a range of datasets on an executor: each dataset is simulated from the prior,
 * sampled with the run's chains, and the true parameters ranked among the draws. A dataset's draws are counted as
 * they come and never kept, so memory is the chains' state.
 */
final class SbcTask implements Function<Shard, List<SbcRanks>> {
    private final ModelSource model;
    private final ModelSource generator;
    private final RunSettings settings;
    private final List<String> parameters;
    private final String backend;

    /**
     * @param model      the fitted model, with the fixed data
     * @param parameters the fitted model's outputs that are ranked, which the generator draws too
     */
    SbcTask(ModelSource model, ModelSource generator, RunSettings settings, List<String> parameters,
            String backend) {
        this.model = model;
        this.generator = generator;
        this.settings = settings;
        this.parameters = List.copyOf(parameters);
        this.backend = backend;
    }

    /** Ranks the datasets {@code shard.firstChain()} to {@code shard.firstChain() + shard.chains() - 1}. */
    @Override
    public List<SbcRanks> call(Shard shard) {
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : Math.max(1, task.cpus());
        PriorSimulation simulation = new PriorSimulation(generator, model.data(), settings.seed());
        List<SbcRanks> ranks = new ArrayList<>();
        for (int dataset = shard.firstChain(); dataset < shard.firstChain() + shard.chains(); dataset++) {
            ranks.add(rank(simulation, dataset, threads));
        }
        return ranks;
    }

    private SbcRanks rank(PriorSimulation simulation, int dataset, int threads) {
        Map<String, Double> simulated = simulation.simulate(dataset);
        PosteriorModel fitted = model.withData(simulation.data(simulated, parameters)).load();
        int[] columns = new int[parameters.size()];
        double[] truths = new double[parameters.size()];
        for (int p = 0; p < columns.length; p++) {
            columns[p] = fitted.columns().indexOf(parameters.get(p));
            truths[p] = simulated.get(parameters.get(p));
        }
        int divergent = fitted.columns().indexOf("divergent__");
        // Each dataset its own seed, so that no two datasets' chains share random streams.
        NutsSampler sampler = new RunSettings(settings.chains(), settings.warmup(), settings.draws(), settings.thin(),
                settings.seed() + 1 + dataset, settings.targetAccept(), settings.maxDepth(), 1)
                .sampler(fitted, threads, backend);
        AtomicIntegerArray below = new AtomicIntegerArray(columns.length);
        AtomicLong divergences = new AtomicLong();
        sampler.stream((chain, draw, values) -> {
            for (int p = 0; p < columns.length; p++) {
                if (values[columns[p]] < truths[p]) {
                    below.incrementAndGet(p);
                }
            }
            if (values[divergent] != 0) {
                divergences.incrementAndGet();
            }
        });
        int[] ranks = new int[columns.length];
        for (int p = 0; p < ranks.length; p++) {
            ranks[p] = below.get(p);
        }
        return new SbcRanks(dataset, ranks, divergences.get());
    }
}
