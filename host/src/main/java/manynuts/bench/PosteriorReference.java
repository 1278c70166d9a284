package manynuts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import manynuts.bench.PosteriorColumns;

/**
 * The posterior R package's summary of the same draws, for side-by-side speed and agreement: writes the draws to a
 * file, runs the bundled {@code posterior-summary.R} on them, and reads back the seconds its
 * {@code summarise_draws} took and every value it computed.
 *
 * @param seconds what posterior's {@code summarise_draws} took, reading the draws not included
 * @param summary a row per parameter, in the order the draws were given
 */
public record PosteriorReference(String version, String rVersion, int cores, double seconds,
        PosteriorColumns.Table summary) {

    private static final String OPTION = "--compare-posterior";
    private static final String INSTALL = "R and posterior: apt-get install r-cran-posterior";
    private static final String SCRIPT = "posterior-summary.R";

    /**
     * posterior's version, or one clear error if R or the package is missing; cheap enough to ask before any
     * sampling.
     */
    public static String version(String rscript) throws IOException {
        JsonNode node;
        try {
            node = RScripts.run(List.of(rscript, "-e", "cat(sprintf('{\"posterior_version\":\"%s\"}\\n', "
                    + "packageVersion('posterior')))"), OPTION, INSTALL);
        } catch (RScripts.NoResult e) {
            throw new BenchInputException(OPTION + ": R's posterior package is not available (install " + INSTALL
                    + "); " + (e.output.isEmpty() ? "R printed nothing (exit status " + e.exitStatus + ")"
                            : "R said: " + e.output));
        }
        return node.path("posterior_version").asText();
    }

    /**
     * Summarises the draws with posterior on {@code cores} cores.
     *
     * @param names one per parameter
     * @param draws [parameter][chain][draw], rectangular; not modified
     */
    public static PosteriorReference run(String rscript, List<String> names, double[][][] draws, int cores)
            throws IOException {
        Path directory = Files.createTempDirectory("manynuts-posterior");
        try {
            Path script = directory.resolve(SCRIPT);
            try (InputStream source = PosteriorReference.class.getResourceAsStream(SCRIPT)) {
                if (source == null) {
                    throw new IOException(OPTION + ": " + SCRIPT + " is missing from the jar");
                }
                Files.copy(source, script);
            }
            Path drawsFile = directory.resolve("draws.bin");
            Path namesFile = directory.resolve("names.txt");
            Path summaryFile = directory.resolve("summary.csv");
            writeDraws(drawsFile, draws);
            Files.write(namesFile, names, StandardCharsets.UTF_8);
            int chains = draws[0].length;
            int iterations = draws[0][0].length;
            JsonNode node = RScripts.run(List.of(rscript, script.toString(), drawsFile.toString(),
                    namesFile.toString(), String.valueOf(chains), String.valueOf(iterations), String.valueOf(cores),
                    summaryFile.toString()), OPTION, INSTALL);
            return new PosteriorReference(node.path("posterior_version").asText(), node.path("r_version").asText(),
                    node.path("cores").asInt(), node.path("seconds").asDouble(),
                    PosteriorColumns.read(summaryFile));
        } finally {
            deleteQuietly(directory);
        }
    }

    /**
     * Deletes the working directory and what it holds, each file on its own: one that cannot go now is deleted when
     * the program ends, rather than hiding what went wrong before.
     */
    private static void deleteQuietly(Path directory) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            directory.toFile().deleteOnExit();
            return;
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /**
     * Writes the draws as little-endian doubles, parameter by parameter, chain by chain, draws innermost: the layout
     * of an R array [iteration, chain, variable], which R fills first index fastest.
     */
    static void writeDraws(Path file, double[][][] draws) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (double[][] parameter : draws) {
                for (double[] chain : parameter) {
                    for (double value : chain) {
                        if (!buffer.hasRemaining()) {
                            drain(buffer, channel);
                        }
                        buffer.putDouble(value);
                    }
                }
            }
            drain(buffer, channel);
        }
    }

    private static void drain(ByteBuffer buffer, FileChannel channel) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
