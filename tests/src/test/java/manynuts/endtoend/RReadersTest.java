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
 * A run read by R's own readers, where R with rstan and posterior is installed (../shared/bench/install-stan.sh;
 * CI has no R and skips this): posterior reads draws.csv and rstan reads stan/chain-n.csv, with the names and
 * means that the run holds and each chain's elapsed times as the files give them. The rules these readers follow
 * are checked without R by {@link StanCsvInteropTest}.
 */
class RReadersTest {

    @TempDir
    Path directory;

    private static boolean rWithRstanAndPosterior() {
        try {
            Process probe = new ProcessBuilder("Rscript", "-e",
                    "quit(status = !all(sapply(c('rstan', 'posterior', 'jsonlite'), requireNamespace, quietly = TRUE)))")
                    .redirectErrorStream(true).start();
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
    void posteriorAndRstanReadTheRunAsItIs() throws Exception {
        assumeTrue(rWithRstanAndPosterior(), "Rscript with rstan, posterior and jsonlite is not installed");
        Path run = directory.resolve("run");
        CommandLine.Outcome sampled = CommandLine.run("sample", "-m", "eight_schools_noncentered", "--chains", "4",
                "--warmup", "200", "--draws", "150", "--seed", "5", "--backend", "cpu", "--progress", "never",
                "--stan-csv", "-o", run.toString());
        assertEquals(0, sampled.exitCode(), sampled.err());

        Path script = Path.of(RReadersTest.class.getResource("/stancsv/read-run.R").toURI());
        Process r = new ProcessBuilder("Rscript", script.toString(), run.toString()).redirectErrorStream(true)
                .start();
        String output = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(r.waitFor(120, TimeUnit.SECONDS), "R did not finish");
        assertEquals(0, r.exitValue(), output);
        String json = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no JSON line from R: " + output));
        JsonNode read = new ObjectMapper().readTree(json);

        PosteriorDraws draws = DrawsDataFrameReader.read(run.resolve("draws.csv"));
        // posterior: every column of draws.csv under its own name, the same means.
        JsonNode posterior = read.get("posterior");
        assertEquals(draws.variables(), strings(posterior.get("names")));
        for (int v = 0; v < draws.variables().size(); v++) {
            assertEquals(mean(draws.of(draws.variables().get(v))), posterior.get("means").get(v).asDouble(),
                    1e-9 * (1 + Math.abs(posterior.get("means").get(v).asDouble())), draws.variables().get(v));
        }
        // rstan: the outputs (theta.1 read back as theta[1]) and lp__, 4 chains x 150 draws, the same means.
        JsonNode rstan = read.get("rstan");
        assertEquals(4, rstan.get("chains").asInt());
        assertEquals(600, rstan.get("draws").asInt());
        List<String> names = strings(rstan.get("names"));
        assertTrue(names.containsAll(List.of("mu", "tau", "theta[1]", "theta[8]", "tau_log", "lp__")), names.toString());
        for (int v = 0; v < names.size(); v++) {
            assertEquals(mean(draws.of(names.get(v))), rstan.get("means").get(v).asDouble(), 1e-9, names.get(v));
        }
        // rstan's elapsed times: those of each chain's file, positive.
        for (int chain = 0; chain < 4; chain++) {
            List<String> tail = Files.readAllLines(run.resolve("stan").resolve("chain-" + (chain + 1) + ".csv"));
            String warmupLine = tail.stream().filter(l -> l.endsWith("seconds (Warm-up)")).findFirst().orElseThrow();
            double warmup = Double.parseDouble(warmupLine.replaceAll("[^0-9.]", ""));
            assertEquals(warmup, read.get("warmup_seconds").get(chain).asDouble(), 1e-9);
            assertTrue(read.get("sampling_seconds").get(chain).asDouble() > 0);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static double mean(double[][] values) {
        double sum = 0;
        long count = 0;
        for (double[] chain : values) {
            for (double value : chain) {
                sum += value;
                count++;
            }
        }
        return sum / count;
    }
}
