package manynuts.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import manynuts.diagnostics.draws.ChainDraws;
import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.models.ConfiguredModel;
import manynuts.nuts.SamplerStats;
import manynuts.output.RunDraws;

/**
 * A run directory read back from disk and checked: run.json, the model built again from it (from the run's copy of
 * its data, checked against their SHA-256), and the draws of draws.csv, whose columns must be the model's and whose
 * chains and draws must be those run.json gives. A run stopped part way is read up to its shortest chain.
 *
 * @param directory the run directory
 * @param record    what run.json says about the run
 * @param draws     the draws summarised: every draw after warm-up, or the first draws of every chain
 * @param model     the model built again, null where an older run's data file is not found
 * @param notes     what the user must know to read the summary, one line each: a run interrupted, a cut last row,
 *                  data not found
 */
public record SavedRun(Path directory, RunRecord record, RunDraws draws, ConfiguredModel model, List<String> notes) {

    public SavedRun {
        notes = List.copyOf(notes);
    }

    /** What the run directory's run.json says, read without the draws; the same errors as {@link #open}. */
    public static RunRecord record(Path directory) {
        if (!Files.exists(directory)) {
            throw new RunInputException("no such run directory: " + directory);
        }
        if (!Files.isDirectory(directory)) {
            throw new RunInputException(directory + " is not a run directory (expected a directory holding run.json "
                    + "and draws.csv)");
        }
        return RunRecord.read(directory.resolve("run.json"));
    }

    /** Reads a run directory written by {@code sample} or {@code demo}; any problem is one clear message. */
    public static SavedRun open(Path directory) {
        return open(directory, record(directory), null);
    }

    /**
     * As {@link #open(Path)}, with its run.json already read by {@link #record}.
     *
     * @param draws the draws of every chain to summarise, or null for all that every chain holds
     * @throws RunInputException if run.json, the data, the model and draws.csv do not agree: one line naming the
     *                           file and the field
     */
    public static SavedRun open(Path directory, RunRecord record, Integer draws) {
        Path drawsFile = directory.resolve("draws.csv");
        if (!Files.isRegularFile(drawsFile)) {
            throw new RunInputException(drawsFile + ": no such file; the run stopped before its first draw, or "
                    + directory + " is not a run directory");
        }
        List<String> notes = new ArrayList<>();
        ConfiguredModel model = null;
        if (record.data().lost()) {
            notes.add(record.file() + " names the data file " + record.data().file() + ", which is not found from "
                    + "here, and the run keeps no copy of it (runs made before copies were kept): no comparison with "
                    + "the exact posterior, and draws.csv's columns go unchecked");
        } else {
            model = record.rebuild();
        }
        ChainDraws chains;
        try {
            chains = DrawsDataFrameReader.readChains(drawsFile);
        } catch (DiagnosticsInputException e) {
            throw new RunInputException(e.getMessage());
        }
        if (model != null) {
            requireColumns(chains.variables(), model, record, drawsFile);
        }
        if (chains.lastRowCut()) {
            notes.add(chains.cutRowNote());
        }
        RunExtent extent = RunExtent.of(record, chains, drawsFile, draws);
        if (extent.note() != null) {
            notes.add(extent.note());
        }
        try {
            return new SavedRun(directory, record, RunDraws.of(chains.firstDraws(extent.used()), record.model()),
                    model, notes);
        } catch (IllegalArgumentException e) {
            throw new RunInputException(drawsFile + ": " + e.getMessage());
        }
    }

    /** The columns of draws.csv must be the model's outputs, then Stan's sampler statistics, in order. */
    private static void requireColumns(List<String> columns, ConfiguredModel model, RunRecord record, Path drawsFile) {
        List<String> expected = new ArrayList<>(model.model().outputNames());
        expected.addAll(SamplerStats.NAMES);
        for (int i = 0; i < Math.max(columns.size(), expected.size()); i++) {
            String found = i < columns.size() ? columns.get(i) : null;
            String wanted = i < expected.size() ? expected.get(i) : null;
            if (wanted == null) {
                throw new RunInputException(drawsFile + ": column " + found + " is not among the columns of "
                        + record.file() + "'s model " + record.model() + "; the draws are not this model's");
            }
            if (found == null) {
                throw new RunInputException(drawsFile + ": has no column " + wanted + ", which " + record.file()
                        + "'s model " + record.model() + " outputs; the draws are not this model's");
            }
            if (!found.equals(wanted)) {
                throw new RunInputException(drawsFile + ": column " + found + " stands where " + record.file()
                        + "'s model " + record.model() + " has " + wanted + "; the draws are not this model's");
            }
        }
    }
}
