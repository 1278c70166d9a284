package manynuts.report;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;

/**
 * Several XY plots drawn as a grid of equal cells inside one chart, for figures such as a pair plot that JFreeChart
 * has no layout for; a null cell stays blank.
 */
final class PlotGrid extends Plot {

    private static final long serialVersionUID = 1L;

    private final XYPlot[][] cells;

    /** @param cells {@code [row][column]}, rows of equal length; held, not copied */
    PlotGrid(XYPlot[][] cells) {
        this.cells = cells;
        setOutlineVisible(false);
    }

    /** The plot at {@code [row][column]}, or null where the cell is blank. */
    XYPlot cell(int row, int column) {
        return cells[row][column];
    }

    @Override
    public String getPlotType() {
        return "Grid";
    }

    @Override
    public void draw(Graphics2D graphics, Rectangle2D area, Point2D anchor, PlotState parentState,
            PlotRenderingInfo info) {
        getInsets().trim(area);
        int rows = cells.length;
        int columns = rows == 0 ? 0 : cells[0].length;
        double width = area.getWidth() / Math.max(1, columns);
        double height = area.getHeight() / Math.max(1, rows);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                XYPlot cell = cells[row][column];
                if (cell != null) {
                    cell.draw(graphics, new Rectangle2D.Double(area.getX() + column * width,
                            area.getY() + row * height, width, height), null, null, null);
                }
            }
        }
    }
}
