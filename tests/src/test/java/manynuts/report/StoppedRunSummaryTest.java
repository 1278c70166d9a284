package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped part way (killed, or interrupted by a signal) is read by summary, report and diagnose: the cut last
 * row of draws.csv is dropped, each says the run was interrupted and at which draw, and every chain is summarised up
 * to the shortest chain's length, or to the length asked for.
 */
class StoppedRunSummaryTest {

    @TempDir
    static Path temporary;
    static Path complete;

    /** The draws each chain had written when the run stopped: chain 2 is the shortest, chain 3 the longest. */
    static final int[] STOPPED_AT = {60, 45, 70, 52};

    @BeforeAll
    static void sampleOneSmallRun() {
        complete = temporary.resolve("complete");
        RunOnDisk.execute("sample", "-m", "noncentered", "--chains", "4", "--warmup", "100", "--draws", "100",
                "--seed", "7", "--progress", "never", "-o", complete.toString()).succeeded();
    }

    /** The complete run with draws.csv cut back to {@link #STOPPED_AT} and its last row cut short. */
    static Path stopped(String name) throws IOException {
        Path run = EditedRuns.copy(complete, temporary.resolve(name));
        EditedRuns.keepDraws(run, STOPPED_AT, 20);
        return run;
    }

    /** The lines of the summary table: everything after the first line and the notes. */
    static List<String> table(RunOnDisk summary) {
        return summary.out().lines().skip(1).filter(line -> !line.startsWith("note: ")).toList();
    }

    @Test
    void anInterruptedRunIsSummarisedUpToItsShortestChain() throws IOException {
        Path run = stopped("sigterm");
        EditedRuns.interrupted(run, "SIGTERM", STOPPED_AT);
        RunOnDisk summary = RunOnDisk.execute("summary", run.toString()).succeeded();
        List<String> lines = summary.out().lines().toList();
        assertTrue(lines.get(0).startsWith("eight_schools_noncentered: 4 chains x 45 draws, seed 7"), lines.get(0));
        int cutLine = 1 + 60 + 45 + 70 + 52 + 1;
        assertEquals("note: " + run.resolve("draws.csv") + ":" + cutLine + ": the last row is cut short (the file "
                + "ends inside it); dropped", lines.get(1));
        assertEquals("note: run interrupted (SIGTERM) at draw 45 of 100: chains hold 45 to 70 draws; summarising the "
                + "first 45 draws of each of the 4 chains", lines.get(2));
        // The same table as the complete run's first 45 draws of each chain.
        RunOnDisk first45 = RunOnDisk.execute("summary", complete.toString(), "--draws", "45").succeeded();
        assertEquals("note: summarising the first 45 of the 100 draws of each of the 4 chains (--draws 45)",
                first45.out().lines().skip(1).findFirst().orElseThrow());
        assertEquals(table(first45), table(summary));
        assertTrue(summary.out().contains("exact posterior"), "the exact comparison stays: " + summary.out());
    }

    @Test
    void theReportSaysTheRunWasInterrupted() throws IOException {
        Path run = stopped("sigint");
        EditedRuns.interrupted(run, "SIGINT", STOPPED_AT);
        Path page = temporary.resolve("sigint-report").resolve("report.html");
        RunOnDisk report = RunOnDisk.execute("report", run.toString(), "-o", page.toString()).succeeded();
        assertTrue(report.out().contains("note: run interrupted (SIGINT) at draw 45 of 100"), report.out());
        String html = Files.readString(page);
        assertTrue(html.contains("run interrupted (SIGINT) at draw 45 of 100: chains hold 45 to 70 draws"), html);
        assertTrue(html.contains("4 chains, 100 warm-up iterations and 45 draws each"), html);
    }

    @Test
    void aRunStillMarkedRunningIsReadAsKilled() throws IOException {
        Path run = stopped("killed");
        EditedRuns.editRecord(run, record -> record.put("status", "running"));
        RunOnDisk summary = RunOnDisk.execute("summary", run.toString()).succeeded();
        assertTrue(summary.out().contains("note: run interrupted (killed, or still sampling: run.json says "
                + "\"running\") at draw 45 of 100: chains hold 45 to 70 draws"), summary.out());
    }

    @Test
    void anOlderRunWithoutAStatusIsReadAsCutShort() throws IOException {
        Path run = stopped("older");
        EditedRuns.editRecord(run, record -> record.remove("status"));
        RunOnDisk summary = RunOnDisk.execute("summary", run.toString()).succeeded();
        assertTrue(summary.out().contains("note: run cut short (run.json, older than the status field, says nothing "
                + "of it) at draw 45 of 100"), summary.out());
    }

    @Test
    void drawsChoosesHowManyDrawsOfEveryChainAreSummarised() throws IOException {
        Path run = stopped("chosen");
        EditedRuns.interrupted(run, "SIGTERM", STOPPED_AT);
        RunOnDisk thirty = RunOnDisk.execute("summary", run.toString(), "--draws", "30").succeeded();
        assertTrue(thirty.out().startsWith("eight_schools_noncentered: 4 chains x 30 draws"), thirty.out());
        assertTrue(thirty.out().contains("summarising the first 30 draws of each of the 4 chains (--draws 30)"),
                thirty.out());
        assertEquals(table(RunOnDisk.execute("summary", complete.toString(), "--draws", "30").succeeded()),
                table(thirty));
        for (String command : List.of("summary", "report")) {
            RunOnDisk tooMany = RunOnDisk.execute(command, run.toString(), "--draws", "46");
            assertEquals(2, tooMany.exitCode(), tooMany.err());
            assertEquals("error: --draws 46: chain 2 of " + run.resolve("draws.csv") + " holds only 45 draws",
                    tooMany.err().strip());
            RunOnDisk none = RunOnDisk.execute(command, run.toString(), "--draws", "0");
            assertEquals(2, none.exitCode(), none.err());
            assertEquals("error: --draws must be at least 1, got 0", none.err().strip());
        }
        assertFalse(Files.exists(run.resolve("report.html")), "no report for a refused command line");
    }

    @Test
    void aChainWithoutDrawsLeavesNothingToSummarise() throws IOException {
        Path run = EditedRuns.copy(complete, temporary.resolve("early"));
        EditedRuns.keepDraws(run, new int[] {3, 2, 4, 0}, 0);
        EditedRuns.interrupted(run, "SIGINT", 3, 2, 4, 0);
        RunOnDisk summary = RunOnDisk.execute("summary", run.toString());
        assertEquals(2, summary.exitCode(), summary.err());
        assertEquals("error: run interrupted (SIGINT); " + run.resolve("draws.csv") + " holds no draws of chain 4 "
                + "of the 4 that settings.chains in " + run.resolve("run.json") + " gives, so there is nothing to "
                + "summarise", summary.err().strip());
    }

    @Test
    void diagnoseReadsTheDrawsOfAStoppedRun() throws IOException {
        Path draws = stopped("diagnosed").resolve("draws.csv");
        RunOnDisk diagnosed = RunOnDisk.execute("diagnose", draws.toString()).succeeded();
        List<String> lines = diagnosed.out().lines().toList();
        assertTrue(lines.get(0).startsWith("note: " + draws + ":"), lines.get(0));
        assertEquals("note: " + draws + ": chains differ in length (45 to 70 draws, as a run stopped part way leaves "
                + "them); summarising the first 45 draws of each of the 4 chains", lines.get(1));
        assertTrue(lines.get(2).startsWith("variable "), lines.get(2));
    }
}
