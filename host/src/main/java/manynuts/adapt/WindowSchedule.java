package manynuts.adapt;

import java.util.ArrayList;
import java.util.List;

/**
 * Stan's warm-up windows for the mass matrix: an initial fast buffer, slow windows that double in length, and a
 * terminal fast buffer (defaults 75 / 25 / 50). A pure function of the warm-up length.
 *
 * @param initBuffer first iteration whose draw enters a variance estimate
 * @param collectEnd first iteration after the last slow window
 * @param windowEnds iterations after whose draw the metric is updated, ascending
 */
public record WindowSchedule(int initBuffer, int collectEnd, int[] windowEnds) {

    /** Stan's default initial fast buffer, first slow window and terminal fast buffer, in iterations. */
    public static final int STAN_INIT_BUFFER = 75;
    public static final int STAN_BASE_WINDOW = 25;
    public static final int STAN_TERM_BUFFER = 50;

    public static WindowSchedule stan(int warmup) {
        return of(warmup, STAN_INIT_BUFFER, STAN_BASE_WINDOW, STAN_TERM_BUFFER);
    }

    /** Stan's windowed_adaptation schedule, including its rescaling when the buffers do not fit. */
    public static WindowSchedule of(int warmup, int initBuffer, int baseWindow, int termBuffer) {
        if (warmup < 20) {
            return new WindowSchedule(0, 0, new int[0]);
        }
        if (initBuffer + baseWindow + termBuffer > warmup) {
            initBuffer = (int) (0.15 * warmup);
            termBuffer = (int) (0.1 * warmup);
            baseWindow = warmup - (initBuffer + termBuffer);
        }
        int lastWindowEnd = warmup - termBuffer - 1;
        List<Integer> ends = new ArrayList<>();
        int windowSize = baseWindow;
        int nextWindowEnd = initBuffer + windowSize - 1;
        for (int counter = 0; counter < warmup; counter++) {
            if (counter != nextWindowEnd) {
                continue;
            }
            ends.add(counter);
            if (nextWindowEnd == lastWindowEnd) {
                break;
            }
            windowSize *= 2;
            nextWindowEnd = counter + windowSize;
            if (nextWindowEnd != lastWindowEnd && nextWindowEnd + 2 * windowSize >= warmup - termBuffer) {
                // The next window would leave too short a remainder: stretch this one to the terminal buffer.
                nextWindowEnd = lastWindowEnd;
            }
        }
        return new WindowSchedule(initBuffer, warmup - termBuffer, ends.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Whether the draw of warm-up iteration {@code iteration} enters the current variance estimate. */
    public boolean collects(int iteration) {
        return windowEnds.length > 0 && iteration >= initBuffer && iteration < collectEnd;
    }

    /** Whether the metric is updated after warm-up iteration {@code iteration}. */
    public boolean endsWindow(int iteration) {
        // A handful of windows: a linear scan beats a binary search's branches.
        for (int end : windowEnds) {
            if (end == iteration) {
                return true;
            }
        }
        return false;
    }
}
