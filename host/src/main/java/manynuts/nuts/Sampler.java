package manynuts.nuts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.adapt.WelfordVariance;
import manynuts.adapt.WindowSchedule;
import manynuts.backend.Backend;
import manynuts.backend.ChainBlock;
import manynuts.models.Model;

/**
 * Runs many chains of one model: splits them into fixed blocks (so results never depend on the thread count),
 * runs the blocks on a thread pool, and, with a pooled metric, meets all chains at each window end to estimate
 * one mass matrix from every chain's warm-up draws.
 */
public final class Sampler {
    private final Model model;
    private final Backend backend;
    private final SamplerSettings settings;
    private AtomicLong warmupDone = new AtomicLong();
    /** The global number of this sampler's first chain: 0 for a whole run, more for a part of a larger one. */
    private int firstChain;

    public Sampler(Model model, Backend backend, SamplerSettings settings) {
        this.model = model;
        this.backend = backend;
        this.settings = settings;
    }

    /**
     * Runs every chain to the end, streaming draws to {@code sink}.
     *
     * @param drawsDone modified: counts draws as they are made, for progress reports
     */
    /**
     * Counts warm-up iterations, over all chains, in {@code counter} during the next runs, as draws are counted after
     * warm-up; returns this sampler.
     *
     * @param counter modified: advanced once per chain and warm-up iteration
     */
    public Sampler countingWarmup(AtomicLong counter) {
        warmupDone = counter;
        return this;
    }

    /**
     * Makes the next runs those of chains {@code first} to {@code first + settings.chains() - 1} of a larger run with
     * the same settings, and returns this sampler. Every chain's random streams are keyed by the seed and its global
     * number, so each chain makes the draws it makes in the whole run; the sink receives global chain numbers. A
     * pooled metric couples all chains of a run, so a part of one cannot have it.
     *
     * @throws IllegalArgumentException for a negative first chain, or with a pooled metric
     */
    public Sampler startingAtChain(int first) {
        if (first < 0) {
            throw new IllegalArgumentException("the first chain must be 0 or more, got " + first);
        }
        if (first > 0 && settings.pooledMetric()) {
            throw new IllegalArgumentException("a pooled metric needs every chain of the run in one sampler");
        }
        firstChain = first;
        return this;
    }

    public SamplingResult run(DrawSink sink, AtomicLong drawsDone) {
        return run(sink, drawsDone, null, new StopRequest());
    }

    /**
     * Runs every chain to the end, or until {@code stop} is requested, streaming draws to {@code sink}. With
     * {@code states}, chains that have a recorded state start from it, the others from random initial points, and
     * every chain records its state there at the end of each iteration.
     *
     * @param states    modified, may be null: the chains' states, as {@link ChainStates} describes them
     * @param drawsDone modified: counts draws as they are made, for progress reports
     */
    public SamplingResult run(DrawSink sink, AtomicLong drawsDone, ChainStates states, StopRequest stop) {
        long start = System.nanoTime();
        WindowSchedule schedule = WindowSchedule.stan(settings.warmup());
        int blockSize = Math.max(1, backend.preferredBlockSize(settings.chains()));
        List<ChainBlock> blocks = new ArrayList<>();
        List<BlockSampler> samplers = new ArrayList<>();
        // One thread per device at least, so the blocks of several GPUs run side by side.
        int threads = Math.max(settings.threads(), backend.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "manynuts-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int first = 0; first < settings.chains(); first += blockSize) {
                int size = Math.min(blockSize, settings.chains() - first);
                ChainBlock block = backend.allocate(model, firstChain + first, size, settings.maxDepth(),
                        settings.seed());
                blocks.add(block);
                BlockSampler sampler = new BlockSampler(block, firstChain + first, settings, schedule, sink, drawsDone,
                        states, stop);
                sampler.countWarmupIn(warmupDone);
                samplers.add(sampler);
            }
            runAll(pool, samplers, BlockSampler::initialize, stop);
            while (!stop.requested()) {
                runAll(pool, samplers, BlockSampler::run, stop);
                if (stop.requested() || samplers.stream().noneMatch(BlockSampler::hasWaitingChains)) {
                    break;
                }
                double[] pooledMetric = pooledInverseMetric(samplers);
                runAll(pool, samplers, s -> s.resumeWithMetric(pooledMetric), stop);
            }
            return summarize(samplers, start, System.nanoTime());
        } finally {
            pool.shutdownNow();
            blocks.forEach(ChainBlock::close);
        }
    }

    private double[] pooledInverseMetric(List<BlockSampler> samplers) {
        WelfordVariance pooled = new WelfordVariance(model.dimension());
        for (BlockSampler sampler : samplers) {
            sampler.poolVariance(pooled);
        }
        double[] inverseMetric = new double[model.dimension()];
        pooled.regularizedVariance(inverseMetric, 0);
        return inverseMetric;
    }

    private SamplingResult summarize(List<BlockSampler> samplers, long start, long end) {
        long useful = 0;
        long paid = 0;
        long gradients = 0;
        double[] stepSizes = new double[settings.chains()];
        double[][] inverseMetrics = new double[settings.chains()][];
        double[] warmupSeconds = new double[settings.chains()];
        double[] samplingSeconds = new double[settings.chains()];
        int chain = 0;
        for (BlockSampler sampler : samplers) {
            useful += sampler.usefulSteps();
            paid += sampler.paidSteps();
            gradients += sampler.gradientEvaluations();
            for (int c = 0; c < sampler.iterations().length; c++) {
                inverseMetrics[chain] = sampler.inverseMetric(c).clone();
                // Without warm-up a chain starts sampling when the run starts.
                long warmupEnded = settings.warmup() == 0 ? start : sampler.warmupEnded(c);
                warmupSeconds[chain] = seconds(start, warmupEnded);
                samplingSeconds[chain] = seconds(warmupEnded, sampler.samplingEnded(c));
                stepSizes[chain++] = sampler.stepSize(c);
            }
        }
        return new SamplingResult(backend.name(), (end - start) / 1e9, gradients, useful, paid, stepSizes,
                inverseMetrics, new SamplingResult.ChainTimes(warmupSeconds, samplingSeconds));
    }

    /** Seconds from {@code from} to {@code to}, NaN where either was not timed in this run. */
    private static double seconds(long from, long to) {
        return from == BlockSampler.NOT_TIMED || to == BlockSampler.NOT_TIMED ? Double.NaN : (to - from) / 1e9;
    }

    /**
     * Runs {@code work} on every sampler; when one fails, asks the others to stop and waits for them, so that no
     * block goes on writing after the failure is reported.
     */
    private static void runAll(ExecutorService pool, List<BlockSampler> samplers,
            java.util.function.Consumer<BlockSampler> work, StopRequest stop) {
        List<Future<?>> futures = new ArrayList<>();
        for (BlockSampler sampler : samplers) {
            futures.add(pool.submit(() -> work.accept(sampler)));
        }
        Throwable failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.request("interrupted");
                throw new SamplerException("interrupted while sampling");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                    stop.request(String.valueOf(failure.getMessage()));
                }
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new SamplerException("sampling failed: " + failure);
        }
    }
}
