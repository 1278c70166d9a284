package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ArviZ-style figures are drawn, show something as PNG files, and stay affordable at 4,096 chains. */
class ArvizFiguresTest {

    @TempDir
    Path directory;

    @Test
    void aSmallRunGetsEveryFigureButTheRankEcdf() throws IOException {
        ReportedRun run = SyntheticRun.of(directory, 4, 200, 8, 1);
        List<Figure> figures = RunFigures.arvizFigures(run, FigureRenderer.alsoPng(directory), "run-");
        Set<String> files = new HashSet<>(figures.stream().map(Figure::file).toList());
        for (String expected : List.of("run-chains-tau_log.png", "run-chains-mu.png", "run-chains-theta1.png",
                "run-forest-theta.png", "run-ess-tau_log.png", "run-ess-mu.png", "run-autocorrelation.png",
                "run-pairs.png", "run-parallel.png")) {
            assertTrue(files.contains(expected), expected + " among " + files);
        }
        assertFalse(files.stream().anyMatch(f -> f.contains("rank-ecdf")), "4 chains have rank histograms: " + files);
        for (Figure figure : figures) {
            assertShowsSomething(directory.resolve(figure.file()));
            assertFalse(figure.caption().isBlank(), figure.file());
            assertTrue(figure.markup().startsWith("<svg") || figure.markup().startsWith(
                    "<img src=\"data:image/png;base64,"), figure.file() + " is inline");
        }
        // By kind: a cloud of thousands of points is a PNG, lines and intervals are vector.
        assertTrue(markup(figures, "run-pairs.png").startsWith("<img"), "pairs");
        assertTrue(markup(figures, "run-forest-theta.png").startsWith("<svg"), "forest");
        assertTrue(markup(figures, "run-autocorrelation.png").startsWith("<svg"), "autocorrelation");
        String forest = figures.stream().filter(f -> f.file().contains("forest")).findFirst().orElseThrow()
                .caption();
        assertTrue(forest.contains("exact posterior means"), forest);
    }

    @Test
    void manyChainsGetTheRankEcdfAndThinnedDrawings() throws IOException {
        ReportedRun run = SyntheticRun.of(directory, 64, 100, 8, 2);
        List<Figure> figures = RunFigures.arvizFigures(run, FigureRenderer.alsoPng(directory), "");
        Figure ecdf = figures.stream().filter(f -> f.file().equals("rank-ecdf-tau_log.png")).findFirst()
                .orElseThrow();
        assertTrue(ecdf.caption().matches("\\d+ of 64 chains leave the 95 % simultaneous band.*"), ecdf.caption());
        assertShowsSomething(directory.resolve(ecdf.file()));
        Figure trace = figures.stream().filter(f -> f.file().equals("chains-mu.png")).findFirst().orElseThrow();
        assertTrue(trace.caption().contains("Chains 1-16 of 64 are drawn."), trace.caption());
        Figure pairs = figures.stream().filter(f -> f.file().equals("pairs.png")).findFirst().orElseThrow();
        assertTrue(pairs.caption().startsWith("Shows " + RunFigures.PAIR_POINTS + " of 6400 draws"), pairs.caption());
    }

    @Test
    void tinyRunsStillGetTheirFigures() throws IOException {
        for (int[] shape : new int[][] {{1, 3}, {9, 2}, {12, 1}}) {
            ReportedRun run = SyntheticRun.of(directory, shape[0], shape[1], 2, 4);
            List<Figure> figures = RunFigures.arvizFigures(run, FigureRenderer.alsoPng(directory),
                    shape[0] + "x" + shape[1] + "-");
            assertTrue(figures.stream().anyMatch(f -> f.file().endsWith("pairs.png")), shape[0] + " x " + shape[1]);
        }
    }

    /** Not asserted: the time is recorded for the report of the change. */
    @Test
    void fourThousandChainsOfATenParameterModel() throws IOException {
        ReportedRun run = SyntheticRun.of(directory, 4096, 100, 7, 3);
        assertEquals(10, run.draws().outputs().size());
        long start = System.nanoTime();
        List<Figure> all = RunFigures.write(run, FigureRenderer.alsoPng(directory), "many-");
        double allSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        List<Figure> arviz = RunFigures.arvizFigures(run, FigureRenderer.alsoPng(directory), "again-");
        double arvizSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "4096 chains x 100 draws, 10 outputs: all %d figures in %.1f s, "
                + "the %d ArviZ-style ones in %.1f s%n", all.size(), allSeconds, arviz.size(), arvizSeconds);
        assertTrue(all.stream().anyMatch(f -> f.file().equals("many-rank-ecdf-mu.png")));
        for (Figure figure : arviz) {
            assertShowsSomething(directory.resolve(figure.file()));
        }
    }

    private static String markup(List<Figure> figures, String file) {
        return figures.stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow().markup();
    }

    /** Decodes, is not tiny and is not nearly blank. */
    static void assertShowsSomething(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " does not decode as an image");
        assertTrue(image.getWidth() >= 400 && image.getHeight() >= 200, png + " is " + image.getWidth() + " x "
                + image.getHeight());
        int inked = 0;
        int sampled = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                sampled++;
                inked += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        assertTrue(inked > sampled / 50, png + " is almost blank: " + inked + " of " + sampled + " pixels inked");
    }
}
