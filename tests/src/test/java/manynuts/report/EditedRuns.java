package manynuts.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Run directories made from a finished one by editing its files, as a stopped or tampered run leaves them. */
final class EditedRuns {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EditedRuns() {
    }

    /** A copy of the run directory {@code run} at {@code copy}. */
    static Path copy(Path run, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** Rewrites the run's run.json after {@code edit}. */
    static void editRecord(Path run, Consumer<ObjectNode> edit) throws IOException {
        Path file = run.resolve("run.json");
        ObjectNode record = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(record);
        JSON.writeValue(file.toFile(), record);
    }

    /**
     * Keeps the first {@code drawsPerChain[c]} draws of chain c + 1 in draws.csv, rows in their order, and ends the
     * file with the first {@code cutCharacters} characters of the next row left out, with no line break: a run
     * stopped while writing it.
     */
    static void keepDraws(Path run, int[] drawsPerChain, int cutCharacters) throws IOException {
        Path file = run.resolve("draws.csv");
        List<String> lines = Files.readAllLines(file);
        StringBuilder kept = new StringBuilder(lines.get(0)).append('\n');
        String cut = null;
        for (String row : lines.subList(1, lines.size())) {
            String[] fields = row.split(",", 3);
            int chain = Integer.parseInt(fields[0]);
            int iteration = Integer.parseInt(fields[1]);
            if (iteration <= drawsPerChain[chain - 1]) {
                kept.append(row).append('\n');
            } else if (cut == null) {
                cut = row.substring(0, Math.min(cutCharacters, row.length() - 1));
            }
        }
        if (cutCharacters > 0 && cut != null) {
            kept.append(cut);
        }
        Files.writeString(file, kept);
    }

    /** Marks the run interrupted, as the sampler records a stop by {@code reason}. */
    static void interrupted(Path run, String reason, int... drawsPerChain) throws IOException {
        editRecord(run, record -> {
            record.put("status", "interrupted");
            ObjectNode interrupted = record.putObject("interrupted");
            interrupted.put("reason", reason);
            var counts = interrupted.putArray("draws_per_chain");
            for (int count : drawsPerChain) {
                counts.add(count);
            }
        });
    }
}
