package manynuts.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;

/** Our summaries against posterior's values: which differences count, where the largest is, and posterior's CSV. */
class PosteriorColumnsTest {
    @TempDir
    Path directory;

    private static List<ParameterSummary> summaries() {
        SplittableRandom random = new SplittableRandom(7);
        List<ParameterSummary> summaries = new ArrayList<>();
        for (String name : List.of("mu", "tau")) {
            double[][] draws = new double[4][100];
            for (double[] chain : draws) {
                for (int t = 0; t < chain.length; t++) {
                    chain[t] = random.nextGaussian();
                }
            }
            summaries.add(Summaries.summarise(name, draws, SummaryOptions.defaults()));
        }
        return summaries;
    }

    /** posterior's table as if it had computed exactly our values. */
    private static PosteriorColumns.Table sameAs(List<ParameterSummary> summaries) {
        List<String> columns = List.copyOf(PosteriorColumns.FIELDS.keySet());
        List<double[]> rows = new ArrayList<>();
        for (ParameterSummary summary : summaries) {
            rows.add(columns.stream().mapToDouble(column -> PosteriorColumns.FIELDS.get(column).applyAsDouble(summary))
                    .toArray());
        }
        return new PosteriorColumns.Table(summaries.stream().map(ParameterSummary::name).toList(), columns, rows);
    }

    @Test
    void equalSummariesAgreeEverywhere() {
        List<ParameterSummary> ours = summaries();
        PosteriorColumns.Agreement agreement = PosteriorColumns.agreement(ours, sameAs(ours));
        assertEquals(0.0, agreement.maxRelativeDifference());
        assertEquals("", agreement.where());
        assertEquals(2 * PosteriorColumns.FIELDS.size(), agreement.compared());
        assertEquals(0, agreement.beyondTolerance());
    }

    @Test
    void findsTheLargestDifferenceAndCountsThoseBeyondTheTolerance() {
        List<ParameterSummary> ours = summaries();
        PosteriorColumns.Table theirs = sameAs(ours);
        int essBulk = theirs.columns().indexOf("ess_bulk");
        int sd = theirs.columns().indexOf("sd");
        theirs.rows().get(1)[essBulk] *= 1 + 3e-6;
        theirs.rows().get(0)[sd] *= 1 + 5e-7;
        PosteriorColumns.Agreement agreement = PosteriorColumns.agreement(ours, theirs);
        assertEquals(3e-6, agreement.maxRelativeDifference(), 1e-9);
        assertEquals("ess_bulk of tau", agreement.where());
        assertEquals(1, agreement.beyondTolerance(), "5e-7 is within 1e-6, 3e-6 is not");
    }

    @Test
    void naAgreesWithNaOnly() {
        assertTrue(PosteriorColumns.agrees(Double.NaN, Double.NaN));
        assertTrue(!PosteriorColumns.agrees(1.0, Double.NaN) && !PosteriorColumns.agrees(Double.NaN, 1.0));
        assertTrue(PosteriorColumns.agrees(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertTrue(!PosteriorColumns.agrees(Double.POSITIVE_INFINITY, 1e300));
        List<ParameterSummary> ours = summaries();
        PosteriorColumns.Table theirs = sameAs(ours);
        theirs.rows().get(0)[theirs.columns().indexOf("rhat")] = Double.NaN;
        PosteriorColumns.Agreement agreement = PosteriorColumns.agreement(ours, theirs);
        assertEquals(Double.POSITIVE_INFINITY, agreement.maxRelativeDifference());
        assertEquals("rhat of mu", agreement.where());
        assertEquals(1, agreement.beyondTolerance());
    }

    @Test
    void valuesNearZeroAreComparedAbsolutely() {
        // 1e-17 against an exact 0 is as close as 1e-17 against 1e-16: both agree, and the difference says so.
        assertEquals(1e-11, PosteriorColumns.relativeDifference(1e-17, 0.0), 1e-25);
        assertTrue(PosteriorColumns.agrees(1e-17, 0.0) && PosteriorColumns.agrees(1e-17, 1e-16));
        assertTrue(!PosteriorColumns.agrees(2e-12, 0.0));
        assertEquals(2e-6, PosteriorColumns.relativeDifference(1.000002, 1.0), 1e-12);
    }

    @Test
    void refusesTablesThatDoNotFit() {
        List<ParameterSummary> ours = summaries();
        assertThrows(IllegalArgumentException.class, () -> PosteriorColumns.agreement(ours,
                new PosteriorColumns.Table(List.of("mu"), List.of("mean"), List.of(new double[] {0.0}))));
        assertThrows(IllegalArgumentException.class, () -> PosteriorColumns.agreement(ours,
                new PosteriorColumns.Table(List.of("mu", "tau"), List.of("hdi_low"),
                        List.of(new double[] {0.0}, new double[] {0.0}))));
        PosteriorColumns.Table swapped = sameAs(List.of(ours.get(1), ours.get(0)));
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> PosteriorColumns.agreement(ours, swapped));
        assertTrue(names.getMessage().contains("row 1 is for tau, not mu"), names.getMessage());
    }

    @Test
    void readsPosteriorsCsvWithRsSpellings() throws IOException {
        Path csv = directory.resolve("summary.csv");
        Files.writeString(csv, "\"variable\",\"mean\",\"rhat\",\"ess_bulk\"\n\"beta[1,2]\",0.25,NA,Inf\n"
                + "\"mu\",-1.5e-3,1.0000000000000002,400\n");
        PosteriorColumns.Table table = PosteriorColumns.read(csv);
        assertEquals(List.of("beta[1,2]", "mu"), table.variables());
        assertEquals(List.of("mean", "rhat", "ess_bulk"), table.columns());
        assertArrayEquals(new double[] {0.25, Double.NaN, Double.POSITIVE_INFINITY}, table.rows().get(0));
        assertArrayEquals(new double[] {-1.5e-3, 1.0000000000000002, 400}, table.rows().get(1));

        Files.writeString(csv, "variable,mean,rhat\nmu,0.25\n");
        DiagnosticsInputException shortRow = assertThrows(DiagnosticsInputException.class,
                () -> PosteriorColumns.read(csv));
        assertTrue(shortRow.getMessage().contains("summary.csv:2"), shortRow.getMessage());
        Files.writeString(csv, "variable,mean\nmu,abc\n");
        assertThrows(DiagnosticsInputException.class, () -> PosteriorColumns.read(csv));
        Files.writeString(csv, "mean\n0.25\n");
        assertThrows(DiagnosticsInputException.class, () -> PosteriorColumns.read(csv));
    }
}
