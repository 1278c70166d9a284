package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import manynuts.diagnostics.draws.CsvFields;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.GoldenFiles;
import manynuts.diagnostics.order.OrderStatistics;
import manynuts.diagnostics.summary.ConvergenceDiagnostics;
import manynuts.diagnostics.summary.PosteriorGoldenTest;

/**
 * Quantile ESS against posterior 1.4.0's {@code ess_quantile} and {@code ess_basic} on the golden fixtures, and local
 * ESS against the ESS of the indicator written out by hand.
 */
class IndicatorEssTest {

    static Stream<Arguments> goldenRows() throws IOException {
        List<String> lines = Files.readAllLines(GoldenFiles.diagnosticsDirectory().resolve("expected.csv"));
        List<String> header = CsvFields.split(lines.get(0), "expected.csv", 1);
        List<Arguments> rows = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            if (lines.get(row).isBlank()) {
                continue;
            }
            List<String> fields = CsvFields.split(lines.get(row), "expected.csv", row + 1);
            rows.add(Arguments.of(fields.get(0),
                    number(fields, header, "ess_q5", row), number(fields, header, "ess_q95", row),
                    number(fields, header, "ess_basic", row)));
        }
        return rows.stream();
    }

    private static double number(List<String> fields, List<String> header, String column, int row) {
        return CsvFields.parseNumber(fields.get(header.indexOf(column)), "expected.csv", row + 1, column);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenRows")
    void quantileAndBasicEssAgreeWithPosterior(String fixture, double essQ5, double essQ95, double essBasic) {
        double[][] draws = DrawsDataFrameReader.read(GoldenFiles.diagnosticsDirectory().resolve(fixture + ".csv"))
                .of("x");
        double[] ess = IndicatorEss.quantiles(draws, new double[] {0.05, 0.95});
        assertTrue(PosteriorGoldenTest.agrees(ess[0], essQ5), fixture + " ess_q5: " + essQ5 + " vs " + ess[0]);
        assertTrue(PosteriorGoldenTest.agrees(ess[1], essQ95), fixture + " ess_q95: " + essQ95 + " vs " + ess[1]);
        double basic = IndicatorEss.basic(draws);
        assertTrue(PosteriorGoldenTest.agrees(basic, essBasic), fixture + " ess_basic: " + essBasic + " vs " + basic);
    }

    @Test
    void localEssIsTheEssOfTheIntervalIndicator() {
        double[][] draws = autoregressive(4, 400, 0.6, 11);
        double[] local = IndicatorEss.locals(draws, 4);
        double[] sorted = pooledSorted(draws);
        for (int k = 0; k < 4; k++) {
            double lower = k == 0 ? Double.NEGATIVE_INFINITY : OrderStatistics.quantile(sorted, sorted.length, k / 4.0);
            double upper = OrderStatistics.quantile(sorted, sorted.length, (k + 1) / 4.0);
            double[][] indicator = new double[draws.length][draws[0].length];
            for (int chain = 0; chain < draws.length; chain++) {
                for (int draw = 0; draw < draws[chain].length; draw++) {
                    double x = draws[chain][draw];
                    indicator[chain][draw] = x > lower && x <= upper ? 1 : 0;
                }
            }
            assertEquals(ConvergenceDiagnostics.essBasic(indicator), local[k], 1e-6 * local[k], "interval " + k);
        }
    }

    @Test
    void slowChainsHaveLowLocalEssAndIndependentDrawsNearlyAll() {
        double[] independent = IndicatorEss.locals(autoregressive(4, 1000, 0.0, 3), 10);
        double[] slow = IndicatorEss.locals(autoregressive(4, 1000, 0.95, 3), 10);
        for (int k = 0; k < 10; k++) {
            assertTrue(independent[k] > 2000 && independent[k] < 8000, "independent draws, interval " + k + ": "
                    + independent[k]);
            assertTrue(slow[k] < independent[k] / 2, "AR(0.95) draws, interval " + k + ": " + slow[k]);
        }
    }

    @Test
    void aConstantOrNonFiniteSeriesHasNoEss() {
        double[][] constant = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};
        assertTrue(Double.isNaN(IndicatorEss.basic(constant)));
        double[][] infinite = autoregressive(2, 50, 0.0, 5);
        infinite[1][7] = Double.POSITIVE_INFINITY;
        assertTrue(Double.isNaN(IndicatorEss.quantiles(infinite, new double[] {0.5})[0]));
        assertTrue(Double.isNaN(IndicatorEss.locals(infinite, 2)[1]));
    }

    static double[][] autoregressive(int chains, int length, double phi, long seed) {
        Random random = new Random(seed);
        double[][] draws = new double[chains][length];
        double scale = Math.sqrt(1 - phi * phi);
        for (int chain = 0; chain < chains; chain++) {
            double x = random.nextGaussian();
            for (int t = 0; t < length; t++) {
                x = phi * x + scale * random.nextGaussian();
                draws[chain][t] = x;
            }
        }
        return draws;
    }

    private static double[] pooledSorted(double[][] draws) {
        return java.util.Arrays.stream(draws).flatMapToDouble(java.util.Arrays::stream).sorted().toArray();
    }
}
