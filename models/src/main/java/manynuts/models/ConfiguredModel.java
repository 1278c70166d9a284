package manynuts.models;

import java.nio.file.Path;

/**
 * A model as a user chose it: the model, the data file it was read from (null for none or built-in data) and its
 * option values; what run.json records so that the same model can be built again.
 */
public record ConfiguredModel(Model model, Path data, ModelOptions options) {
}
