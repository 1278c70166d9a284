package manynuts.diagnostics.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import manynuts.diagnostics.draws.DrawsShape;
import manynuts.diagnostics.draws.PosteriorDraws;
import manynuts.diagnostics.order.RankNormalisation;
import manynuts.diagnostics.stats.NestedRhat;

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

    /**
     * The rows of the sampler's columns as stansummary shows them: the step size is fixed in each chain after
     * warm-up, so its MCSE, ESS and R-hat are NA rather than the artefacts of a constant chain.
     */
    public static List<ParameterSummary> asStansummary(List<ParameterSummary> rows) {
        List<ParameterSummary> shown = new ArrayList<>();
        for (ParameterSummary row : rows) {
            if (!row.name().equals("stepsize__")) {
                shown.add(row);
                continue;
            }
            double na = Double.NaN;
            shown.add(new ParameterSummary(row.name(), row.mean(), row.median(), row.sd(), row.mad(), row.q5(),
                    row.q95(), row.hdiLower(), row.hdiUpper(), na, na, na, na, na, na, na, na, na, na, na, na, na,
                    na));
        }
        return shown;
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
        return summarise(names, draws::get, largestShape(draws), 0, options);
    }

    /**
     * Summaries of parameters too many to hold at once: a worker fetches parameter p's draws, {@code draws.apply(p)},
     * when it takes p, so the heap holds one parameter per worker.
     *
     * @param names one name per parameter
     * @param draws gives one [chain][draw] array per parameter, from any thread; the arrays are not modified
     * @param chains chains of the largest parameter
     * @param drawsPerChain draws per chain of the largest parameter
     */
    public static List<ParameterSummary> summariseFetching(List<String> names, IntFunction<double[][]> draws,
            int chains, int drawsPerChain, SummaryOptions options) {
        // Each worker also holds the draws it fetched.
        return summarise(names, draws, new DrawsShape(chains, drawsPerChain), Double.BYTES, options);
    }

    private static List<ParameterSummary> summarise(List<String> names, IntFunction<double[][]> draws,
            DrawsShape largest, long heldBytesPerDraw, SummaryOptions options) {
        int parameters = names.size();
        ParameterSummary[] results = new ParameterSummary[parameters];
        int processors = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        Runtime heap = Runtime.getRuntime();
        long headroom = heap.maxMemory() - (heap.totalMemory() - heap.freeMemory());
        Plan plan = plan(parameters, processors, largest, heldBytesPerDraw, headroom, options.ranks());
        int threads = plan.workers();
        // With fewer parameters than processors, each parameter's passes over its chains share the rest.
        int chainWorkers = threads > 0 ? processors / threads : 1;
        AtomicInteger next = new AtomicInteger();
        // Parameters of one run share a draw count, so all workers read one table of normal scores.
        RankNormalisation.ScoreTables scoreTables = new RankNormalisation.ScoreTables();
        // Binned workers that meet a parameter binned ranks cannot take rank it exactly, no more at once than the
        // heap has room for.
        Semaphore exactFallbacks = new Semaphore(plan.exactWorkers());
        Runnable worker = () -> {
            DiagnosticsWorkspace workspace = new DiagnosticsWorkspace(scoreTables);
            workspace.useCommonPool(chainWorkers);
            workspace.useRanks(plan.ranks(), exactFallbacks);
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
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            executor.shutdownNow();
        }
        return Arrays.asList(results);
    }

    /**
     * Working memory of one worker per draw of the parameter it summarises by exact ranks: the sort's keys, buffer and
     * values (24 bytes), and at worst a buffer of values as long as the draws for a slot of many tied keys.
     */
    static final long WORKING_BYTES_PER_DRAW = 32;
    /**
     * Working memory of one worker beyond that, for up to a few million draws: the sort's bin tables and part
     * buffers and the per-chain sums.
     */
    static final long WORKING_BYTES_FIXED = 16L << 20;
    /** The table of normal scores, one for all workers that rank exactly. */
    static final long SCORE_TABLE_BYTES_PER_DRAW = Double.BYTES;
    /**
     * Working memory of one worker per chain with binned ranks, generously: two binned orders of 4 slots per chain at
     * 16 bytes a slot, and the sums per split chain. (Past that, a few megabytes for 8,192 edges and 65,536 slots, and
     * the draws gathered for order statistics and the tails, usually well under a percent of them.)
     */
    static final long BINNED_BYTES_PER_CHAIN = 1024;

    /** A worker's sort tables, about, past 65,536 draws (fine bins: 2^18-entry tables, part buffers of 2^17 keys). */
    static final long FINE_SORT_BYTES = 8L << 20;
    /** A worker's sort tables, about, up to 65,536 draws. */
    static final long COARSE_SORT_BYTES = 1L << 20;

    /**
     * The least heap a summary of parameters of {@code chains x drawsPerChain} draws runs in: one worker, ranking as
     * {@code ranks} asks ({@link SummaryOptions.Ranks#AUTO}: binned past its threshold where that takes less), with
     * the table of normal scores and, when the worker fetches its parameter's draws, their copy ({@code fetched}).
     * Unlike the plan's {@link #WORKING_BYTES_FIXED}, which stays generous, this counts the sort's tables as they are
     * at that size.
     */
    public static long leastWorkingBytes(int chains, int drawsPerChain, boolean fetched, SummaryOptions.Ranks ranks) {
        long draws = (long) chains * drawsPerChain;
        long held = fetched ? Double.BYTES : 0;
        long sort = draws > (1 << 16) ? FINE_SORT_BYTES : COARSE_SORT_BYTES;
        long exact = saturating(WORKING_BYTES_PER_DRAW + SCORE_TABLE_BYTES_PER_DRAW + held, draws) + sort;
        if (ranks == SummaryOptions.Ranks.EXACT
                || ranks == SummaryOptions.Ranks.AUTO && draws <= SummaryOptions.Ranks.AUTO_BINNED_DRAWS) {
            return exact;
        }
        long binned = saturating(held, draws) + saturating(BINNED_BYTES_PER_CHAIN, chains) + FINE_SORT_BYTES;
        return ranks == SummaryOptions.Ranks.BINNED ? binned : Math.min(exact, binned);
    }

    private static long saturating(long bytesEach, long count) {
        return count > 0 && bytesEach > Long.MAX_VALUE / 2 / count ? Long.MAX_VALUE / 2 : bytesEach * count;
    }

    /**
     * How a summary runs: how it ranks, how many parameters it summarises at once, and how many of those may hold
     * exact ranks' working memory at once (all of them unless the ranks are binned; then those that fall back to exact
     * ranks, for a parameter with an infinite draw, take turns).
     */
    record Plan(SummaryOptions.Ranks ranks, int workers, int exactWorkers) {
    }

    /**
     * Exact ranks unless binned ones are asked for, or unless {@link SummaryOptions.Ranks#AUTO} finds that the heap
     * cannot give exact ranks' working memory to one worker per processor (or per parameter, if fewer) while binned
     * ranks can; then as many workers as the memory of the chosen ranks allows (see {@link #workers}). With binned
     * ranks, as many workers may fall back to exact ranks at once as the heap left over can give exact ranks' working
     * memory, and at least one.
     *
     * @param largest the shape of the largest parameter
     * @param heldBytesPerDraw memory per draw a worker needs besides its working memory (the draws it fetched)
     * @param headroom bytes the heap can still grow by
     */
    static Plan plan(int parameters, int processors, DrawsShape largest, long heldBytesPerDraw, long headroom,
            SummaryOptions.Ranks requested) {
        long draws = largest.totalDraws();
        long exactBytes = (WORKING_BYTES_PER_DRAW + heldBytesPerDraw) * draws + WORKING_BYTES_FIXED;
        long binnedBytes = heldBytesPerDraw * draws + BINNED_BYTES_PER_CHAIN * largest.chains() + WORKING_BYTES_FIXED;
        long scoreTable = SCORE_TABLE_BYTES_PER_DRAW * draws;
        int exactWorkers = workers(parameters, processors, exactBytes, headroom - 2 * scoreTable);
        int binnedWorkers = workers(parameters, processors, binnedBytes, headroom);
        SummaryOptions.Ranks ranks = requested;
        if (requested == SummaryOptions.Ranks.AUTO) {
            boolean exactFits = exactWorkers >= Math.max(1, Math.min(parameters, processors));
            boolean binnedHelps = binnedWorkers > exactWorkers;
            ranks = exactFits || !binnedHelps || draws <= SummaryOptions.Ranks.AUTO_BINNED_DRAWS
                    ? SummaryOptions.Ranks.EXACT : SummaryOptions.Ranks.BINNED;
        }
        if (ranks != SummaryOptions.Ranks.BINNED) {
            return new Plan(ranks, exactWorkers, exactWorkers);
        }
        // A worker that falls back keeps its binned tables and its draws, which the binned budget already counts; the
        // first fallback also makes the table of normal scores, which all of them share.
        long fallbackBytes = Math.max(1, WORKING_BYTES_PER_DRAW * draws);
        long spare = headroom / 2 - binnedWorkers * binnedBytes - scoreTable;
        int fallbacks = (int) Math.max(1, Math.min(binnedWorkers, spare / fallbackBytes));
        return new Plan(ranks, binnedWorkers, fallbacks);
    }

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

    /** The shape of the parameter with the most draws (all chains of one parameter have equally many). */
    private static DrawsShape largestShape(List<double[][]> draws) {
        DrawsShape largest = new DrawsShape(0, 0);
        for (double[][] parameter : draws) {
            int chains = parameter.length;
            int perChain = chains == 0 ? 0 : parameter[0].length;
            if ((long) chains * perChain > largest.totalDraws()) {
                largest = new DrawsShape(chains, perChain);
            }
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
