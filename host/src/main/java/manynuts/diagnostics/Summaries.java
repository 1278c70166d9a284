package manynuts.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Summaries of many named parameters, in parallel over parameters with one reusable workspace per worker, so
 * the working memory is a fixed number of draw-sized buffers per worker however many parameters there are, and
 * there are no more workers than the heap has room for.
 */
public final class Summaries {

    private Summaries() {
    }

    /** One summary per variable, in the order given. */
    public static List<ParameterSummary> summarise(PosteriorDraws draws, SummaryOptions options) {
        return summarise(draws.variables(), draws.values(), options);
    }

    /** One summary of one parameter. */
    public static ParameterSummary summarise(String name, double[][] draws, SummaryOptions options) {
        return summarise(List.of(name), List.<double[][]>of(draws), options).get(0);
    }

    /**
     * @param names one name per parameter
     * @param draws one [chain][draw] array per parameter; not modified
     */
    public static List<ParameterSummary> summarise(List<String> names, List<double[][]> draws,
            SummaryOptions options) {
        return summarise(names, draws::get, largestParameter(draws), WORKING_BYTES_PER_DRAW, options);
    }

    /**
     * Summaries of parameters too many to hold at once: a worker fetches parameter p's draws, {@code draws.apply(p)},
     * when it takes p, so the heap holds one parameter per worker.
     *
     * @param names one name per parameter
     * @param draws gives one [chain][draw] array per parameter, from any thread; the arrays are not modified
     * @param drawsPerParameter draws of the largest parameter
     */
    public static List<ParameterSummary> summariseFetching(List<String> names, IntFunction<double[][]> draws,
            long drawsPerParameter, SummaryOptions options) {
        // Each worker also holds the draws it fetched.
        return summarise(names, draws, drawsPerParameter, WORKING_BYTES_PER_DRAW + Double.BYTES, options);
    }

    private static List<ParameterSummary> summarise(List<String> names, IntFunction<double[][]> draws,
            long drawsPerParameter, long bytesPerDraw, SummaryOptions options) {
        int parameters = names.size();
        ParameterSummary[] results = new ParameterSummary[parameters];
        int processors = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        Runtime heap = Runtime.getRuntime();
        long headroom = heap.maxMemory() - (heap.totalMemory() - heap.freeMemory());
        int threads = workers(parameters, processors, bytesPerDraw * drawsPerParameter + WORKING_BYTES_FIXED,
                headroom);
        // With fewer parameters than processors, each parameter's passes over its chains share the rest.
        int chainWorkers = threads > 0 ? processors / threads : 1;
        AtomicInteger next = new AtomicInteger();
        // Parameters of one run share a draw count, so all workers read one table of normal scores.
        RankNormalisation.ScoreTables scoreTables = new RankNormalisation.ScoreTables();
        Runnable worker = () -> {
            DiagnosticsWorkspace workspace = new DiagnosticsWorkspace(scoreTables);
            workspace.useCommonPool(chainWorkers);
            for (int p = next.getAndIncrement(); p < parameters; p = next.getAndIncrement()) {
                results[p] = summariseOne(workspace, names.get(p), draws.apply(p), options);
            }
        };
        if (threads <= 1) {
            worker.run();
            return Arrays.asList(results);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "diagnostics");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while summarising", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            executor.shutdownNow();
        }
        return Arrays.asList(results);
    }

    /** Working memory of one worker per draw of the parameter it summarises: the sort's keys, buffer and values. */
    static final long WORKING_BYTES_PER_DRAW = 24;
    /**
     * Working memory of one worker beyond that, for up to a few million draws: the sort's bin tables and part
     * buffers, the indicator bits and the per-chain sums. (The table of normal scores, a double per draw, is shared by
     * all workers.)
     */
    static final long WORKING_BYTES_FIXED = 16L << 20;

    /**
     * How many parameters to summarise at once: one per processor, but no more than half the heap's headroom can
     * give {@code bytesPerWorker} each (the other half is left for the collector and the results), and at least one.
     *
     * @param headroom bytes the heap can still grow by
     */
    static int workers(int parameters, int processors, long bytesPerWorker, long headroom) {
        long affordable = Math.max(1, headroom / 2 / bytesPerWorker);
        return (int) Math.max(1, Math.min(Math.min(parameters, processors), affordable));
    }

    private static long largestParameter(List<double[][]> draws) {
        long largest = 0;
        for (double[][] parameter : draws) {
            long total = 0;
            for (double[] chain : parameter) {
                total += chain.length;
            }
            largest = Math.max(largest, total);
        }
        return largest;
    }

    private static ParameterSummary summariseOne(DiagnosticsWorkspace workspace, String name, double[][] draws,
            SummaryOptions options) {
        ParameterSummary summary = workspace.summarise(name, draws, options.hdiProbability());
        if (options.superchainSize() > 0) {
            summary = summary.withNestedRhat(NestedRhat.of(draws, options.superchainSize()));
        }
        return summary;
    }
}
