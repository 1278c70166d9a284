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
}
