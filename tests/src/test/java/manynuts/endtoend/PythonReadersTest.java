package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import manynuts.diagnostics.DrawsDataFrameReader;
import manynuts.diagnostics.PosteriorDraws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run read by Python's readers, where a Python with ArviZ and pandas is at hand ({@code MANYNUTS_PYTHON}, else
 * python3; CI has neither and skips this): pandas reads draws.csv and ArviZ's {@code from_cmdstan} reads
 * stan/chain-n.csv without a single warning, with the run's names, means, step sizes and elapsed times. The rules
 * ArviZ and cmdstanpy follow are checked without Python by {@link StanCsvInteropTest}.
 */
class PythonReadersTest {

    @TempDir
    Path directory;

    private static String python() {
        String configured = System.getenv("MANYNUTS_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    private static boolean pythonWithArviz() {
        try {
            Process probe = new ProcessBuilder(python(), "-c", "import arviz, pandas").redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void pandasAndArvizReadTheRunAsItIs() throws Exception {
        assumeTrue(pythonWithArviz(), python() + " with arviz and pandas is not available (set MANYNUTS_PYTHON)");
        Path run = directory.resolve("run");
        CommandLine.Outcome sampled = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains", "4",
                "--warmup", "200", "--draws", "150", "--seed", "5", "--backend", "cpu", "--progress", "never",
                "--stan-csv", "-o", run.toString());
        assertEquals(0, sampled.exitCode(), sampled.err());

        Path script = Path.of(PythonReadersTest.class.getResource("/stancsv/read-run.py").toURI());
        Process reader = new ProcessBuilder(python(), script.toString(), run.toString()).redirectErrorStream(true)
                .start();
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(reader.waitFor(120, TimeUnit.SECONDS), "Python did not finish");
        assertEquals(0, reader.exitValue(), output);
        String json = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no JSON line from Python: " + output));
        JsonNode read = new ObjectMapper().readTree(json);

        PosteriorDraws draws = DrawsDataFrameReader.read(run.resolve("draws.csv"));
        JsonNode pandas = read.get("pandas");
        assertEquals(draws.variables(), strings(pandas.get("names")));
        for (int v = 0; v < draws.variables().size(); v++) {
            assertEquals(mean(draws.of(draws.variables().get(v))), pandas.get("means").get(v).asDouble(),
                    1e-9 * (1 + Math.abs(pandas.get("means").get(v).asDouble())), draws.variables().get(v));
        }

        // ArviZ: theta.1 ... theta.8 as one variable theta, read back here as theta[1] ... theta[8].
        JsonNode arviz = read.get("arviz");
        assertEquals(4, arviz.get("chains").asInt());
        assertEquals(150, arviz.get("draws").asInt());
        List<String> names = strings(arviz.get("names"));
        assertTrue(names.containsAll(List.of("mu", "tau", "theta[1]", "theta[8]", "tau_log")), names.toString());
        for (int v = 0; v < names.size(); v++) {
            assertEquals(mean(draws.of(names.get(v))), arviz.get("means").get(v).asDouble(), 1e-9, names.get(v));
        }
        assertEquals(sum(draws.of("divergent__")), arviz.get("divergent").asDouble());
        for (int chain = 0; chain < 4; chain++) {
            List<String> lines = Files.readAllLines(run.resolve("stan").resolve("chain-" + (chain + 1) + ".csv"));
            String stepSize = lines.stream().filter(l -> l.startsWith("# Step size = ")).findFirst().orElseThrow();
            assertEquals(Double.parseDouble(stepSize.substring("# Step size = ".length())),
                    read.get("step_size").get(chain).asDouble());
            assertTrue(read.get("warmup_seconds").get(chain).asDouble() > 0);
            assertTrue(read.get("stan_version").get(chain).asText().contains("'major': '2'"),
                    read.get("stan_version").toString());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static double sum(double[][] values) {
        double sum = 0;
        for (double[] chain : values) {
            for (double value : chain) {
                sum += value;
            }
        }
        return sum;
    }

    private static double mean(double[][] values) {
        return sum(values) / (values.length * values[0].length);
    }
}
