package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Every statistic on every fixture agrees with what posterior 1.4.0 computed (shared/golden/diagnostics), from the
 * per-statistic functions and from a whole summary with binned ranks (the fixtures have fewer draws than a binned
 * order has edges, so its ranks must come out exact).
 */
class PosteriorGoldenTest {

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

    /** The same statistics read off a whole summary. */
    private static final Map<String, ToDoubleFunction<ParameterSummary>> SUMMARY_FIELDS = Map.ofEntries(
            Map.entry("mean", ParameterSummary::mean),
            Map.entry("median", ParameterSummary::median),
            Map.entry("sd", ParameterSummary::sd),
            Map.entry("mad", ParameterSummary::mad),
            Map.entry("q5", ParameterSummary::q5),
            Map.entry("q95", ParameterSummary::q95),
            Map.entry("rhat", ParameterSummary::rhat),
            Map.entry("rhat_basic", ParameterSummary::rhatBasic),
            Map.entry("ess_bulk", ParameterSummary::essBulk),
            Map.entry("ess_tail", ParameterSummary::essTail),
            Map.entry("ess_basic", ParameterSummary::essBasic),
            Map.entry("ess_mean", ParameterSummary::essMean),
            Map.entry("ess_sd", ParameterSummary::essSd),
            Map.entry("ess_q5", ParameterSummary::essQ5),
            Map.entry("ess_q95", ParameterSummary::essQ95),
            Map.entry("mcse_mean", ParameterSummary::mcseMean),
            Map.entry("mcse_sd", ParameterSummary::mcseSd),
            Map.entry("mcse_q5", ParameterSummary::mcseQ5),
            Map.entry("mcse_q95", ParameterSummary::mcseQ95));

    private static final Map<String, ParameterSummary> BINNED = new ConcurrentHashMap<>();

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
        double[][] draws = FIXTURES.computeIfAbsent(fixture, name -> DrawsDataFrameReader
                .read(GoldenFiles.diagnosticsDirectory().resolve(name + ".csv")).of("x"));
        double actual = STATISTICS.get(statistic).applyAsDouble(draws);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), statistic + " should be NA but is " + actual);
        } else {
            assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected) + 1e-12, statistic);
        }
    }

    @ParameterizedTest(name = "binned {0} {1}")
    @MethodSource("fixtureStatistics")
    void binnedRanksAgreeWithPosterior(String fixture, String statistic, double expected) {
        ParameterSummary summary = BINNED.computeIfAbsent(fixture, name -> Summaries.summarise("x",
                FIXTURES.computeIfAbsent(name, file -> DrawsDataFrameReader
                        .read(GoldenFiles.diagnosticsDirectory().resolve(file + ".csv")).of("x")),
                SummaryOptions.defaults().withRanks(SummaryOptions.Ranks.BINNED)));
        double actual = SUMMARY_FIELDS.get(statistic).applyAsDouble(summary);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), statistic + " should be NA but is " + actual);
        } else {
            assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected) + 1e-12, statistic);
        }
    }
}
