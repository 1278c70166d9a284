package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

/** Charts drawn as markup a page holds inline: SVG with its size and text, PNG as a data URI that decodes. */
class InlineFigureTest {

    private static JFreeChart trace() {
        double[][] draws = new double[2][50];
        boolean[][] divergent = new boolean[2][50];
        for (int draw = 0; draw < 50; draw++) {
            draws[0][draw] = Math.sin(draw / 5.0);
            draws[1][draw] = Math.cos(draw / 7.0);
        }
        divergent[1][10] = true;
        return TracePlot.chart("mu", draws, divergent);
    }

    @Test
    void svgIsOneElementOfTheShownSizeWithItsTextAsText() {
        // JFreeSVG quotes attributes with apostrophes.
        String svg = ChartStyle.svg(trace(), 640, 300).replace('\'', '"');
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        assertTrue(svg.strip().endsWith("</svg>"));
        assertTrue(svg.contains("width=\"640\"") && svg.contains("height=\"300\""), svg.substring(0, 300));
        assertTrue(svg.contains("viewBox=\"0 0 640 300\""), svg.substring(0, 300));
        assertTrue(svg.contains(">Trace of mu</text>"), "the title is text, sharp at any zoom");
        assertFalse(svg.contains("<image"), "no raster inside");
    }

    @Test
    void twoSvgFiguresNeverShareADefinitionId() {
        String first = ChartStyle.svg(trace(), 640, 300).replace('\'', '"');
        String second = ChartStyle.svg(trace(), 640, 300).replace('\'', '"');
        Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(first);
        int ids = 0;
        while (id.find()) {
            ids++;
            assertFalse(second.contains("id=\"" + id.group(1) + "\""), id.group(1));
        }
        assertTrue(ids > 0, "clip paths have ids");
    }

    @Test
    void stylesAreClassesOfTheFigureItself() {
        String first = ChartStyle.svg(trace(), 640, 300);
        String second = ChartStyle.svg(trace(), 640, 300);
        assertFalse(first.contains(" style="), "no element repeats its style");
        Matcher rule = Pattern.compile("\\.(f\\d+-s\\d+)\\{").matcher(first);
        int rules = 0;
        while (rule.find()) {
            rules++;
            assertTrue(first.contains("class='" + rule.group(1) + "'"), rule.group(1) + " is used");
            assertFalse(second.contains(rule.group(1)), "a style rule applies to the whole page: " + rule.group(1));
        }
        assertTrue(rules > 3, first.substring(0, 400));
    }

    @Test
    void aRepeatedOpaqueShapeIsDrawnOnceButTranslucentRepeatsStay() {
        String red = "<g style='fill:rgb(228,26,28);stroke:none' clip-path='url(#c)'><path d='M1,2L3,4Z'/></g>";
        String redOutline = "<g style='stroke-width:1.0;stroke:rgb(228,26,28);stroke-opacity:1.0;fill:none'>"
                + "<path d='M1,2L3,4Z'/></g>";
        String other = "<g style='fill:rgb(228,26,28);stroke:none' clip-path='url(#c)'><path d='M5,6L7,8Z'/></g>";
        String faint = "<g style='fill:rgb(31,119,180);fill-opacity:0.5;stroke:none'><path d='M1,2L3,4Z'/></g>";
        String rug = red + redOutline + red + other + redOutline + red;
        assertEquals(red + redOutline + other, ChartStyle.withoutRepeats("<svg>" + rug + "</svg>")
                .replace("<svg>", "").replace("</svg>", ""));
        assertEquals(faint + faint, ChartStyle.withoutRepeats(faint + faint), "translucent shapes add up");
        String apart = red + "<text>a</text>" + red;
        assertEquals(apart, ChartStyle.withoutRepeats(apart), "something drawn between them may be covered");
        String blueBetween = red + faint.replace("fill-opacity:0.5;", "") + red;
        assertEquals(blueBetween, ChartStyle.withoutRepeats(blueBetween), "another colour between them");
    }

    @Test
    void pngIsADataUriAtOneAndAHalfDevicePixelsPerCssPixel() throws IOException {
        String img = ChartStyle.png(trace(), 600, 400);
        Matcher uri = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"600\" "
                + "height=\"400\" alt=\"Trace of mu\">").matcher(img);
        assertTrue(uri.matches(), img.substring(0, Math.min(120, img.length())));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.group(1))));
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
    }
}
