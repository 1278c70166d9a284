package manynuts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the R scripts of the side-by-side references and reads the JSON line each prints last. */
final class RScripts {
    private RScripts() {
    }

    /**
     * Runs {@code command} (Rscript and its arguments) and returns the last line of its output that starts with
     * {@code {}, parsed.
     *
     * @param option the option that asked for R, for the messages
     * @param install what to install when R cannot be run
     * @throws UsageException if R cannot be started
     * @throws IOException if the script printed no JSON line; the message carries what it printed instead
     */
    static JsonNode run(List<String> command, String option, String install) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UsageException("cannot run " + command.get(0) + " for " + option + " (install " + install + "): "
                    + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while R ran for " + option);
        }
        String json = output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException(option + ": the R script printed no result: "
                        + output.strip().replaceAll("\\s*\\R\\s*", " ")));
        return new ObjectMapper().readTree(json);
    }
}
