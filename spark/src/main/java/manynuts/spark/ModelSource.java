package manynuts.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import manynuts.api.PosteriorModel;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;

/**
 * The model of a run as the driver read it, carried to the executors whole: a built-in model's name and options, or
 * a Stan program's text, with the text of its data file. Executors need no copy of the user's files.
 *
 * @param name        a built-in model's name, or the Stan program's file name (ending in {@code .stan})
 * @param program     the Stan program's text, or null for a built-in model
 * @param data        the data file's text (Stan JSON), or null for none
 * @param options     a built-in model's options ({@code --set}); empty for a Stan program
 */
public record ModelSource(String name, String program, String data, Map<String, String> options)
        implements Serializable {

    public ModelSource {
        options = new TreeMap<>(options);
    }

    /** The same model with other data (Stan JSON text). */
    public ModelSource withData(String text) {
        return new ModelSource(name, program, text, options);
    }

    /**
     * Reads what {@code -m} and {@code --data} name on the driver.
     *
     * @param model a built-in model's name or a {@code .stan} file
     * @throws IllegalArgumentException if a file cannot be read
     */
    public static ModelSource read(String model, Path data, Map<String, String> options) {
        String dataText = data == null ? null : text(data);
        if (model.endsWith(".stan")) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("--set applies to built-in models, not to a Stan program");
            }
            Path file = Path.of(model);
            return new ModelSource(file.getFileName().toString(), text(file), dataText, Map.of());
        }
        return new ModelSource(model, null, dataText, options);
    }

    /**
     * The model, built where this runs: a Stan program is compiled from a copy of its text in a temporary folder.
     *
     * @throws IllegalArgumentException if the model or its data cannot be used
     */
    public PosteriorModel load() {
        return inTemporaryFolder((programFile, dataFile) -> program == null
                ? PosteriorModel.builtIn(name, dataFile, options) : PosteriorModel.stanProgram(programFile, dataFile));
    }

    /**
     * The model as the sampler sees it, without the checks of a posterior to sample: for a program with no
     * parameters, such as a simulator of datasets, whose generated quantities are all it has.
     *
     * @throws IllegalArgumentException if the model or its data cannot be used
     */
    public Model model() {
        return inTemporaryFolder((programFile, dataFile) -> {
            try {
                return ModelRegistry.configure(program == null ? name : programFile.toString(), dataFile, options)
                        .model();
            } catch (ModelException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    private <T> T inTemporaryFolder(BiFunction<Path, Path, T> build) {
        try {
            Path folder = Files.createTempDirectory("manynuts-model");
            try {
                Path dataFile = null;
                if (data != null) {
                    dataFile = Files.writeString(folder.resolve("data.json"), data, StandardCharsets.UTF_8);
                }
                Path programFile = null;
                if (program != null) {
                    programFile = Files.writeString(folder.resolve(name), program, StandardCharsets.UTF_8);
                }
                return build.apply(programFile, dataFile);
            } catch (IllegalArgumentException e) {
                // Messages name the temporary copies: name what the user gave instead.
                String message = String.valueOf(e.getMessage()).replace(folder.resolve("data.json").toString(),
                        "the data").replace(folder + java.io.File.separator, "");
                throw new IllegalArgumentException(message, e);
            } finally {
                try (var files = Files.list(folder)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to a temporary folder: " + e.getMessage(), e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
