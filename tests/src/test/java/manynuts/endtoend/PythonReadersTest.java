package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.PosteriorDraws;
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
        return OutsideReaders.succeeds(python(), "-c", "import arviz, pandas");
    }

    @Test
    void pandasAndArvizReadTheRunAsItIs() throws Exception {
        assumeTrue(pythonWithArviz(), python() + " with arviz and pandas is not available (set MANYNUTS_PYTHON)");
        Path run = directory.resolve("run");
        OutsideReaders.sampleRun(run);

        Path script = Path.of(PythonReadersTest.class.getResource("/stancsv/read-run.py").toURI());
        JsonNode read = OutsideReaders.read("Python", python(), script.toString(), run.toString());

        PosteriorDraws draws = DrawsDataFrameReader.read(run.resolve("draws.csv"));
        JsonNode pandas = read.get("pandas");
        assertEquals(draws.variables(), OutsideReaders.strings(pandas.get("names")));
        OutsideReaders.assertMeans(draws, draws.variables(), pandas.get("means"));

        // ArviZ: theta.1 ... theta.8 as one variable theta, read back here as theta[1] ... theta[8].
        JsonNode arviz = read.get("arviz");
        assertEquals(4, arviz.get("chains").asInt());
        assertEquals(150, arviz.get("draws").asInt());
        List<String> names = OutsideReaders.strings(arviz.get("names"));
        assertTrue(names.containsAll(List.of("mu", "tau", "theta[1]", "theta[8]", "tau_log")), names.toString());
        OutsideReaders.assertMeans(draws, names, arviz.get("means"));
        assertEquals(OutsideReaders.sum(draws.of("divergent__")), arviz.get("divergent").asDouble());
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

}
