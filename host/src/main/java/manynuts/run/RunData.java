package manynuts.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data a run was sampled with, as run.json records them: the file named on the command line, the copy kept in
 * the run directory (runs made before copies were kept have none) and their SHA-256, against which the data are
 * checked before the model is built again.
 *
 * @param named   run.json's "data": the file as typed, {@code built-in:...} or {@code none}
 * @param file    the file as typed, null for built-in data or none
 * @param copy    the run directory's copy of the file, null where the run keeps none
 * @param sha256  the data's SHA-256 in hex, null where run.json records none
 * @param runJson the run.json these come from, for messages
 */
public record RunData(String named, Path file, Path copy, String sha256, Path runJson) {

    /** The name of the run directory's copy of the data file. */
    public static final String COPY = "data.json";

    /** Reads "data", "data_copy" and "data_sha256" from run.json's root. */
    static RunData read(JsonNode root, Path runJson) {
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new RunInputException(runJson + ": missing field \"data\"");
        }
        String named = data.asText();
        boolean noFile = named.startsWith(RunRecord.BUILT_IN) || named.equals(RunRecord.NO_DATA);
        JsonNode sha = root.path("data_sha256");
        String sha256 = sha.isTextual() ? sha.textValue() : null;
        if (!sha.isMissingNode() && sha256 == null) {
            throw new RunInputException(runJson + ": data_sha256 must be the data's SHA-256 as hex text, got " + sha);
        }
        JsonNode copyName = root.path("data_copy");
        Path copy = null;
        if (!copyName.isMissingNode()) {
            Path name = copyName.isTextual() ? Path.of(copyName.textValue()) : null;
            if (noFile || name == null || name.isAbsolute() || name.getNameCount() != 1
                    || name.toString().equals("..")) {
                throw new RunInputException(runJson + ": data_copy must name the data's copy in the run directory, "
                        + "got " + copyName);
            }
            if (sha256 == null) {
                throw new RunInputException(runJson + ": data_copy is given without data_sha256 to check it against");
            }
            Path directory = runJson.getParent();
            copy = directory == null ? name : directory.resolve(name);
        }
        return new RunData(named, noFile ? null : Path.of(named), copy, sha256, runJson);
    }

    /** Whether the run reads built-in data (eight schools without --data). */
    public boolean builtIn() {
        return named.startsWith(RunRecord.BUILT_IN);
    }

    /**
     * Whether the data cannot be found: the run keeps no copy and the file it names is not there from here (a
     * relative path read from another directory, or a file moved or deleted since).
     */
    public boolean lost() {
        return copy == null && file != null && !Files.isRegularFile(file);
    }

    /**
     * The data file to build the model again from, checked against run.json's SHA-256: the run's copy where it keeps
     * one, else the file as named; null for built-in data or none.
     *
     * @throws RunInputException if the file is missing or its SHA-256 is not the one recorded: one line naming it
     */
    public Path verified() {
        if (builtIn()) {
            if (sha256 != null && !sha256.equals(RunDirectory.builtInDataSha256())) {
                throw new RunInputException(runJson + ": data_sha256 is not that of the built-in eight schools data "
                        + "of this version; the run used other data");
            }
            return null;
        }
        if (file == null) {
            return null;
        }
        if (copy != null) {
            requireSha256(copy, "the run's copy of its data, or run.json, was edited after the run");
            return copy;
        }
        if (!Files.isRegularFile(file)) {
            throw new RunInputException(runJson + ": names the data file " + file + ", which is not found from here, "
                    + "and the run keeps no copy of it");
        }
        requireSha256(file, "the data file was edited after the run");
        return file;
    }

    private void requireSha256(Path data, String meaning) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(data);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RunInputException(data + ": no such file, though run.json's data_copy names it as the run's "
                    + "copy of its data");
        } catch (IOException e) {
            throw new RunInputException(data + ": cannot read: " + e.getMessage());
        }
        if (sha256 != null && !sha256.equals(RunDirectory.sha256(bytes))) {
            throw new RunInputException(data + ": its SHA-256 differs from data_sha256 in " + runJson + "; "
                    + meaning);
        }
    }
}
