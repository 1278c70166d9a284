package manynuts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import manynuts.output.FileErrors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The look shared by every figure (white background, light grid, large fonts, a palette whose chain colours
 * never resemble the red of divergent draws) and the PNG writing, headless.
 */
public final class ChartStyle {

    static {
        // Reports are written on servers without a display; must be set before AWT starts.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Divergent draws: saturated red, drawn on top, in every figure. */
    public static final Color DIVERGENT = new Color(0xE4, 0x1A, 0x1C);
    /** Draws of a single run in scatter plots and densities. */
    public static final Color DRAWS = new Color(0x1F, 0x77, 0xB4);
    /** The second run in comparisons. */
    public static final Color SECOND_RUN = new Color(0xFF, 0x7F, 0x0E);
    /** Exact reference lines and curves. */
    public static final Color EXACT = new Color(0x22, 0x22, 0x22);

    // Tableau-like colours without red, so a chain is never mistaken for a divergence.
    private static final Color[] CHAINS = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B), new Color(0xE3, 0x77, 0xC2),
        new Color(0x7F, 0x7F, 0x7F), new Color(0x17, 0xBE, 0xCF),
    };

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {
    }

    /** Colour of the {@code index}-th chain drawn. */
    public static Color chain(int index) {
        return CHAINS[index % CHAINS.length];
    }

    /** The same colour with the given opacity in [0, 1]. */
    public static Color translucent(Color colour, double alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), (int) Math.round(255 * alpha));
    }

    static Shape dot(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }

    /** A cross, for divergent draws: stands out from round dots even where colours blur. */
    static Shape cross(double size) {
        double h = size / 2;
        Path2D.Double cross = new Path2D.Double();
        cross.moveTo(-h, -h);
        cross.lineTo(h, h);
        cross.moveTo(-h, h);
        cross.lineTo(h, -h);
        return new BasicStroke(2.0f).createStrokedShape(cross);
    }

    static Shape square(double size) {
        return new Rectangle2D.Double(-size / 2, -size / 2, size, size);
    }

    /** Applies the shared look to a chart built with an XYPlot. */
    static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(TITLE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        // Later series on top: divergences and exact curves are added last so that they are never hidden.
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlinePaint(new Color(0x99, 0x99, 0x99));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            plot.getDomainAxis(i).setLabelFont(LABEL);
            plot.getDomainAxis(i).setTickLabelFont(TICK);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            plot.getRangeAxis(i).setLabelFont(LABEL);
            plot.getRangeAxis(i).setTickLabelFont(TICK);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE));
        }
        return chart;
    }

    /** Writes one chart as a PNG of the given size. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        writePng(List.of(chart), file, width, height);
    }

    /** Writes charts side by side, left to right, as one PNG of the given total size. */
    public static void writePng(List<JFreeChart> charts, Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            int each = width / charts.size();
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(graphics, new Rectangle2D.Double(i * each, 0, each, height));
            }
        } finally {
            graphics.dispose();
        }
        writeFast(image, file);
    }

    // Favour speed over size: the default deflate level costs most of a figure's time for a few per cent of bytes.
    private static void writeFast(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        if (parameters.canWriteCompressed()) {
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(0.9f);
        }
        // Opened here, not by ImageIO, which prints a trace and carries on with no stream when it cannot open the file.
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file);
                ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            // ImageIO says "I/O error writing PNG file!" and keeps the reason in its cause.
            throw FileErrors.cannot("write", file, e);
        } finally {
            writer.dispose();
        }
    }
}
