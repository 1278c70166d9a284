package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures are inline, vector unless the SVG is heavy, and PNG files only when asked for. */
class FigureRendererTest {

    @TempDir
    Path directory;

    private static double[][] draws(int chains, int length, long seed) {
        Random random = new Random(seed);
        double[][] draws = new double[chains][length];
        for (double[] chain : draws) {
            for (int i = 0; i < length; i++) {
                chain[i] = random.nextGaussian();
            }
        }
        return draws;
    }

    @Test
    void aShortTraceIsSvgAndNoFileIsWritten() throws IOException {
        Figure figure = FigureRenderer.inline().vector("trace-mu.png", TracePlot.chart("mu", draws(4, 200, 1),
                new boolean[4][200]), 1400, 500, "Trace of mu", "caption");
        assertTrue(figure.markup().startsWith("<svg"), figure.markup().substring(0, 40));
        assertTrue(figure.markup().length() < FigureRenderer.SVG_LIMIT, "length " + figure.markup().length());
        assertEquals("trace-mu", figure.anchor());
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aTraceHeavierThanTheLimitAsSvgIsTheLighterPng() throws IOException {
        // 4 chains of 40,000 draws: 160,000 vertices, far more than the 1400 pixels across.
        Figure figure = FigureRenderer.inline().vector("trace-mu.png", TracePlot.chart("mu", draws(4, 40_000, 2),
                new boolean[4][40_000]), 1400, 500, "Trace of mu", "caption");
        assertTrue(figure.markup().startsWith("<img src=\"data:image/png;base64,"), figure.markup().substring(0, 40));
        assertTrue(figure.markup().contains("alt=\"Trace of mu\""), "the title is its alt text");
    }

    @Test
    void filesAreWrittenAtTheirNominalSizeWhenAskedFor() throws IOException {
        FigureRenderer renderer = FigureRenderer.alsoPng(directory);
        Figure line = renderer.vector("trace-mu.png", TracePlot.chart("mu", draws(4, 200, 3), new boolean[4][200]),
                1400, 500, "Trace of mu", "caption");
        PointSample points = PointSample.of(draws(4, 500, 4), draws(4, 500, 5), new boolean[4][500], 2000);
        Figure cloud = renderer.raster("funnel.png", FunnelPlot.chart("Funnel", "theta[1]", "log tau",
                List.of(new FunnelPlot.Cloud("run", points, ChartStyle.DRAWS))), 1000, 700, "Funnel", "c");
        assertTrue(cloud.markup().startsWith("<img"), "a cloud of points is a PNG on the page too");
        assertTrue(cloud.markup().contains("width=\"1000\" height=\"700\""), "shown at its nominal size at most");
        for (Figure figure : List.of(line, cloud)) {
            BufferedImage image = ImageIO.read(directory.resolve(figure.file()).toFile());
            assertFalse(image == null, figure.file());
        }
        String data = cloud.markup().substring(cloud.markup().indexOf(",") + 1, cloud.markup().indexOf("\" width"));
        assertArrayEquals(Files.readAllBytes(directory.resolve("funnel.png")), Base64.getDecoder().decode(data),
                "the file is the PNG on the page, drawn once");
        assertEquals(1400, ImageIO.read(directory.resolve("trace-mu.png").toFile()).getWidth());
        assertEquals(700, ImageIO.read(directory.resolve("funnel.png").toFile()).getHeight());
    }

    @Test
    void panelsInAGridKeepTheirSizeOnThePageAndInTheFile() throws IOException {
        // Three autocorrelation panels in rows of two: two rows, the second half empty.
        List<org.jfree.chart.JFreeChart> panels = List.of(AutocorrelationPlot.chart("a", draws(2, 300, 6)),
                AutocorrelationPlot.chart("b", draws(2, 300, 7)), AutocorrelationPlot.chart("c", draws(2, 300, 8)));
        Figure figure = FigureRenderer.alsoPng(directory).grid("acf.png", panels, 2, 340, 320, "Autocorrelation",
                "caption");
        assertTrue(figure.markup().startsWith("<svg"), figure.markup().substring(0, 40));
        assertTrue(figure.markup().contains("width='680' height='640'"), figure.markup().substring(0, 200));
        BufferedImage image = ImageIO.read(directory.resolve("acf.png").toFile());
        assertEquals(680, image.getWidth());
        assertEquals(640, image.getHeight());
    }
}
