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
 * A run read by R's own readers, where R with rstan and posterior is installed (../shared/bench/install-stan.sh;
 * CI has no R and skips this): posterior reads draws.csv and rstan reads stan/chain-n.csv, with the names and
 * means that the run holds and each chain's elapsed times as the files give them. The rules these readers follow
 * are checked without R by {@link StanCsvInteropTest}.
 */
class RReadersTest {

    @TempDir
    Path directory;

    private static boolean rWithRstanAndPosterior() {
        return OutsideReaders.succeeds("Rscript", "-e",
                "quit(status = !all(sapply(c('rstan', 'posterior', 'jsonlite'), requireNamespace, quietly = TRUE)))");
    }

    @Test
    void posteriorAndRstanReadTheRunAsItIs() throws Exception {
        assumeTrue(rWithRstanAndPosterior(), "Rscript with rstan, posterior and jsonlite is not installed");
        Path run = directory.resolve("run");
        OutsideReaders.sampleRun(run);

        Path script = Path.of(RReadersTest.class.getResource("/stancsv/read-run.R").toURI());
        JsonNode read = OutsideReaders.read("R", "Rscript", script.toString(), run.toString());

        PosteriorDraws draws = DrawsDataFrameReader.read(run.resolve("draws.csv"));
        // posterior: every column of draws.csv under its own name, the same means.
        JsonNode posterior = read.get("posterior");
        assertEquals(draws.variables(), OutsideReaders.strings(posterior.get("names")));
        OutsideReaders.assertMeans(draws, draws.variables(), posterior.get("means"));
        // rstan: the outputs (theta.1 read back as theta[1]) and lp__, 4 chains x 150 draws, the same means.
        JsonNode rstan = read.get("rstan");
        assertEquals(4, rstan.get("chains").asInt());
        assertEquals(600, rstan.get("draws").asInt());
        List<String> names = OutsideReaders.strings(rstan.get("names"));
        assertTrue(names.containsAll(List.of("mu", "tau", "theta[1]", "theta[8]", "tau_log", "lp__")), names.toString());
        OutsideReaders.assertMeans(draws, names, rstan.get("means"));
        // rstan's elapsed times: those of each chain's file, positive.
        for (int chain = 0; chain < 4; chain++) {
            List<String> tail = Files.readAllLines(run.resolve("stan").resolve("chain-" + (chain + 1) + ".csv"));
            String warmupLine = tail.stream().filter(l -> l.endsWith("seconds (Warm-up)")).findFirst().orElseThrow();
            double warmup = Double.parseDouble(warmupLine.replaceAll("[^0-9.]", ""));
            assertEquals(warmup, read.get("warmup_seconds").get(chain).asDouble(), 1e-9);
            assertTrue(read.get("sampling_seconds").get(chain).asDouble() > 0);
        }
    }

}
