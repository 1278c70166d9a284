package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many parameters {@link Summaries} works on at once. */
class SummariesTest {

    private static final long DRAWS = 16_384L * 1_000L;
    private static final long PER_WORKER = Summaries.WORKING_BYTES_PER_DRAW * DRAWS + Summaries.WORKING_BYTES_FIXED;

    @Test
    void onePerProcessorWhenTheHeapHasRoom() {
        assertEquals(4, Summaries.workers(18, 4, PER_WORKER, 1L << 40));
        assertEquals(2, Summaries.workers(2, 8, PER_WORKER, 1L << 40));
    }

    @Test
    void noMoreThanHalfTheHeadroomAffords() {
        assertEquals(3, Summaries.workers(18, 32, PER_WORKER, 2 * 3 * PER_WORKER + 1));
        assertEquals(2, Summaries.workers(18, 32, PER_WORKER, 2 * 3 * PER_WORKER - 1));
    }

    @Test
    void atLeastOneEvenWithoutRoom() {
        assertEquals(1, Summaries.workers(18, 32, PER_WORKER, 0));
        assertEquals(1, Summaries.workers(0, 32, PER_WORKER, 1L << 40));
    }
}
