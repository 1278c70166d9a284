package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} on a small budget: both models, their numbers, the two-run report, and no overwriting. */
class DemoCommandTest {

    @TempDir
    Path temporary;

    @Test
    void smallDemoRunsBothModelsWritesTheReportAndRefusesToOverwrite() throws IOException {
        Path output = temporary.resolve("demo");
        RunOnDisk demo = RunOnDisk.execute("demo", "--chains", "4", "--warmup", "150", "--draws", "150",
                "-o", output.toString()).succeeded();
        String out = demo.out();
        assertTrue(out.startsWith("backend: cpu (requested)\n"), out);
        assertTrue(out.contains("4 chains x 150 warm-up x 150 draws per model"), out);
        assertTrue(out.contains("eight_schools_centered: 4 chains x 150 draws"), out);
        assertTrue(out.contains("eight_schools_noncentered: 4 chains x 150 draws"), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("number of divergent draws: ")).count(), out);
        assertEquals(2, out.lines().filter(l -> l.startsWith("E[log tau] = ") && l.contains("exact 0.80")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("noncentered ")), "closing comparison table");
        String html = Files.readString(output.resolve("report.html"));
        ReportCommandsTest.assertSelfContained(html);
        assertEquals(List.of("centered", "noncentered", "report.html"), ReportCommandsTest.fileNames(output),
                "the runs and one page");
        Matcher overlay = Pattern.compile("<figure id=\"compare-funnel-overlay\">\n<img src=\"data:image/png;"
                + "base64,([^\"]+)\"").matcher(html);
        assertTrue(overlay.find(), "the funnel overlay is an inline PNG");
        ReportCommandsTest.assertShowsSomething(ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(overlay.group(1)))), "the funnel overlay");
        assertTrue(Files.isRegularFile(output.resolve("centered").resolve("draws.csv")));
        assertTrue(Files.isRegularFile(output.resolve("noncentered").resolve("run.json")));

        RunOnDisk again = RunOnDisk.execute("demo", "--chains", "4", "--warmup", "150", "--draws", "150",
                "-o", output.toString());
        assertEquals(2, again.exitCode());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("--force"), again.err());
    }
}
