package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import manynuts.run.RunProgress;
import org.junit.jupiter.api.Test;

/** The progress line: warm-up iterations, then draws, draws per second and divergences. */
class ProgressBarTest {

    @Test
    void lineShowsCountsAndPhase() {
        RunProgress progress = RunProgress.of("eight_schools_centered", 1000, 400);
        // Tests run without a console, so no painter thread starts and nothing is printed.
        try (ProgressBar bar = ProgressBar.start(progress)) {
            String before = bar.line();
            assertTrue(before.startsWith("eight_schools_centered warm-up [------------------------------] "
                    + "0/400 iterations"), before);
            progress.warmup().addAndGet(100);
            String warming = bar.line();
            assertTrue(warming.contains("warm-up [#######-----------------------] 100/400 iterations"), warming);
            progress.warmup().addAndGet(300);
            progress.draws().addAndGet(500);
            progress.divergences().addAndGet(7);
            String half = bar.line();
            assertTrue(half.contains("sampling [###############---------------] 500/1000 draws, ... draws/s, "
                    + "7 divergent"), half);
            assertTrue(half.contains("ETA"), half);
        }
    }

    /** Draws per second count from the first draw after warm-up, so warm-up does not drag the rate down. */
    @Test
    void rateCountsFromTheFirstDraw() throws InterruptedException {
        RunProgress progress = RunProgress.of("funnel", 100_000, 1000);
        try (ProgressBar bar = ProgressBar.start(progress)) {
            progress.draws().addAndGet(1);
            bar.line();
            Thread.sleep(1100);
            progress.draws().addAndGet(999);
            String line = bar.line();
            java.util.regex.Matcher rate = java.util.regex.Pattern.compile("([0-9,]+) draws/s").matcher(line);
            assertTrue(rate.find(), line);
            double perSecond = Double.parseDouble(rate.group(1).replace(",", ""));
            assertTrue(perSecond > 200 && perSecond <= 1000, line);
            assertTrue(line.contains("1000/100000 draws"), line);
        }
    }

    @Test
    void withoutAWarmupTotalItSaysWarmingUp() {
        try (ProgressBar bar = ProgressBar.start(RunProgress.of("funnel", 10))) {
            assertTrue(bar.line().contains("warming up") && bar.line().contains("0/10 draws"), bar.line());
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
