package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader opens it: headless Chromium, with no network and no display, loads a copy of the page
 * with a probe script added, and every figure the page lists loads, draws something, fits its column and keeps
 * its proportions, nothing is fetched, the page does not scroll sideways, and the file is under its bound. A
 * screenshot of each page is kept under target/browser/.
 */
class BrowserReportTest {

    /** The page-size bound of docs/report.md. */
    static final long PAGE_BOUND_BYTES = 8_000_000;

    /** A common laptop window. */
    static final int WINDOW_WIDTH = 1280;

    /** Set (by .ci/run) to make a missing browser a failure rather than a skipped test. */
    static final String REQUIRE = "MANYNUTS_REQUIRE_BROWSER";

    static final Path ARTIFACTS = Path.of("target", "browser").toAbsolutePath();

    /** Names another Chromium binary than {@code chromium} on the PATH. */
    static final String BROWSER = "MANYNUTS_CHROMIUM";

    @TempDir
    static Path temporary;
    static String chromium;
    static String missing;
    static Path centered;
    static Path noncentered;

    @BeforeAll
    static void findTheBrowserAndSampleTwoRuns() {
        chromium = chromium();
        if (chromium == null) {
            return;
        }
        centered = temporary.resolve("centered");
        noncentered = temporary.resolve("noncentered");
        // More chains than rank histograms show, so that the rank ECDF figures are on the page too.
        for (String model : List.of("centered", "noncentered")) {
            RunOnDisk.execute("sample", "-m", model, "--chains", "12", "--warmup", "150", "--draws", "150",
                    "--seed", "5", "--quiet", "-o", temporary.resolve(model).toString()).succeeded();
        }
    }

    /** Each test, not the class, is skipped: a class skipped before its tests is reported as no tests at all. */
    @BeforeEach
    void skipWithoutTheBrowser() {
        Assumptions.assumeTrue(chromium != null, missing);
    }

    @Test
    void twoRunsSideBySideLoadFitAndStayUnderTheBound() throws IOException, InterruptedException {
        checkInBrowser("report-two-runs", centered, noncentered);
    }

    @Test
    void oneRunLoadsFitsAndStaysUnderTheBound() throws IOException, InterruptedException {
        checkInBrowser("report-one-run", noncentered);
    }

    private static void checkInBrowser(String name, Path... runs) throws IOException, InterruptedException {
        Path page = temporary.resolve(name).resolve("report.html");
        List<String> args = new ArrayList<>(List.of("report"));
        for (Path run : runs) {
            args.add(run.toString());
        }
        args.addAll(List.of("-o", page.toString()));
        String wrote = RunOnDisk.execute(args.toArray(String[]::new)).succeeded().out();
        Matcher counted = Pattern.compile("\\((\\d+) figures inline").matcher(wrote);
        assertTrue(counted.find(), wrote);
        int figures = Integer.parseInt(counted.group(1));
        try (var beside = Files.list(page.getParent())) {
            assertEquals(List.of(page), beside.toList(), "the page is the only file written");
        }
        long bytes = Files.size(page);
        assertTrue(bytes < PAGE_BOUND_BYTES, name + " weighs " + bytes + " bytes");

        Files.createDirectories(ARTIFACTS);
        Path probed = ARTIFACTS.resolve(name + "-probed.html");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(probed, html.replace("</body>", "<script>\n" + probeScript() + "</script>\n</body>"),
                StandardCharsets.UTF_8);
        String dom = run(name + "-dom", "--window-size=" + WINDOW_WIDTH + ",900", "--dump-dom",
                probed.toUri().toString());
        Matcher probe = Pattern.compile("<pre id=\"manynuts-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(probe.find(), "the probe did not run; chromium printed " + dom.length() + " characters");
        List<String> facts = probe.group(1).lines().toList();

        assertEquals(String.valueOf(figures), fact(facts, "figures"), "figures on the page");
        assertEquals(String.valueOf(figures), fact(facts, "listed"), "figures in the page's list");
        List<String> checked = facts.stream().filter(l -> l.startsWith("figure ")).toList();
        assertEquals(figures, checked.size(), String.join("\n", facts));
        List<String> problems = checked.stream().filter(l -> l.contains(" PROBLEM ")).toList();
        assertEquals(List.of(), problems, "figures the browser does not show whole");
        assertTrue(checked.stream().anyMatch(l -> l.endsWith(" svg ok")), "vector figures: " + checked);
        assertTrue(checked.stream().anyMatch(l -> l.endsWith(" img ok")), "raster figures: " + checked);
        assertEquals(List.of(), facts.stream().filter(l -> l.startsWith("fetched ")).toList(),
                "the page loads nothing but itself");
        int viewport = Integer.parseInt(fact(facts, "viewport"));
        assertTrue(viewport > WINDOW_WIDTH - 40, "the window is " + viewport + " px wide");
        assertEquals(String.valueOf(viewport), fact(facts, "scrollWidth"), "no sideways scrolling");

        // Chromium draws at most 16,384 pixels in one go.
        int height = Math.min(16_384, Integer.parseInt(fact(facts, "scrollHeight")));
        Path screenshot = ARTIFACTS.resolve(name + ".png");
        Files.deleteIfExists(screenshot);
        run(name + "-screenshot", "--window-size=" + WINDOW_WIDTH + "," + height,
                "--screenshot=" + screenshot, probed.toUri().toString());
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page at " + screenshot);
    }

    private static String fact(List<String> facts, String key) {
        return facts.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " among " + facts));
    }

    private static String probeScript() throws IOException {
        try (InputStream script = BrowserReportTest.class.getResourceAsStream("probe.js")) {
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * {@value #BROWSER}, else Debian's chromium on the PATH; without one null and the reason in {@link #missing},
     * or a failure where {@value #REQUIRE} is set.
     */
    private static String chromium() {
        String named = System.getenv(BROWSER);
        List<Path> candidates = new ArrayList<>();
        if (named != null) {
            candidates.add(Path.of(named));
        } else {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
                candidates.add(Path.of(directory.isEmpty() ? "." : directory, "chromium"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String why = named != null ? BROWSER + "=" + named + " is not an executable file"
                : "no chromium on the PATH (Debian: apt-get install chromium)";
        if (System.getenv(REQUIRE) != null) {
            fail(why + ", and " + REQUIRE + " is set");
        }
        missing = why + ": the report is not checked in a browser";
        return null;
    }

    /**
     * Headless, with a profile of its own, DNS answered with "not found" so that nothing could be fetched, and no
     * sandbox (CI runs as root, where Chromium refuses one). Returns what it printed; its log is kept in
     * {@link #ARTIFACTS}.
     */
    private static String run(String name, String... args) throws IOException,
            InterruptedException {
        Path profile = Files.createTempDirectory(temporary, "chromium-");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = ARTIFACTS.resolve(name + ".out");
        Path log = ARTIFACTS.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish in 180 s; its log: " + log);
        }
        assertEquals(0, process.exitValue(), "chromium failed; its log: " + log);
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return printed;
    }
}
