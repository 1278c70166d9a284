package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import manynuts.bench.PosteriorColumns;
import manynuts.diagnostics.draws.CsvFields;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.GoldenFiles;

/**
 * Every statistic on every fixture agrees with what posterior 1.4.0 computed (shared/golden/diagnostics), from the
 * per-statistic functions and from a whole summary with binned ranks (the fixtures have fewer draws than a binned
 * order has edges, so its ranks must come out exact).
 *
 * <p>The generator computed the expected values from its draws before writing them with 15 significant digits. One
 * statistic can tell the difference: folded R-hat ranks |x - median|, and whether the two middle draws of an even
 * count tie there (they are equidistant in exact arithmetic) depends on the last bits of the two draws. So R-hat is
 * also allowed to match the same draws with the upper middle draw moved by a few ulps, well inside the file's
 * rounding, to where the two middle draws' computed distances from the median tie. posterior run on the file's draws
 * gives the first value, and on such a fixture the generator's draws gave the second.
 */
public class PosteriorGoldenTest {

    private static final double RELATIVE_TOLERANCE = 1e-6;

    /** posterior's function names mapped to ours. */
    private static final Map<String, ToDoubleFunction<double[][]>> STATISTICS = Map.ofEntries(
            Map.entry("mean", ConvergenceDiagnostics::mean),
            Map.entry("median", ConvergenceDiagnostics::median),
            Map.entry("sd", ConvergenceDiagnostics::sd),
            Map.entry("mad", ConvergenceDiagnostics::mad),
            Map.entry("q5", draws -> ConvergenceDiagnostics.quantile(draws, 0.05)),
            Map.entry("q95", draws -> ConvergenceDiagnostics.quantile(draws, 0.95)),
            Map.entry("rhat", ConvergenceDiagnostics::rhat),
            Map.entry("rhat_basic", ConvergenceDiagnostics::rhatBasic),
            Map.entry("ess_bulk", ConvergenceDiagnostics::essBulk),
            Map.entry("ess_tail", ConvergenceDiagnostics::essTail),
            Map.entry("ess_basic", ConvergenceDiagnostics::essBasic),
            Map.entry("ess_mean", ConvergenceDiagnostics::essMean),
            Map.entry("ess_sd", ConvergenceDiagnostics::essSd),
            Map.entry("ess_q5", draws -> ConvergenceDiagnostics.essQuantile(draws, 0.05)),
            Map.entry("ess_q95", draws -> ConvergenceDiagnostics.essQuantile(draws, 0.95)),
            Map.entry("mcse_mean", ConvergenceDiagnostics::mcseMean),
            Map.entry("mcse_sd", ConvergenceDiagnostics::mcseSd),
            Map.entry("mcse_q5", draws -> ConvergenceDiagnostics.mcseQuantile(draws, 0.05)),
            Map.entry("mcse_q95", draws -> ConvergenceDiagnostics.mcseQuantile(draws, 0.95)));

    private static final Map<String, double[][]> FIXTURES = new ConcurrentHashMap<>();

    static Stream<Arguments> fixtureStatistics() throws IOException {
        Path directory = GoldenFiles.diagnosticsDirectory();
        List<String> lines = Files.readAllLines(directory.resolve("expected.csv"));
        List<String> header = CsvFields.split(lines.get(0), "expected.csv", 1);
        List<Arguments> cases = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            if (lines.get(row).isBlank()) {
                continue;
            }
            List<String> fields = CsvFields.split(lines.get(row), "expected.csv", row + 1);
            String fixture = fields.get(0);
            for (int column = 0; column < header.size(); column++) {
                String statistic = header.get(column);
                if (STATISTICS.containsKey(statistic)) {
                    double expected = CsvFields.parseNumber(fields.get(column), "expected.csv", row + 1, statistic);
                    cases.add(Arguments.of(fixture, statistic, expected));
                }
            }
        }
        assertTrue(cases.size() >= STATISTICS.size(), "expected.csv holds too few cases");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtureStatistics")
    void agreesWithPosterior(String fixture, String statistic, double expected) {
        assertAgrees(statistic, expected, draws(fixture), STATISTICS.get(statistic));
    }

    private static double[][] draws(String fixture) {
        return FIXTURES.computeIfAbsent(fixture, name -> DrawsDataFrameReader
                .read(GoldenFiles.diagnosticsDirectory().resolve(name + ".csv")).of("x"));
    }

    /** The bar: NA where posterior gives NA, else within 1e-6 relative (1e-12 absolute near 0). */
    public static boolean agrees(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.abs(expected) + 1e-12;
    }

    /** The statistic of the draws as read, or for R-hat also of the draws whose middle pair ties, agrees. */
    private static void assertAgrees(String statistic, double expected, double[][] draws,
            ToDoubleFunction<double[][]> compute) {
        List<Double> candidates = new ArrayList<>(List.of(compute.applyAsDouble(draws)));
        // The file keeps 15 significant digits (R's write.csv).
        double[][] tied = statistic.equals("rhat") ? MiddlePair.tiedAsWritten(draws, 15) : null;
        if (tied != null) {
            candidates.add(compute.applyAsDouble(tied));
        }
        assertTrue(candidates.stream().anyMatch(actual -> agrees(actual, expected)),
                statistic + ": expected " + expected + " (NA as NaN), computed " + candidates);
    }

    @ParameterizedTest(name = "binned {0} {1}")
    @MethodSource("fixtureStatistics")
    void binnedRanksAgreeWithPosterior(String fixture, String statistic, double expected) {
        assertAgrees(statistic, expected, draws(fixture), fixtureDraws -> PosteriorColumns.FIELDS.get(statistic)
                .applyAsDouble(Summaries.summarise("x", fixtureDraws, SummaryOptions.defaults()
                        .withRanks(SummaryOptions.Ranks.BINNED))));
    }
}
