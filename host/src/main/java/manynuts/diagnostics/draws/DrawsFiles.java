package manynuts.diagnostics.draws;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads draws from files whose format is told by their content: a draws_df CSV, or Stan CSV files. */
public final class DrawsFiles {

    private DrawsFiles() {
    }

    /**
     * Draws, and the sampler's columns when the files carry them (Stan CSV, or a draws_df with {@code lp__},
     * {@code divergent__}, ...).
     *
     * @param draws   the variables
     * @param sampler the columns whose names end in {@code __}, in file order; none when the file has none
     * @param notes   what was left out or assumed to read the files, one line each: a cut last row, draws past the
     *                shortest chain, a draws_df without {@code .chain} read as one chain, an assumed maximum depth
     */
    public record Loaded(PosteriorDraws draws, PosteriorDraws sampler, int maxTreeDepth, List<String> notes) {
        public Loaded {
            notes = List.copyOf(notes);
        }

        /** The statistics the sampler's warnings read; empty when the files carry none. */
        public SamplerColumns stats() {
            return SamplerColumns.of(sampler);
        }
    }

    /** Stan's default maximum tree depth, taken for a draws_df, which does not record the one the run used. */
    static final int DEFAULT_MAX_TREE_DEPTH = 10;

    /** Which layout a file uses. */
    public enum Layout { DRAWS_DF, STAN_CSV }

    /**
     * A draws_df file has a {@code .chain}, {@code .iteration} or {@code .draw} column (names Stan does not allow);
     * Stan CSV starts with comments or has columns ending in __.
     */
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
                    if (header.contains(DrawsDataFrameReader.CHAIN)
                            || header.contains(DrawsDataFrameReader.ITERATION)
                            || header.contains(DrawsDataFrameReader.DRAW)) {
                        return Layout.DRAWS_DF;
                    }
                    if (header.stream().anyMatch(name -> name.endsWith("__"))) {
                        return Layout.STAN_CSV;
                    }
                    throw DiagnosticsInputException.at(file.toString(), lineNumber,
                            "neither a draws_df CSV (no .chain, .iteration or .draw column) "
                                    + "nor Stan CSV (no __ columns)");
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
            return readDrawsDataFrame(files.get(0));
        }
        StanCsvReader.StanRun run = StanCsvReader.read(files);
        return new Loaded(run.draws(), run.sampler(), run.maxTreeDepth(), List.of());
    }

    /** A draws_df file whose chains may differ in length (a run stopped part way) is read up to the shortest. */
    private static Loaded readDrawsDataFrame(Path file) {
        List<String> notes = new ArrayList<>();
        ChainDraws chains = DrawsDataFrameReader.readChains(file, notes);
        if (chains.lastRowCut()) {
            notes.add(chains.cutRowNote());
        }
        int shortest = chains.shortest();
        if (chains.longest() != shortest) {
            notes.add(String.format(Locale.ROOT, "%s: chains differ in length (%d to %d draws, as a run stopped part "
                    + "way leaves them); summarising the first %d draws of each of the %d chains", file, shortest,
                    chains.longest(), shortest, chains.chains()));
        }
        PosteriorDraws all = chains.firstDraws(shortest);
        PosteriorDraws sampler = all.samplerOnly();
        if (SamplerColumns.of(sampler).saturatedTreeDepth(DEFAULT_MAX_TREE_DEPTH) > 0) {
            notes.add(file + ": the file does not record the maximum tree depth; draws at depth "
                    + DEFAULT_MAX_TREE_DEPTH + " or more are counted as saturated (Stan's default maximum)");
        }
        return new Loaded(all.variablesOnly(), sampler, DEFAULT_MAX_TREE_DEPTH, notes);
    }
}
