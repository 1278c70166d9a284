package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import manynuts.models.registry.ModelRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sample}, {@code summary} and {@code report} work for every registered model: a short run of each, its
 * options recorded in run.json and used again by summary (which compares every output with the exact posterior
 * of the same model, where there is one) and by the report.
 */
class EveryModelReportTest {

    /** Options that keep each run small; a model not listed runs with its defaults. */
    private static final Map<String, List<String>> SMALL = Map.of(
            "funnel", List.of("dimension=4"),
            "funnel_noncentered", List.of("dimension=3"),
            "mvn", List.of("dimension=5", "rho=0.5"),
            "many_schools_centered", List.of("groups=30", "seed=2"),
            "many_schools_noncentered", List.of("groups=40", "seed=2"),
            "hierarchical_logistic", List.of("n=100", "groups=4"));

    /** The models whose posterior has no exact answer: their runs print and report no comparison. */
    private static final java.util.Set<String> WITHOUT_EXACT = java.util.Set.of("hierarchical_logistic");

    @TempDir
    Path temporary;

    static Stream<String> registeredModels() {
        return ModelRegistry.knownNames().stream().filter(name -> ModelRegistry.canonicalName(name).equals(name));
    }

    @ParameterizedTest
    @MethodSource("registeredModels")
    void sampleSummaryAndReport(String model) throws IOException {
        Path run = temporary.resolve(model);
        List<String> args = new ArrayList<>(List.of("sample", "-m", model, "--chains", "2", "--warmup", "60",
                "--draws", "40", "--seed", "3", "--threads", "1", "-o", run.toString()));
        for (String setting : SMALL.getOrDefault(model, List.of())) {
            args.add("--set");
            args.add(setting);
        }
        RunOnDisk sampled = RunOnDisk.execute(args.toArray(String[]::new)).succeeded();
        String json = Files.readString(run.resolve("run.json"));
        for (String setting : SMALL.getOrDefault(model, List.of())) {
            String[] keyValue = setting.split("=");
            assertTrue(json.replaceAll("\\s", "").contains("\"" + keyValue[0] + "\":" + keyValue[1]), json);
        }

        RunOnDisk summary = RunOnDisk.execute("summary", run.toString()).succeeded();
        List<String> exactLines = sampled.out().lines().filter(l -> l.startsWith("exact posterior (")).toList();
        boolean exact = !WITHOUT_EXACT.contains(model);
        assertEquals(exact ? 1 : 0, exactLines.size(), "the comparison with the exact posterior: " + sampled.out());
        assertEquals(exactLines, summary.out().lines().filter(l -> l.startsWith("exact posterior (")).toList(),
                "summary rebuilds the same model and compares the same outputs");

        RunOnDisk.execute("report", run.toString()).succeeded();
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("running-mean-"), "a running-mean figure");
        assertEquals(exact, html.contains("exact posterior ("), "the comparison with the exact posterior");
    }
}
