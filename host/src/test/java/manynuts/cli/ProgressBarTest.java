package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import manynuts.output.RunProgress;
import org.junit.jupiter.api.Test;

/** The progress line counts draws and divergences, and says warming up before the first draw. */
class ProgressBarTest {

    @Test
    void lineShowsCountsAndPhase() {
        RunProgress progress = RunProgress.of("eight_schools_centered", 1000);
        // Tests run without a console, so no painter thread starts and nothing is printed.
        try (ProgressBar bar = ProgressBar.start(progress)) {
            String before = bar.line();
            assertTrue(before.contains("0/1000 draws") && before.contains("warming up"), before);
            progress.draws().addAndGet(500);
            progress.divergences().addAndGet(7);
            String half = bar.line();
            assertTrue(half.contains("[###############---------------] 500/1000 draws, 7 divergent"), half);
            assertTrue(half.contains("ETA"), half);
        }
    }

    /** Written to a log (--progress always with stderr redirected): whole lines, one a period, the last at close. */
    @Test
    void aLogGetsWholeLines() throws InterruptedException {
        RunProgress progress = RunProgress.of("funnel", 100);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream stream = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8);
                ProgressBar bar = new ProgressBar(progress, stream, false, 5)) {
            progress.draws().addAndGet(40);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("40/100 draws")
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            progress.draws().addAndGet(60);
        }
        String written = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!written.contains("\r"), "no carriage returns in a log: " + written);
        assertTrue(written.contains("40/100 draws"), written);
        java.util.List<String> lines = written.lines().toList();
        assertTrue(lines.get(lines.size() - 1).contains("100/100 draws"), "the last line is the final state: " + written);
    }

    @Test
    void modesAreParsedOrRefusedInOneLine() {
        org.junit.jupiter.api.Assertions.assertEquals(ProgressBar.Mode.ALWAYS, ProgressBar.Mode.parse("Always"));
        UsageException refused = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> ProgressBar.Mode.parse("sometimes"));
        org.junit.jupiter.api.Assertions.assertEquals("--progress sometimes: expected auto, always or never",
                refused.getMessage());
    }
}
