package manynuts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stan's numbers on this machine, for side-by-side ratios: runs the project's reference script
 * ({@code stan-eight-schools.R}, rstan) and reads the JSON line it prints.
 *
 * @param gradientsPerSecondPerCore Stan's gradients over its own warm-up and sampling time, summed over chains
 * @param minEssBulkPerCoreSecond   the smallest bulk ESS of mu, tau and log tau over that time
 */
public record StanReference(String version, int chains, double gradientsPerSecondPerCore, double minEssBulkPerCoreSecond,
        double meanLogTau) {

    /** The bundled script that runs any Stan program in rstan. */
    private static final String PROGRAM_SCRIPT = "stan-program.R";

    /**
     * Stan's numbers for a Stan program and its data file (null for none), with the bundled {@code stan-program.R},
     * which rewrites the program's array declarations to the syntax rstan 2.21 reads.
     */
    public static StanReference runProgram(String rscript, String program, Path data, int chains, int warmup, int draws)
            throws IOException {
        Path directory = Files.createTempDirectory("manynuts-stan");
        Path script = directory.resolve(PROGRAM_SCRIPT);
        try {
            try (java.io.InputStream source = StanReference.class.getResourceAsStream(PROGRAM_SCRIPT)) {
                if (source == null) {
                    throw new IOException("--compare-stan: " + PROGRAM_SCRIPT + " is missing from the jar");
                }
                Files.copy(source, script);
            }
            JsonNode node = RScripts.run(List.of(rscript, script.toString(), program,
                    data == null ? "-" : data.toString(), String.valueOf(chains), String.valueOf(warmup),
                    String.valueOf(draws)), "--compare-stan", "R and rstan: ../shared/bench/install-stan.sh");
            return new StanReference(node.path("stan_version").asText(), node.path("chains").asInt(),
                    node.path("gradients_per_second_per_core").asDouble(),
                    node.path("min_ess_bulk_per_core_second").asDouble(), Double.NaN);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(directory);
        }
    }

    public static StanReference run(String rscript, Path script, String model, int chains, int warmup, int draws)
            throws IOException {
        if (!Files.isRegularFile(script)) {
            throw new BenchInputException("no Stan reference script at " + script + " (pass --stan-script)");
        }
        String which = model.contains("noncentered") ? "noncentered" : "centered";
        JsonNode node = RScripts.run(List.of(rscript, script.toString(), which, String.valueOf(chains),
                String.valueOf(warmup), String.valueOf(draws)), "--compare-stan",
                "R and rstan: ../shared/bench/install-stan.sh");
        return new StanReference(node.path("stan_version").asText(), node.path("chains").asInt(),
                node.path("gradients_per_second_per_core").asDouble(),
                node.path("min_ess_bulk_per_core_second").asDouble(), node.path("mean_log_tau").asDouble());
    }
}
