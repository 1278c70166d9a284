package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import manynuts.diagnostics.draws.PosteriorDraws;

/**
 * What the tests of Python's and R's readers share: the run they read, the reader script's one JSON line, and the
 * means of every variable compared with the run's own draws.
 */
final class OutsideReaders {

    private OutsideReaders() {
    }

    /** Whether {@code command} runs and exits 0 within a minute (a reader and its packages are installed). */
    static boolean succeeds(String... command) {
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Four chains of non-centered eight schools with Stan CSV files, in {@code run}. */
    static void sampleRun(Path run) {
        CommandLine.Outcome sampled = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains", "4",
                "--warmup", "200", "--draws", "150", "--seed", "5", "--backend", "cpu", "--progress", "never",
                "--stan-csv", "-o", run.toString());
        assertEquals(0, sampled.exitCode(), sampled.err());
    }

    /** Runs a reader script ({@code command}) and parses the last line of its output that is a JSON object. */
    static JsonNode read(String reader, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), reader + " did not finish");
        assertEquals(0, process.exitValue(), output);
        String json = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no JSON line from " + reader + ": " + output));
        return new ObjectMapper().readTree(json);
    }

    /** Asserts that {@code read} holds {@code names} whose {@code means} equal those of the run's draws. */
    static void assertMeans(PosteriorDraws draws, List<String> names, JsonNode means) {
        for (int v = 0; v < names.size(); v++) {
            double mean = means.get(v).asDouble();
            assertEquals(mean(draws.of(names.get(v))), mean, 1e-9 * (1 + Math.abs(mean)), names.get(v));
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    static double sum(double[][] values) {
        double sum = 0;
        for (double[] chain : values) {
            for (double value : chain) {
                sum += value;
            }
        }
        return sum;
    }

    static double mean(double[][] values) {
        long count = 0;
        for (double[] chain : values) {
            count += chain.length;
        }
        return sum(values) / count;
    }
}
