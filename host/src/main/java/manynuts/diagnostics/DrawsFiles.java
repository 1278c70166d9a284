package manynuts.diagnostics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads draws from files whose format is told by their content: a draws_df CSV, or Stan CSV files. */
public final class DrawsFiles {

    private DrawsFiles() {
    }

    /** Draws, and sampler statistics when the files carry them (Stan CSV). */
    public record Loaded(PosteriorDraws draws, SamplerStats stats, int maxTreeDepth) {
    }

    /** Which layout a file uses. */
    public enum Layout { DRAWS_DF, STAN_CSV }

    /** A draws_df file has a {@code .chain} column; Stan CSV starts with comments or has columns ending in __. */
    public static Layout detect(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.startsWith("#")) {
                    return Layout.STAN_CSV;
                }
                if (!line.isBlank()) {
                    List<String> header = CsvFields.split(line, file.toString(), lineNumber);
                    if (header.contains(DrawsDataFrameReader.CHAIN)) {
                        return Layout.DRAWS_DF;
                    }
                    if (header.stream().anyMatch(name -> name.endsWith("__"))) {
                        return Layout.STAN_CSV;
                    }
                    throw DiagnosticsInputException.at(file.toString(), lineNumber,
                            "neither a draws_df CSV (no .chain column) nor Stan CSV (no __ columns)");
                }
            }
            throw DiagnosticsInputException.at(file.toString(), 1, "empty file");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DiagnosticsInputException(file + ": no such file");
        } catch (IOException e) {
            throw new DiagnosticsInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads one draws_df file, or one Stan CSV file per chain. */
    public static Loaded read(List<Path> files) {
        if (files.isEmpty()) {
            throw new DiagnosticsInputException("no input files given");
        }
        Layout layout = detect(files.get(0));
        for (Path file : files.subList(1, files.size())) {
            if (detect(file) != layout) {
                throw new DiagnosticsInputException(file + ": layout differs from " + files.get(0));
            }
        }
        if (layout == Layout.DRAWS_DF) {
            if (files.size() > 1) {
                throw new DiagnosticsInputException(files.get(1)
                        + ": give one draws_df CSV, which already holds all chains");
            }
            return new Loaded(DrawsDataFrameReader.read(files.get(0)), new SamplerStats(null, null, null, null), 10);
        }
        StanCsvReader.StanRun run = StanCsvReader.read(files);
        return new Loaded(run.draws(), run.stats(), run.maxTreeDepth());
    }
}
