package manynuts.output;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters a running sampler advances and a progress display reads from another thread.
 *
 * @param label       what is running, e.g. the model's name
 * @param total       draws to make after warm-up, over all chains
 * @param draws       draws made after warm-up so far
 * @param divergences divergent transitions after warm-up so far
 */
public record RunProgress(String label, long total, AtomicLong draws, AtomicLong divergences) {

    public static RunProgress of(String label, long total) {
        return new RunProgress(label, total, new AtomicLong(), new AtomicLong());
    }
}
