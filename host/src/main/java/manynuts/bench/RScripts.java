package manynuts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the R scripts of the side-by-side references and reads the JSON line each prints last. */
final class RScripts {
    private RScripts() {
    }

    /** What is kept of a failed script's output: R's error comes first, its traceback after. */
    private static final int OUTPUT_KEPT = 300;

    /** A script that ended without printing its JSON line: how it ended and the start of what it printed instead. */
    static final class NoResult extends IOException {
        final int exitStatus;
        final String output;

        NoResult(String option, int exitStatus, String printed) {
            super(option + ": the R script printed no result (exit status " + exitStatus + ")"
                    + (printed.isEmpty() ? "" : ": " + kept(printed)));
            this.exitStatus = exitStatus;
            this.output = kept(printed);
        }

        private static String kept(String printed) {
            return printed.length() <= OUTPUT_KEPT ? printed : printed.substring(0, OUTPUT_KEPT) + " ...";
        }
    }

    /**
     * Runs {@code command} (Rscript and its arguments) and returns the last line of its output that starts with an
     * opening brace, parsed as JSON.
     *
     * @param option the option that asked for R, for the messages
     * @param install what to install when R cannot be run
     * @throws BenchInputException if R cannot be started
     * @throws NoResult if the script printed no JSON line
     */
    static JsonNode run(List<String> command, String option, String install) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BenchInputException("cannot run " + command.get(0) + " for " + option + " (install " + install + "): "
                    + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exitStatus;
        try {
            exitStatus = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while R ran for " + option);
        }
        String json = output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new NoResult(option, exitStatus, oneLine(output)));
        return new ObjectMapper().readTree(json);
    }

    /** Text of several lines as one, each line break and the spaces around it made a single space. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
