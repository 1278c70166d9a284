package manynuts.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.Backend;
import manynuts.backend.TreeBuilding;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.models.Model;
import manynuts.models.UniformStream;
import manynuts.nuts.DrawSink;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import manynuts.nuts.SamplerStats;
import manynuts.nuts.SamplingResult;

/**
 * One row of the throughput study: samples a model at one chain count and warm-up length, then times the whole
 * summary of its draws, and reports gradients, draws and minimum bulk ESS per second, lane utilisation and peak heap.
 */
public final class Throughput {
    private final int draws;
    private final long seed;
    private final boolean pooledMetric;

    /**
     * @param draws        draws per chain after warm-up
     * @param seed         the sampler's seed, the same for every row
     * @param pooledMetric estimate one mass matrix from the warm-up draws of all chains
     */
    public Throughput(int draws, long seed, boolean pooledMetric) {
        this.draws = draws;
        this.seed = seed;
        this.pooledMetric = pooledMetric;
    }

    /** One measured configuration. */
    public record Row(int chains, int warmup, double seconds, double gradientsPerSecond,
            double gradientsPerSecondPerCore, double drawsPerSecond, double utilisation, double minEssBulk,
            String minEssParameter, double minEssPerCoreSecond, double peakHeapMiB, double summarySeconds,
            PosteriorRun posterior, TreeBuilding trees) {

        public Row withPosterior(PosteriorRun run) {
            return new Row(chains, warmup, seconds, gradientsPerSecond, gradientsPerSecondPerCore, drawsPerSecond,
                    utilisation, minEssBulk, minEssParameter, minEssPerCoreSecond, peakHeapMiB, summarySeconds, run,
                    trees);
        }
    }

    /** What comparing a row's summary with posterior's gave. */
    public sealed interface PosteriorRun {
    }

    /** posterior's summary of the row's draws and how close ours came to it. */
    public record Compared(PosteriorReference reference, PosteriorColumns.Agreement agreement) implements PosteriorRun {
    }

    /** No comparison: posterior gave no summary, or one of other parameters; {@code reason} says which, in a line. */
    public record Failed(String reason) implements PosteriorRun {
    }

    /** A measured row with what the posterior comparison needs: the row's draws and our summary of them. */
    public record Measurement(Row row, double[][][] draws, List<ParameterSummary> summaries) {
    }

    public SamplerSettings settings(int chains, int warmup, int cores) {
        return SamplerSettings.defaults(chains, seed).withWarmup(warmup).withDraws(draws).withThreads(cores)
                .withPooledMetric(pooledMetric);
    }

    /** One row, its trees built where {@code device} builds them for {@code chosen} as it is set now. */
    public Measurement measure(Model chosen, Backend device, int cores, int chains, int warmup,
            SummaryOptions summaryOptions) {
        SamplerSettings settings = settings(chains, warmup, cores);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        OutputSink sink = new OutputSink(chosen, chains, draws);
        SamplingResult result = new Sampler(chosen, device, settings).run(sink, new AtomicLong());
        double peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;
        // The whole summary of every output, as `summary` prints it, timed against the sampling that made the draws.
        long summaryStart = System.nanoTime();
        List<ParameterSummary> summaries = Summaries.summarise(chosen.outputNames(), List.of(sink.draws),
                summaryOptions);
        double summarySeconds = (System.nanoTime() - summaryStart) / 1e9;
        double minEss = Double.POSITIVE_INFINITY;
        String minName = "";
        for (ParameterSummary summary : summaries) {
            if (summary.essBulk() < minEss) {
                minEss = summary.essBulk();
                minName = summary.name();
            }
        }
        Row row = new Row(chains, warmup, result.seconds(), result.gradientsPerSecond(),
                result.gradientsPerSecond() / cores, (double) chains * draws / result.seconds(),
                result.laneUtilisation(), minEss, minName, minEss / (result.seconds() * cores), peak, summarySeconds,
                null, device.treeBuilding(chosen));
        return new Measurement(row, sink.draws, summaries);
    }

    /** Keeps every output's draws, for the summary, and nothing else. */
    private static final class OutputSink implements DrawSink {
        final double[][][] draws;
        private final Model model;
        private final ThreadLocal<double[]> buffer;

        OutputSink(Model model, int chains, int draws) {
            this.model = model;
            this.draws = new double[model.outputNames().size()][chains][draws];
            this.buffer = ThreadLocal.withInitial(() -> new double[model.outputNames().size()]);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats) {
            draw(chain, draw, position, stats, null);
        }

        @Override
        public void draw(int chain, int draw, double[] position, SamplerStats stats, UniformStream random) {
            double[] outputs = buffer.get();
            if (random == null) {
                model.outputs(position, outputs);
            } else {
                model.outputs(position, outputs, random);
            }
            for (int column = 0; column < outputs.length; column++) {
                draws[column][chain][draw] = outputs[column];
            }
        }
    }
}
