package manynuts.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Summaries of many named parameters, in parallel over parameters with one reusable workspace per worker, so
 * the working memory is a fixed number of draw-sized buffers per worker however many parameters there are.
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
        int parameters = names.size();
        ParameterSummary[] results = new ParameterSummary[parameters];
        int processors = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        int threads = Math.min(parameters, processors);
        // With fewer parameters than processors, each parameter's passes over its chains share the rest.
        int chainWorkers = threads > 0 ? processors / threads : 1;
        AtomicInteger next = new AtomicInteger();
        // Parameters of one run share a draw count, so all workers read one table of normal scores.
        RankNormalisation.ScoreTables scoreTables = new RankNormalisation.ScoreTables();
        Runnable worker = () -> {
            DiagnosticsWorkspace workspace = new DiagnosticsWorkspace(scoreTables);
            workspace.useCommonPool(chainWorkers);
            for (int p = next.getAndIncrement(); p < parameters; p = next.getAndIncrement()) {
                results[p] = summariseOne(workspace, names.get(p), draws.get(p), options);
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

    private static ParameterSummary summariseOne(DiagnosticsWorkspace workspace, String name, double[][] draws,
            SummaryOptions options) {
        ParameterSummary summary = workspace.summarise(name, draws, options.hdiProbability());
        if (options.superchainSize() > 0) {
            summary = summary.withNestedRhat(NestedRhat.of(draws, options.superchainSize()));
        }
        return summary;
    }
}
