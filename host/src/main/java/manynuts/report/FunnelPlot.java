package manynuts.report;

import java.awt.Color;
import java.awt.Shape;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The funnel: a member against its scale (theta[1] against log(tau) in eight schools), one dot per draw and a marker per divergent draw, for one run or two
 * overlaid (the seed notebook's centered against non-centered figure). Divergences cluster in the neck where
 * the centered parameterisation cannot follow the curvature.
 */
public final class FunnelPlot {

    /** One run's points, already thinned, and the colour of its dots. */
    public record Cloud(String label, PointSample points, Color colour) {
    }

    // Divergence markers of the first and second run: a red cross, then a black square, so both show when overlaid.
    private static final Color[] DIVERGENT_COLOURS = {ChartStyle.DIVERGENT, new Color(0x00, 0x00, 0x00)};
    // Beyond this many markers, large opaque ones cover the cloud they are meant to locate.
    private static final int CROWDED = 300;

    private FunnelPlot() {
    }

    /**
     * @param member the horizontal axis's name, e.g. {@code theta[1]}
     * @param scale  the vertical axis's name, e.g. {@code log(tau)}
     */
    public static JFreeChart chart(String title, String member, String scale, List<Cloud> clouds) {
        return chart(title, member, scale, clouds, null, null);
    }

    /**
     * The funnel with both axes fixed, as two runs on one page share them; points outside are counted under the
     * chart.
     *
     * @param memberRange the horizontal axis's range, or null to fit the points
     * @param scaleRange  the vertical axis's range, or null to fit the points
     */
    public static JFreeChart chart(String title, String member, String scale, List<Cloud> clouds,
            AxisRange memberRange, AxisRange scaleRange) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Cloud cloud : clouds) {
            XYSeries dots = new XYSeries(cloud.label() + " draws", false, true);
            PointSample points = cloud.points();
            for (int i = 0; i < points.size(); i++) {
                if (!points.divergent()[i]) {
                    dots.add(points.x()[i], points.y()[i], false);
                }
            }
            data.addSeries(dots);
        }
        // Divergences last, so they are drawn over every cloud.
        for (Cloud cloud : clouds) {
            PointSample points = cloud.points();
            int count = 0;
            XYSeries divergent = new XYSeries(cloud.label() + " divergent", false, true);
            for (int i = 0; i < points.size(); i++) {
                if (points.divergent()[i]) {
                    divergent.add(points.x()[i], points.y()[i], false);
                    count++;
                }
            }
            divergent.setKey(cloud.label() + " divergent (" + count + ")");
            data.addSeries(divergent);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, member, scale, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true) {
            // Legend swatches opaque: the dots are translucent so that density shows, which would fade the legend.
            @Override
            public LegendItem getLegendItem(int datasetIndex, int series) {
                LegendItem item = super.getLegendItem(datasetIndex, series);
                if (item != null && item.getFillPaint() instanceof Color colour) {
                    item.setFillPaint(new Color(colour.getRed(), colour.getGreen(), colour.getBlue()));
                }
                return item;
            }
        };
        double alpha = clouds.size() == 1 ? 0.25 : 0.18;
        for (int i = 0; i < clouds.size(); i++) {
            renderer.setSeriesShape(i, ChartStyle.dot(4));
            renderer.setSeriesPaint(i, ChartStyle.translucent(clouds.get(i).colour(), alpha));
            int marker = clouds.size() + i;
            boolean crowded = data.getSeries(marker).getItemCount() > CROWDED;
            double size = crowded ? 5 : 9;
            renderer.setSeriesShape(marker, i % 2 == 0 ? ChartStyle.cross(size) : ChartStyle.square(size - 2));
            Color colour = DIVERGENT_COLOURS[i % DIVERGENT_COLOURS.length];
            renderer.setSeriesPaint(marker, crowded ? ChartStyle.translucent(colour, 0.4) : colour);
        }
        for (int i = 0; i < clouds.size(); i++) {
            renderer.setLegendShape(i, ChartStyle.dot(10));
        }
        renderer.setUseOutlinePaint(false);
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ChartStyle.setRange(plot.getDomainAxis(), memberRange);
        ChartStyle.setRange(plot.getRangeAxis(), scaleRange);
        ChartStyle.style(chart);
        long outside = 0;
        for (Cloud cloud : clouds) {
            PointSample points = cloud.points();
            for (int i = 0; i < points.size(); i++) {
                boolean out = memberRange != null && !memberRange.contains(points.x()[i])
                        || scaleRange != null && !scaleRange.contains(points.y()[i]);
                outside += out ? 1 : 0;
            }
        }
        ChartStyle.note(chart, outside == 0 ? "" : outside + (outside == 1 ? " point lies" : " points lie")
                + " beyond the axes");
        return chart;
    }
}
