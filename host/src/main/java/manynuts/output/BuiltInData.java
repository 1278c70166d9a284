package manynuts.output;

import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.registry.ModelRegistry;

/** Which models read the built-in eight schools data when no data file is given. */
public final class BuiltInData {

    private BuiltInData() {
    }

    /** Whether the model's family reads a data file, which without --data is the built-in eight schools data. */
    public static boolean readBy(Model model) {
        try {
            return ModelRegistry.family(model.name()).readsDataFile();
        } catch (ModelException unregistered) {
            return false;
        }
    }
}
