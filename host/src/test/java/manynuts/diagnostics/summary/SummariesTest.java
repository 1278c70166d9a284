package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.draws.DrawsShape;

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

    private static final DrawsShape LARGE = new DrawsShape(16_384, 1_000);

    @Test
    void autoRanksExactlyWhileEveryWorkerHasRoom() {
        Summaries.Plan plan = Summaries.plan(18, 4, LARGE, 0, 1L << 40, SummaryOptions.Ranks.AUTO);
        assertEquals(new Summaries.Plan(SummaryOptions.Ranks.EXACT, 4, 4), plan);
    }

    @Test
    void autoBinsWhenExactRanksWouldLeaveProcessorsIdle() {
        // Room for two exact workers of four; binned ones need a few tens of megabytes each.
        Summaries.Plan plan = Summaries.plan(18, 4, LARGE, 0, 2 * 2 * PER_WORKER + 1, SummaryOptions.Ranks.AUTO);
        // What is left after four binned workers and the score table gives one of them room to rank exactly.
        assertEquals(new Summaries.Plan(SummaryOptions.Ranks.BINNED, 4, 1), plan);
    }

    @Test
    void autoRanksSmallParametersExactlyWhateverTheHeap() {
        Summaries.Plan plan = Summaries.plan(18, 4, new DrawsShape(1024, 1000), 0, 0, SummaryOptions.Ranks.AUTO);
        assertEquals(SummaryOptions.Ranks.EXACT, plan.ranks());
    }

    @Test
    void askedForRanksAreKeptAndSizeTheWorkers() {
        assertEquals(new Summaries.Plan(SummaryOptions.Ranks.EXACT, 1, 1),
                Summaries.plan(18, 4, LARGE, 0, 2 * PER_WORKER + 1, SummaryOptions.Ranks.EXACT));
        assertEquals(new Summaries.Plan(SummaryOptions.Ranks.BINNED, 4, 1),
                Summaries.plan(18, 4, LARGE, 0, 2 * PER_WORKER + 1, SummaryOptions.Ranks.BINNED));
    }

    @Test
    void binnedWorkersFallBackToExactRanksAsManyAtOnceAsTheRestOfTheHeapAllows() {
        long binned = Summaries.BINNED_BYTES_PER_CHAIN * LARGE.chains() + Summaries.WORKING_BYTES_FIXED;
        long fallback = Summaries.WORKING_BYTES_PER_DRAW * DRAWS;
        long table = Summaries.SCORE_TABLE_BYTES_PER_DRAW * DRAWS;
        // Half the headroom holds four binned workers, the shared score table and then room for two, not three,
        // exact fallbacks.
        long headroom = 2 * (4 * binned + table + 2 * fallback + fallback / 2);
        assertEquals(new Summaries.Plan(SummaryOptions.Ranks.BINNED, 4, 2),
                Summaries.plan(18, 4, LARGE, 0, headroom, SummaryOptions.Ranks.BINNED));
        assertEquals(1, Summaries.plan(18, 4, LARGE, 0, headroom - 2 * fallback, SummaryOptions.Ranks.BINNED)
                .exactWorkers());
        // Never more than the workers, never fewer than one.
        assertEquals(4, Summaries.plan(18, 4, LARGE, 0, 1L << 40, SummaryOptions.Ranks.BINNED).exactWorkers());
        assertEquals(1, Summaries.plan(18, 4, LARGE, 0, 0, SummaryOptions.Ranks.BINNED).exactWorkers());
    }

    @Test
    void unknownRanksAreRefusedByName() {
        assertEquals(SummaryOptions.Ranks.BINNED, SummaryOptions.Ranks.parse(" Binned "));
        DiagnosticsInputException error = org.junit.jupiter.api.Assertions.assertThrows(
                DiagnosticsInputException.class, () -> SummaryOptions.Ranks.parse("fast"));
        assertEquals("--ranks must be exact, binned or auto, got 'fast'", error.getMessage());
    }
}
