package manynuts.output;

import java.nio.file.Files;
import java.nio.file.Path;
import manynuts.diagnostics.DiagnosticsInputException;
import manynuts.diagnostics.DrawsDataFrameReader;

/**
 * A run directory read back from disk: run.json and the draws of draws.csv.
 *
 * @param directory the run directory
 * @param record    what run.json says about the run
 * @param draws     every draw after warm-up
 */
public record SavedRun(Path directory, RunRecord record, RunDraws draws) {

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
        return open(directory, record(directory));
    }

    /** As {@link #open(Path)}, with its run.json already read by {@link #record}. */
    public static SavedRun open(Path directory, RunRecord record) {
        Path drawsFile = directory.resolve("draws.csv");
        if (!Files.isRegularFile(drawsFile)) {
            throw new RunInputException(drawsFile + ": no such file; the run may not have finished");
        }
        try {
            return new SavedRun(directory, record, RunDraws.of(DrawsDataFrameReader.read(drawsFile), record.model()));
        } catch (IllegalArgumentException e) {
            throw new RunInputException(drawsFile + ": " + e.getMessage());
        } catch (DiagnosticsInputException e) {
            throw new RunInputException(e.getMessage());
        }
    }
}
