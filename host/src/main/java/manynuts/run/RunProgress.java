package manynuts.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters a running sampler advances and a progress display reads from another thread.
 *
 * @param label       what is running, e.g. the model's name
 * @param total       draws to make after warm-up, over all chains
 * @param draws       draws made after warm-up so far
 * @param divergences divergent transitions after warm-up so far
 * @param warmupTotal warm-up iterations to run, over all chains; 0 when not known
 * @param warmup      warm-up iterations finished so far, over all chains
 */
public record RunProgress(String label, long total, AtomicLong draws, AtomicLong divergences, long warmupTotal,
        AtomicLong warmup) {

    public static RunProgress of(String label, long total) {
        return of(label, total, 0);
    }

    /** Counters for {@code total} draws after {@code warmupTotal} warm-up iterations, both over all chains. */
    public static RunProgress of(String label, long total, long warmupTotal) {
        return new RunProgress(label, total, new AtomicLong(), new AtomicLong(), warmupTotal, new AtomicLong());
    }
}
