package manynuts.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Creates the built-in models by name, with their data from a file or the built-in eight schools data. */
public final class ModelRegistry {

    private static final Map<String, Function<HierarchicalNormalData, Model>> MODELS = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    /** Models with data of their own kind: made from the data file, or from their default data when it is null. */
    private static final Map<String, Function<Path, Model>> FILE_MODELS = new LinkedHashMap<>();

    static {
        MODELS.put(EightSchoolsCentered.NAME, EightSchoolsCentered::new);
        MODELS.put(EightSchoolsNonCentered.NAME, EightSchoolsNonCentered::new);
        ALIASES.put("centered", EightSchoolsCentered.NAME);
        ALIASES.put("noncentered", EightSchoolsNonCentered.NAME);
        FILE_MODELS.put(HierarchicalLogisticRegression.NAME, HierarchicalLogisticRegression::create);
        ALIASES.put("logistic", HierarchicalLogisticRegression.NAME);
    }

    private ModelRegistry() {
    }

    /** The registered names, then the aliases, in a stable order. */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>(MODELS.keySet());
        names.addAll(FILE_MODELS.keySet());
        names.addAll(ALIASES.keySet());
        return List.copyOf(names);
    }

    /** The registered name that {@code name} (a name or an alias) stands for. */
    public static String canonicalName(String name) {
        String key = name == null ? "" : name.strip();
        if (MODELS.containsKey(key) || FILE_MODELS.containsKey(key)) {
            return key;
        }
        String target = ALIASES.get(key);
        if (target == null) {
            throw new ModelException("unknown model \"" + name + "\"; known models: "
                    + String.join(", ", knownNames()));
        }
        return target;
    }

    /** The model with the built-in eight schools data. */
    public static Model create(String name) {
        return create(name, (Path) null);
    }

    /**
     * The model with data read from {@code dataFile}, or the built-in eight schools data when it is null.
     *
     * @throws ModelException for an unknown name or unusable data
     */
    public static Model create(String name, Path dataFile) {
        String canonical = canonicalName(name);
        if (FILE_MODELS.containsKey(canonical)) {
            return FILE_MODELS.get(canonical).apply(dataFile);
        }
        HierarchicalNormalData data = dataFile == null
                ? HierarchicalNormalData.eightSchools()
                : HierarchicalNormalData.fromFile(dataFile);
        return MODELS.get(canonical).apply(data);
    }

    /** The model with the given data. */
    public static Model create(String name, HierarchicalNormalData data) {
        String canonical = canonicalName(name);
        if (!MODELS.containsKey(canonical)) {
            throw new ModelException("model " + canonical + " does not take the hierarchical normal model's data");
        }
        return MODELS.get(canonical).apply(data);
    }
}
