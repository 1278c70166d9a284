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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import manynuts.output.FileErrors;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The look shared by every figure (white background, light grid, large fonts, a palette whose chain colours
 * never resemble the red of divergent draws) and the drawing of charts into markup the page holds inline: SVG
 * for lines and bars, a PNG data URI for dense scatter clouds, both headless.
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

    // Pixel sizes as shown: figures are drawn at the width they take on the page (FULL_WIDTH or COLUMN_WIDTH).
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** The width, in CSS pixels, of a figure that has the page to itself (one run, or both runs in one chart). */
    public static final int FULL_WIDTH = 1400;
    /**
     * The width of a figure in one of two columns: half a page on a 1,440-pixel screen, so that on a laptop's
     * narrower page it shrinks by a tenth at most and tick labels stay above 11 pixels.
     */
    public static final int COLUMN_WIDTH = 680;

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
        // Room on the right for the last tick label of an axis that ends at the last draw.
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 18));
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

    /**
     * Sets an axis to {@code range} when one is given, so that figures of two runs show the same span.
     */
    static void setRange(org.jfree.chart.axis.ValueAxis axis, AxisRange range) {
        if (range != null) {
            axis.setRange(range.low(), range.high());
        }
    }

    /** A line under the chart, in tick-label type: what a reader must know about what is not drawn. */
    static void note(JFreeChart chart, String text) {
        if (!text.isEmpty()) {
            org.jfree.chart.title.TextTitle note = new org.jfree.chart.title.TextTitle(text, TICK);
            note.setPosition(RectangleEdge.BOTTOM);
            note.setPaint(new Color(0x44, 0x44, 0x44));
            chart.addSubtitle(note);
        }
    }

    /**
     * One chart as inline SVG markup, {@code width x height} CSS pixels: the size it is shown at, so that its fonts
     * keep their point sizes on the page. For line charts, histograms and bars: text stays sharp at any zoom and
     * the markup is small.
     */
    public static String svg(JFreeChart chart, int width, int height) {
        return svg(List.of(chart), 1, width, height);
    }

    /**
     * Charts in a grid of {@code columns} per row, each {@code panelWidth x panelHeight}, as one inline SVG.
     */
    public static String svg(List<JFreeChart> charts, int columns, int panelWidth, int panelHeight) {
        int rows = (charts.size() + columns - 1) / columns;
        int width = Math.min(columns, charts.size()) * panelWidth;
        int height = rows * panelHeight;
        SVGGraphics2D graphics = new SVGGraphics2D(width, height);
        // Every clip path and gradient is a definition with an id; ids must be unique across the whole page.
        String prefix = "f" + FIGURES.incrementAndGet() + "-";
        graphics.setDefsKeyPrefix(prefix);
        // A figure is never shown larger than its nominal size, where one unit is at most one screen pixel: whole
        // units in outlines are as sharp as the PNG files the report used to write, and a third lighter than tenths.
        graphics.setGeomDoubleConverter(value -> Long.toString(Math.round(value)));
        graphics.setTransformDoubleConverter(ChartStyle::tenths);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(graphics, new Rectangle2D.Double((i % columns) * panelWidth,
                    (i / columns) * panelHeight, panelWidth, panelHeight));
        }
        return styleClasses(withoutRepeats(graphics.getSVGElement(null, true, new ViewBox(0, 0, width, height), null,
                null)), prefix);
    }

    /** One filled or stroked shape as JFreeSVG writes it: its style, its clip, its outline. */
    private static final Pattern SHAPE = Pattern.compile(
            "<g style='([^']*)'( clip-path='[^']*')?><path d='([^']*)'/></g>");
    private static final Pattern COLOUR = Pattern.compile("(?:fill|stroke):(rgb\\([0-9,]+\\))");

    /**
     * Drops a shape that repeats one drawn earlier in the same run of adjacent shapes of one opaque colour: in such a
     * run the order does not show, and a repeat adds nothing. Markers of divergent draws that fall on the same
     * pixel (a rug of thousands of them) otherwise weigh more than the rest of the figure.
     */
    static String withoutRepeats(String svg) {
        Matcher shape = SHAPE.matcher(svg);
        StringBuilder kept = new StringBuilder(svg.length());
        Set<String> seen = new HashSet<>();
        String runColour = null;
        int end = 0;
        while (shape.find()) {
            String style = shape.group(1);
            Matcher colour = COLOUR.matcher(style);
            boolean opaque = colour.find() && !style.contains("opacity:0") && !style.contains("opacity: 0");
            String paint = opaque ? colour.group(1) : null;
            if (shape.start() != end || paint == null || !paint.equals(runColour)) {
                seen.clear();
            }
            runColour = paint;
            kept.append(svg, end, shape.start());
            if (!opaque || seen.add(shape.group())) {
                kept.append(shape.group());
            }
            end = shape.end();
        }
        return kept.append(svg, end, svg.length()).toString();
    }

    private static final Pattern STYLE = Pattern.compile("style='([^']*)'");

    /**
     * Each distinct style attribute once, as a class in the figure's own style element: JFreeSVG repeats the whole
     * style on every element, and a trace of thousands of segments has a dozen distinct ones. The class names
     * carry the figure's prefix, since a style element in inline SVG applies to the whole page.
     */
    static String styleClasses(String svg, String prefix) {
        Map<String, String> classes = new LinkedHashMap<>();
        Matcher style = STYLE.matcher(svg);
        StringBuilder body = new StringBuilder(svg.length());
        while (style.find()) {
            String name = classes.computeIfAbsent(style.group(1), s -> prefix + "s" + classes.size());
            style.appendReplacement(body, "class='" + name + "'");
        }
        style.appendTail(body);
        StringBuilder rules = new StringBuilder("<style>");
        classes.forEach((declarations, name) -> rules.append('.').append(name).append('{').append(declarations)
                .append('}'));
        rules.append("</style>");
        int opened = body.indexOf(">") + 1;
        return body.insert(opened, rules).toString();
    }

    /**
     * One chart as an {@code <img>} holding a PNG data URI, {@code width x height} CSS pixels, drawn at
     * {@link #PNG_DENSITY} device pixels per CSS pixel. For scatter clouds of thousands of points, which as SVG
     * would weigh megabytes and slow the browser.
     */
    public static String png(JFreeChart chart, int width, int height) throws IOException {
        return png(List.of(chart), 1, width, height, title(chart), PNG_DENSITY);
    }

    /**
     * Charts in a grid of {@code columns} per row, each {@code panelWidth x panelHeight} CSS pixels, as one
     * {@code <img>} holding a PNG data URI drawn at {@code density} device pixels per CSS pixel, with {@code alt}
     * as its text.
     */
    public static String png(List<JFreeChart> charts, int columns, int panelWidth, int panelHeight, String alt,
            double density) throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        return img(pngBytes(charts, columns, panelWidth, panelHeight, density), Math.min(columns, charts.size())
                * panelWidth, rows * panelHeight, alt);
    }

    /** Charts in a grid as {@link #png(List, int, int, int, String, double)} draws them, as PNG file contents. */
    static byte[] pngBytes(List<JFreeChart> charts, int columns, int panelWidth, int panelHeight, double density)
            throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        int width = Math.min(columns, charts.size()) * panelWidth;
        int height = rows * panelHeight;
        BufferedImage image = new BufferedImage((int) Math.round(width * density),
                (int) Math.round(height * density), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.scale(density, density);
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(graphics, new Rectangle2D.Double((i % columns) * panelWidth,
                        (i / columns) * panelHeight, panelWidth, panelHeight));
            }
        } finally {
            graphics.dispose();
        }
        return encode(image);
    }

    /** A PNG as an {@code <img>} of {@code width x height} CSS pixels holding it as a data URI. */
    static String img(byte[] png, int width, int height, String alt) {
        return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\" width=\"" + width
                + "\" height=\"" + height + "\" alt=\"" + HtmlReport.escape(alt) + "\">";
    }

    /** Device pixels per CSS pixel in PNG figures: sharper on high-density screens than 1, far lighter than 2. */
    static final double PNG_DENSITY = 1.5;

    private static final AtomicLong FIGURES = new AtomicLong();

    private static String title(JFreeChart chart) {
        return chart.getTitle() == null ? "" : chart.getTitle().getText();
    }

    private static String tenths(double value) {
        long scaled = Math.round(value * 10);
        return scaled % 10 == 0 ? Long.toString(scaled / 10) : Double.toString(scaled / 10.0);
    }

    // Favour speed over size: the default deflate level costs most of a figure's time for a few per cent of bytes.
    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        if (parameters.canWriteCompressed()) {
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(0.9f);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Writes one chart as a PNG of the given size. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        writePng(List.of(chart), file, width, height);
    }

    /** Writes charts side by side, left to right, as one PNG of the given total size. */
    public static void writePng(List<JFreeChart> charts, Path file, int width, int height) throws IOException {
        writeFile(pngBytes(charts, charts.size(), width / charts.size(), height, 1), file);
    }

    /** Writes a PNG's bytes, or says in one line which file could not be written and why. */
    static void writeFile(byte[] png, Path file) throws IOException {
        try {
            java.nio.file.Files.write(file, png);
        } catch (IOException e) {
            throw FileErrors.cannot("write", file, e);
        }
    }

}
