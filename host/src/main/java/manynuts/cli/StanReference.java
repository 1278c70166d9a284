package manynuts.cli;

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
record StanReference(String version, int chains, double gradientsPerSecondPerCore, double minEssBulkPerCoreSecond,
        double meanLogTau) {

    static StanReference run(String rscript, Path script, String model, int chains, int warmup, int draws)
            throws IOException {
        if (!Files.isRegularFile(script)) {
            throw new UsageException("no Stan reference script at " + script + " (pass --stan-script)");
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
