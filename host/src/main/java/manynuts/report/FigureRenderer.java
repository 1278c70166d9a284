package manynuts.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Turns charts into figures the page holds inline: SVG for lines, bars and intervals, a PNG data URI for clouds of
 * thousands of points and for any chart whose SVG would outweigh {@link #SVG_LIMIT}. Given a directory, it also
 * writes every figure there as a PNG file, for users who want them for a paper.
 */
public final class FigureRenderer {

    /**
     * Characters of SVG beyond which a vector figure is drawn as a PNG as well, and the lighter one kept: long
     * traces of many draws weigh more as paths than as pixels.
     */
    static final int SVG_LIMIT = 150_000;

    /**
     * Device pixels per CSS pixel of PNG figures: a figure is shown at most at its nominal size (narrower in a
     * column of the page), so one pixel per unit is as sharp as the screen, and 1.5 would weigh 2.25 times more.
     */
    static final double DENSITY = 1;

    private final Path pngDirectory;

    private FigureRenderer(Path pngDirectory) {
        this.pngDirectory = pngDirectory;
    }

    /** Figures inline only. */
    public static FigureRenderer inline() {
        return new FigureRenderer(null);
    }

    /** Figures inline, and each also as a PNG file named {@link Figure#file()} in {@code directory}, which exists. */
    public static FigureRenderer alsoPng(Path directory) {
        return new FigureRenderer(directory);
    }

    /**
     * Panels side by side, left to right, {@code width x height} CSS pixels in all, as {@link #grid} draws them.
     *
     * @param file the PNG file's name under {@link #alsoPng}, and the figure's anchor on the page
     */
    Figure vector(String file, List<JFreeChart> panels, int width, int height, String title, String caption)
            throws IOException {
        return grid(file, panels, panels.size(), width / panels.size(), height, title, caption);
    }

    /**
     * Panels in rows of {@code columns}, left to right then top to bottom, each {@code panelWidth x panelHeight}
     * CSS pixels, as SVG unless it weighs more than {@link #SVG_LIMIT} characters and its PNG less. Each is drawn as
     * a PNG at most once.
     *
     * @param file the PNG file's name under {@link #alsoPng}, and the figure's anchor on the page
     */
    Figure grid(String file, List<JFreeChart> panels, int columns, int panelWidth, int panelHeight, String title,
            String caption) throws IOException {
        panels.forEach(FigureRenderer::linesAsPaths);
        int rows = (panels.size() + columns - 1) / columns;
        int width = Math.min(columns, panels.size()) * panelWidth;
        byte[] png = pngDirectory == null ? null : writeFile(file, panels, columns, panelWidth, panelHeight);
        String markup = ChartStyle.svg(panels, columns, panelWidth, panelHeight);
        if (markup.length() > SVG_LIMIT) {
            png = png != null ? png : ChartStyle.pngBytes(panels, columns, panelWidth, panelHeight, DENSITY);
            String img = ChartStyle.img(png, width, rows * panelHeight, title);
            markup = img.length() < markup.length() ? img : markup;
        }
        return new Figure(file, title, caption, markup);
    }

    Figure vector(String file, JFreeChart chart, int width, int height, String title, String caption)
            throws IOException {
        return vector(file, List.of(chart), width, height, title, caption);
    }

    /** One chart, {@code width x height} CSS pixels, as a PNG data URI: for scatter clouds. */
    Figure raster(String file, JFreeChart chart, int width, int height, String title, String caption)
            throws IOException {
        linesAsPaths(chart);
        byte[] png = pngDirectory == null ? ChartStyle.pngBytes(List.of(chart), 1, width, height, DENSITY)
                : writeFile(file, List.of(chart), 1, width, height);
        return new Figure(file, title, caption, ChartStyle.img(png, width, height, title));
    }

    /**
     * Each line series as one path rather than a segment per pair of draws: the same picture, and in SVG one element
     * where there were thousands, each repeating its style.
     */
    private static void linesAsPaths(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot plot) {
            for (int i = 0; i < plot.getRendererCount(); i++) {
                if (plot.getRenderer(i) instanceof XYLineAndShapeRenderer lines) {
                    lines.setDrawSeriesLineAsPath(true);
                }
            }
        }
    }

    /** The panels as one PNG grid, written to {@code file} in the directory; returns its bytes. */
    private byte[] writeFile(String file, List<JFreeChart> panels, int columns, int panelWidth, int panelHeight)
            throws IOException {
        byte[] png = ChartStyle.pngBytes(panels, columns, panelWidth, panelHeight, DENSITY);
        ChartStyle.writeFile(png, pngDirectory.resolve(file));
        return png;
    }
}
