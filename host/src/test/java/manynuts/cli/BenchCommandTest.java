package manynuts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short bench run: one row per chain count, with the time the summary of its draws took. */
class BenchCommandTest {
    @TempDir
    Path directory;

    @Test
    void reportsEachRowWithItsSummaryTime() throws IOException {
        Path csv = directory.resolve("bench.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"bench", "--backend", "cpu", "--chains", "4,16", "--warmup", "30",
            "--draws", "40", "--threads", "2", "--csv", csv.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("summary_s"), out.toString());
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(3, lines.size(), "a header and one row per chain count");
        int chains = header.indexOf("chains");
        int seconds = header.indexOf("seconds");
        int summary = header.indexOf("summary_seconds");
        int ess = header.indexOf("min_ess_bulk");
        assertTrue(summary > 0, "summary_seconds column in " + header);
        for (int row = 1; row < lines.size(); row++) {
            String[] fields = lines.get(row).split(",");
            assertEquals(row == 1 ? "4" : "16", fields[chains]);
            double summarySeconds = Double.parseDouble(fields[summary]);
            assertTrue(summarySeconds > 0 && summarySeconds < 60, "summary seconds " + summarySeconds);
            assertTrue(Double.parseDouble(fields[seconds]) > 0);
            // The smallest bulk ESS of 4 x 40 or 16 x 40 draws of eight schools is positive and below the draws.
            double minEss = Double.parseDouble(fields[ess]);
            assertTrue(minEss > 0 && minEss < 10 * 40 * Integer.parseInt(fields[chains]), "min ESS " + minEss);
        }
    }

    /** --json: stdout is one document whose rows are those of the CSV; the table goes to stderr. */
    @Test
    void jsonHoldsTheRowsOfTheCsv() throws IOException {
        Path csv = directory.resolve("bench.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"bench", "--backend", "cpu", "--chains", "4", "--warmup", "20",
            "--draws", "20", "--threads", "1", "--csv", csv.toString(), "--json"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        com.fasterxml.jackson.databind.JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString());
        assertEquals("manynuts.bench", document.path("schema").asText());
        assertTrue(err.toString().contains("summary_s"), "the table, on stderr: " + err);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] fields = lines.get(1).split(",");
        com.fasterxml.jackson.databind.JsonNode row = document.path("rows").get(0);
        assertEquals(1, document.path("rows").size());
        assertEquals(4, row.path("chains").asInt());
        assertEquals(Double.parseDouble(fields[header.indexOf("min_ess_bulk")]), row.path("min_ess_bulk").asDouble(),
                0.01);
        // What a GPU would pay, on the CPU too: four chains share one warp, whose lanes idle while trees differ.
        double utilisation = row.path("lane_utilisation").asDouble();
        assertTrue(utilisation > 0.1 && utilisation < 1.0, "lane utilisation " + utilisation);
        // The CSV rounds it to four decimals.
        assertEquals(Double.parseDouble(fields[header.indexOf("lane_utilisation")]), utilisation, 1e-4);
    }
}
