package manynuts.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import manynuts.report.ChartStyle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's log-log plot: chain-gradients per second against the number of chains, a line per warm-up. */
public final class ThroughputPlot {
    private ThroughputPlot() {
    }

    public static void write(Path file, String model, List<Throughput.Row> rows) throws IOException {
        Map<Integer, XYSeries> byWarmup = new TreeMap<>();
        for (Throughput.Row row : rows) {
            byWarmup.computeIfAbsent(row.warmup(), w -> new XYSeries("warm-up " + w))
                    .add(row.chains(), row.gradientsPerSecond());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byWarmup.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput of " + model, "chains",
                "chain-gradients per second", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis chains = new LogAxis("chains (log scale)");
        chains.setBase(2);
        plot.setDomainAxis(chains);
        plot.setRangeAxis(new LogAxis("chain-gradients per second (log scale)"));
        ChartStyle.writePng(chart, file, 900, 600);
    }
}
