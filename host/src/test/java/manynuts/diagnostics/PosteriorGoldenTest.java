package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The generator computed the expected values from its draws before writing them with 15 significant digits. One
 * statistic can tell the difference: folded R-hat ranks |x - median|, and whether the two middle draws of an even
 * count tie there (they are equidistant in exact arithmetic) depends on the last bits of the two draws. So R-hat is
 * also allowed to match the same draws with the upper middle draw moved by a few ulps, well inside the file's
 * rounding, to where the two middle draws' computed distances from the median tie. posterior run on the file's draws
 * gives the first value, and on such a fixture the generator's draws gave the second.
 */
class PosteriorGoldenTest {

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

    /** The statistic of the draws as read, or for R-hat also of the draws whose middle pair ties, agrees. */
    private static void assertAgrees(String statistic, double expected, double[][] draws,
            ToDoubleFunction<double[][]> compute) {
        List<Double> candidates = new ArrayList<>(List.of(compute.applyAsDouble(draws)));
        double[][] tied = statistic.equals("rhat") ? withMiddlePairTied(draws) : null;
        if (tied != null) {
            candidates.add(compute.applyAsDouble(tied));
        }
        assertTrue(candidates.stream().anyMatch(actual -> PosteriorColumns.agrees(actual, expected)),
                statistic + ": expected " + expected + " (NA as NaN), computed " + candidates);
    }

    /**
     * The draws with the upper of the two middle draws moved by at most 16 ulps (far inside 15 significant digits)
     * to where its computed distance from the median equals the lower one's; null for an odd count, or when the two
     * already tie or cannot be made to.
     */
    static double[][] withMiddlePairTied(double[][] draws) {
        double[] sorted = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
        int count = sorted.length;
        if (count % 2 == 1 || count < 2) {
            return null;
        }
        double low = sorted[count / 2 - 1];
        double high = sorted[count / 2];
        double next = count / 2 + 1 < count ? sorted[count / 2 + 1] : Double.POSITIVE_INFINITY;
        if (low == high || ties(low, high)) {
            return null;
        }
        for (int step = 1; step <= 16; step++) {
            for (double moved : new double[] {high + step * Math.ulp(high), high - step * Math.ulp(high)}) {
                if (moved > low && moved < next && ties(low, moved)) {
                    double[][] copy = Arrays.stream(draws).map(double[]::clone).toArray(double[][]::new);
                    for (double[] chain : copy) {
                        for (int t = 0; t < chain.length; t++) {
                            if (chain[t] == high) {
                                chain[t] = moved;
                                return copy;
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Whether low and high are equally far, as computed, from their median {@code (low + high) / 2}. */
    private static boolean ties(double low, double high) {
        double median = (low + high) / 2.0;
        return Math.abs(low - median) == Math.abs(high - median);
    }

    @ParameterizedTest(name = "binned {0} {1}")
    @MethodSource("fixtureStatistics")
    void binnedRanksAgreeWithPosterior(String fixture, String statistic, double expected) {
        assertAgrees(statistic, expected, draws(fixture), fixtureDraws -> PosteriorColumns.FIELDS.get(statistic)
                .applyAsDouble(Summaries.summarise("x", fixtureDraws, SummaryOptions.defaults()
                        .withRanks(SummaryOptions.Ranks.BINNED))));
    }
}
