package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.output.SummaryCsvWriter;

/** The table's numbers: fixed decimals, NA, and Monte Carlo errors that stay visible when they are tiny. */
class SummaryTableTest {

    @ParameterizedTest
    @CsvSource({
        "0.208, 0.208",
        "0.0421, 0.042",
        "0.00042, 0.00042",
        "0.0000123, 0.000012",
        "1.5, 1.500",
        "NaN, NA",
        "0, 0.000",
    })
    void monteCarloErrorsKeepTwoSignificantDigits(double value, String shown) {
        assertEquals(shown, SummaryColumns.smallNumber(value));
    }

    /** The terminal table and summary.csv have the same columns, in the same order, from one definition. */
    @Test
    void tableAndCsvShowTheSameColumns() throws IOException {
        ParameterSummary mu = new ParameterSummary("mu", 4.4, 4.3, 3.3, 3.2, -1.0, 9.9, -2.0, 10.5, 1.002, 1.001,
                1800, 1500, 1700, 1700, 1600, 1400, 1450, 0.0779, 0.055, 0.1, 0.12, 1.004);
        for (boolean nested : new boolean[] {false, true}) {
            String table = SummaryTable.render(List.of(mu), 0.9, nested);
            StringWriter csv = new StringWriter();
            SummaryCsvWriter.write(csv, List.of(mu), 0.9, nested);
            List<String> tableHeader = List.of(table.lines().findFirst().orElseThrow().strip().split(" +"));
            List<String> csvHeader = List.of(csv.toString().lines().findFirst().orElseThrow().split(","));
            assertEquals(csvHeader, tableHeader);
            assertEquals(List.of("variable", "mean", "sd", "median", "mcse_mean", "mcse_sd", "hdi_5%", "hdi_95%",
                    "ess_bulk", "ess_tail", "rhat"), csvHeader.subList(0, 11));
            assertEquals(nested, csvHeader.contains("rhat_nested"));
            List<String> tableRow = List.of(table.lines().skip(1).findFirst().orElseThrow().strip().split(" +"));
            assertEquals(List.of("mu", "4.400", "3.300", "4.300", "0.078", "0.055", "-2.000", "10.500", "1800",
                    "1500", "1.002"), tableRow.subList(0, 11));
            List<String> csvRow = List.of(csv.toString().lines().skip(1).findFirst().orElseThrow().split(","));
            assertEquals(csvHeader.size(), csvRow.size());
            assertEquals(4.3, Double.parseDouble(csvRow.get(csvHeader.indexOf("median"))));
            assertTrue(!nested || csvRow.get(csvRow.size() - 1).equals("1.004"), csvRow.toString());
        }
    }
}
