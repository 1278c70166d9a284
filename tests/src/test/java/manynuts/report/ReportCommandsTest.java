package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.PosteriorDraws;
import manynuts.diagnostics.draws.StanCsvReader;
import manynuts.run.SavedRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary}, {@code report} and {@code sample --stan-csv} on two small runs written by {@code sample}: the
 * summary is the one sample printed, the report is one file whose figures show something, Stan CSV reads back.
 */
class ReportCommandsTest {

    @TempDir
    static Path temporary;
    static Path centered;
    static Path noncentered;
    static RunOnDisk centeredSample;

    @BeforeAll
    static void sampleTwoSmallRuns() {
        centered = temporary.resolve("centered");
        noncentered = temporary.resolve("noncentered");
        centeredSample = RunOnDisk.execute("sample", "-m", "centered", "--chains", "8", "--warmup", "200",
                "--draws", "200", "--seed", "11", "--stan-csv", "-o", centered.toString()).succeeded();
        RunOnDisk.execute("sample", "-m", "noncentered", "--chains", "8", "--warmup", "200", "--draws", "200",
                "--seed", "11", "--superchain-size", "2", "--hdi-prob", "0.9", "-o", noncentered.toString())
                .succeeded();
    }

    @Test
    void summaryPrintsTheTableAndWarningsThatSamplePrinted() {
        RunOnDisk summary = RunOnDisk.execute("summary", centered.toString()).succeeded();
        List<String> sampled = centeredSample.out().lines().toList();
        // sample: the backend line, headline, table and warnings, "wrote DIR"; summary: its own first line, table
        // and warnings.
        List<String> expected = sampled.subList(2, sampled.size() - 1);
        assertTrue(sampled.get(0).startsWith("backend: cpu"), sampled.get(0));
        List<String> printed = summary.out().lines().toList();
        assertEquals(expected, printed.subList(1, printed.size()));
        assertTrue(printed.get(0).startsWith("eight_schools_centered: 8 chains x 200 draws"), printed.get(0));
    }

    @Test
    void summaryTakesTheSummaryOptionsAndChecksThemAgainstTheRun() throws IOException {
        List<String> printed = RunOnDisk.execute("summary", centered.toString(), "--superchain-size", "4",
                "--hdi-prob", "0.9", "--ranks", "binned").succeeded().out().lines().toList();
        String header = printed.get(1);
        assertTrue(header.contains("hdi_5%") && header.contains("hdi_95%") && header.endsWith("rhat_nested"), header);
        // 8 chains in two superchains of 4: a number in every row, not the NA of fewer than two superchains.
        String tauRow = printed.stream().filter(line -> line.startsWith("tau ")).findFirst().orElseThrow();
        String nested = tauRow.substring(tauRow.lastIndexOf(' ') + 1);
        assertTrue(Double.parseDouble(nested) > 0.9, tauRow);
        // sample takes them too: run.json records the superchains its chains started in, its summary.csv has the
        // nested column, and summary takes the run's superchains unless told otherwise.
        assertTrue(Files.readString(noncentered.resolve("run.json")).contains("\"superchain_size\" : 2"));
        assertTrue(Files.readAllLines(noncentered.resolve("summary.csv")).get(0).endsWith(",rhat_nested"));
        String runHeader = RunOnDisk.execute("summary", noncentered.toString()).succeeded().out().lines().skip(1)
                .findFirst().orElseThrow();
        assertTrue(runHeader.contains("hdi_5%") && runHeader.endsWith("rhat_nested"), "the run's own: " + runHeader);
        String overridden = RunOnDisk.execute("summary", noncentered.toString(), "--superchain-size", "4",
                "--hdi-prob", "0.95").succeeded().out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(overridden.contains("hdi_2.5%") && overridden.endsWith("rhat_nested"), overridden);
        RunOnDisk refused = RunOnDisk.execute("summary", centered.toString(), "--superchain-size", "3");
        assertEquals(2, refused.exitCode());
        assertEquals("error: --superchain-size 3 does not divide 8 chains", refused.err().strip());
    }

    @Test
    void twoRunReportHoldsEveryFigureAndWritesThemAsPngFilesOnRequest() throws IOException {
        Path page = temporary.resolve("both").resolve("report.html");
        Path pngs = temporary.resolve("both-figures");
        String wrote = RunOnDisk.execute("report", centered.toString(), noncentered.toString(), "-o",
                page.toString(), "--figures", pngs.toString()).succeeded().out();
        String html = Files.readString(page);
        // The run sampled in superchains shows nested R-hat; the other does not.
        assertEquals(1, html.split("<th>rhat_nested</th>", -1).length - 1, "one table with nested R-hat");
        assertSelfContained(html);
        assertEquals(List.of("report.html"), fileNames(page.getParent()), "nothing but the page beside it");
        Set<String> figures = figureIds(html);
        assertTrue(wrote.contains("(" + figures.size() + " figures inline, "), wrote);
        assertTrue(wrote.strip().endsWith("and " + figures.size() + " PNG files in " + pngs), wrote);
        Set<String> written = new TreeSet<>(fileNames(pngs).stream().map(n -> n.replaceFirst("\\.png$", ""))
                .toList());
        assertEquals(written, figures, "one PNG file per figure on the page, named after its anchor");
        for (String expected : List.of("compare-funnel-overlay", "run1-running-mean-log-tau", "run2-energy",
                "run1-rank-tau_log", "run2-trace-theta1", "run1-forest-theta", "run2-chains-tau_log",
                "run1-ess-tau_log", "run2-autocorrelation", "run1-pairs", "run2-parallel")) {
            assertTrue(figures.contains(expected), expected + " among " + figures);
        }
        for (String name : written) {
            assertShowsSomething(pngs.resolve(name + ".png"));
        }
        assertTrue(html.contains("E[log tau] = "), "the page compares E[log tau] with the exact value");
        assertTrue(html.contains("Divergent transitions: <b>"), "the page counts divergences");
        assertTrue(html.contains("<table class=\"summary\">"), "the page has the summary table");
    }

    @Test
    void theNoncenteredRunningMeanBandHoldsTheExactMeanAndBothFunnelsShareTheirAxes() {
        ReportedRun first = ReportedRun.of(SavedRun.open(centered));
        ReportedRun second = ReportedRun.of(SavedRun.open(noncentered));
        double exact = second.exactMean("tau_log");
        RunningMeanPlot.Band band = RunningMeanPlot.band(second.draws().column("tau_log"));
        int last = band.iteration().length - 1;
        assertEquals(200, band.iteration()[last]);
        assertTrue(Math.abs(band.mean()[last] - exact) <= RunningMeanPlot.BAND_MCSE * band.mcse()[last],
                "E[log tau] " + band.mean()[last] + " +/- 2 x " + band.mcse()[last] + " against " + exact);
        assertTrue(RunningMeanPlot.range(second.draws().column("tau_log"), exact).contains(exact));
        SharedAxes shared = SharedAxes.of(List.of(first, second));
        org.jfree.data.Range[] logTau = new org.jfree.data.Range[2];
        org.jfree.data.Range[] theta = new org.jfree.data.Range[2];
        for (int i = 0; i < 2; i++) {
            ReportedRun run = i == 0 ? first : second;
            var chart = RunFigures.funnelChart(run, PointSample.of(run.draws().column("theta[1]"),
                    run.draws().column("tau_log"), run.draws().divergent(), PointSample.DEFAULT_LIMIT), shared);
            logTau[i] = chart.getXYPlot().getRangeAxis().getRange();
            theta[i] = chart.getXYPlot().getDomainAxis().getRange();
        }
        assertEquals(logTau[0], logTau[1]);
        assertEquals(theta[0], theta[1]);
        // The non-centered run reaches further down the neck; the shared axis goes there for both.
        double lowest = java.util.Arrays.stream(second.draws().column("tau_log"))
                .flatMapToDouble(java.util.Arrays::stream).sorted().skip(2).findFirst().orElseThrow();
        assertTrue(logTau[0].getLowerBound() <= lowest, logTau[0] + " against " + lowest);
    }

    @Test
    void oneRunReportGoesIntoTheRunDirectoryAsOneFile() throws IOException {
        RunOnDisk.execute("report", noncentered.toString()).succeeded();
        String html = Files.readString(noncentered.resolve("report.html"));
        assertSelfContained(html);
        try (Stream<Path> files = Files.list(noncentered)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".png")), "no PNG files unless asked for");
        }
        Set<String> figures = figureIds(html);
        assertTrue(figures.size() > 20, figures::toString);
        assertTrue(html.contains("<summary>" + figures.size() + " figures</summary>"), "the page lists them");
        assertFalse(html.contains("funnel-overlay"), "no comparison for one run");
    }

    @Test
    void figuresIntoAFileIsRefusedInOneLine() throws IOException {
        Path file = Files.writeString(temporary.resolve("figures.txt"), "not a directory");
        Path page = temporary.resolve("refused").resolve("report.html");
        for (List<String> command : List.of(List.of("report", noncentered.toString(), "-o", page.toString()),
                List.of("demo", "-o", temporary.resolve("refused-demo").toString()))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--figures", file.toString()));
            RunOnDisk result = RunOnDisk.execute(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.err());
            assertEquals("error: --figures " + file + " is not a directory", result.err().strip());
        }
        assertFalse(Files.exists(page), "refused before the page is written");
    }

    @Test
    void badRunDirectoriesGiveOneLineAndExitCodeTwo() throws IOException {
        Path notARun = Files.createDirectories(temporary.resolve("empty"));
        Path file = Files.writeString(temporary.resolve("file.txt"), "not a run");
        Path brokenDraws = Files.createDirectories(temporary.resolve("broken"));
        Files.copy(centered.resolve("run.json"), brokenDraws.resolve("run.json"));
        Files.writeString(brokenDraws.resolve("draws.csv"), ".chain,.iteration,mu\n1,1,oops\n");
        Path badSuperchains = Files.createDirectories(temporary.resolve("bad-superchains"));
        String record = Files.readString(centered.resolve("run.json"));
        assertTrue(record.contains("\"superchain_size\" : 1"), record);
        Files.writeString(badSuperchains.resolve("run.json"), record.replace("\"superchain_size\" : 1",
                "\"superchain_size\" : 3"));
        Files.copy(centered.resolve("draws.csv"), badSuperchains.resolve("draws.csv"));
        Path fractionalSuperchains = Files.createDirectories(temporary.resolve("fractional-superchains"));
        Files.writeString(fractionalSuperchains.resolve("run.json"), record.replace("\"superchain_size\" : 1",
                "\"superchain_size\" : 2.5"));
        Files.copy(centered.resolve("draws.csv"), fractionalSuperchains.resolve("draws.csv"));
        for (String command : List.of("summary", "report")) {
            for (Path bad : List.of(temporary.resolve("missing"), notARun, file, brokenDraws, badSuperchains,
                    fractionalSuperchains)) {
                RunOnDisk result = RunOnDisk.execute(command, bad.toString());
                assertEquals(2, result.exitCode(), command + " " + bad + ": " + result.err());
                assertEquals(1, result.err().lines().count(), result.err());
                assertTrue(result.err().startsWith("error: "), result.err());
                assertFalse(result.err().contains("Exception"), result.err());
            }
        }
    }

    @Test
    void stanCsvFilesReadBackAsTheSameDraws() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int chain = 1; chain <= 8; chain++) {
            files.add(centered.resolve("stan").resolve("chain-" + chain + ".csv"));
        }
        StanCsvReader.StanRun stan = StanCsvReader.read(files);
        PosteriorDraws draws = DrawsDataFrameReader.read(centered.resolve("draws.csv"));
        assertEquals(10, stan.maxTreeDepth());
        // The files write theta.1, as CmdStan does; the reader names it theta[1], as draws.csv does.
        assertEquals(List.of("mu", "tau", "theta[1]", "theta[2]", "theta[3]",
                "theta[4]", "theta[5]", "theta[6]", "theta[7]", "theta[8]", "tau_log"), stan.draws().variables());
        assertTrue(Files.readAllLines(files.get(0)).stream().anyMatch(l -> l.startsWith("lp__,") && l.contains(",theta.1,")));
        for (String name : List.of("mu", "theta[1]", "theta[8]", "tau_log")) {
            double[][] expected = draws.of(name);
            double[][] actual = stan.draws().of(name);
            for (int chain = 0; chain < 8; chain++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected[chain], actual[chain], name);
            }
        }
        for (int chain = 0; chain < 8; chain++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(draws.of("divergent__")[chain], stan.stats().divergent()[chain]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(draws.of("energy__")[chain], stan.stats().energy()[chain]);
        }

        // The lines cmdstanpy's scan_hmc_params expects right after the header row, in this order.
        List<String> lines = Files.readAllLines(files.get(0));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("lp__,")).findFirst().orElseThrow());
        assertEquals("# Adaptation terminated", lines.get(header + 1));
        assertTrue(lines.get(header + 2).matches("# Step size = [0-9.eE-]+"), lines.get(header + 2));
        assertEquals("# Diagonal elements of inverse mass matrix:", lines.get(header + 3));
        assertEquals(10, lines.get(header + 4).split(",").length, "one entry per unconstrained coordinate");
        assertTrue(lines.contains("#         metric = diag_e (Default)"), "cmdstanpy reads the metric setting");
        assertTrue(lines.stream().anyMatch(l -> l.strip().equals("#             max_depth = 10")));
        assertEquals(200, lines.subList(header + 5, lines.size()).stream().filter(l -> !l.startsWith("#")).count(),
                "one row per draw after the adaptation block");
        assertTrue(lines.stream().anyMatch(l -> l.matches("#\\s+[0-9.Ee-]+ seconds \\(Total\\)")),
                "rstan and cmdstanr look for the Elapsed Time block");
    }

    /** The anchors of the page's figures. */
    static Set<String> figureIds(String html) {
        Set<String> ids = new TreeSet<>();
        Matcher figure = Pattern.compile("<figure id=\"([^\"]+)\">").matcher(html);
        while (figure.find()) {
            assertTrue(ids.add(figure.group(1)), "two figures are " + figure.group(1));
        }
        return ids;
    }

    /**
     * Every figure is an inline SVG or a PNG data URI, and nothing refers to another file: no source, link or
     * stylesheet but the page's own, no URL but its anchors.
     */
    static void assertSelfContained(String html) {
        int figures = figureIds(html).size();
        int inline = html.split("<figure id=\"[^\"]+\">\n(<svg|<img src=\"data:image/png;base64,)", -1).length - 1;
        assertEquals(figures, inline, "every figure is inline");
        Matcher reference = Pattern.compile("(src|href)=[\"']([^\"']*)[\"']|url\\(([^)]*)\\)|<link|@import")
                .matcher(html);
        while (reference.find()) {
            String target = reference.group(2) != null ? reference.group(2) : reference.group(3);
            boolean own = target != null && (target.startsWith("data:") || target.startsWith("#"));
            assertTrue(own, "the page refers to " + reference.group());
        }
    }

    static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Decodes, is at least 600 x 400, and is no blank canvas: many colours, a good share of non-white pixels. */
    static void assertShowsSomething(Path png) throws IOException {
        assertShowsSomething(ImageIO.read(png.toFile()), png.toString());
    }

    static void assertShowsSomething(BufferedImage image, String png) {
        assertTrue(image != null, png + " does not decode as an image");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400,
                png + " is only " + image.getWidth() + " x " + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
        assertTrue(colours.size() > 20, png + " has only " + colours.size() + " colours");
        assertTrue(inked > sampled / 50, png + " is almost blank: " + inked + " of " + sampled + " pixels inked");
    }
}
