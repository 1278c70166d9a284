package manynuts.models.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import manynuts.models.stan.StanModels;
import manynuts.models.ConfiguredModel;
import manynuts.models.CorrelatedNormal;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.ManySchools;
import manynuts.models.Model;
import manynuts.models.ModelException;
import manynuts.models.ModelFamily;
import manynuts.models.ModelOptions;
import manynuts.models.ModelProvider;
import manynuts.models.NealsFunnel;
import manynuts.models.NealsFunnelNonCentered;
import manynuts.models.StanJsonData;

/**
 * Creates models by name from their families: the built-in ones and any a user registers, with option values
 * from defaults, a Stan JSON data file and {@code --set KEY=VALUE}, in that order of precedence; a name ending in
 * {@code .stan} is a Stan program, compiled with its data file.
 */
public final class ModelRegistry {

    /** The source named in messages about values given with {@code --set}. */
    public static final String SET = "--set";

    private static final Map<String, ModelFamily> FAMILIES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static boolean providersLoaded;
    /** Why the class path's providers could not be registered, repeated by every lookup; null when they were. */
    private static ModelException providerFailure;

    static {
        add(EightSchoolsCentered.FAMILY);
        add(EightSchoolsNonCentered.FAMILY);
        add(NealsFunnel.FAMILY);
        add(NealsFunnelNonCentered.FAMILY);
        add(CorrelatedNormal.FAMILY);
        add(ManySchools.CENTERED);
        add(ManySchools.NONCENTERED);
        add(HierarchicalLogisticRegression.FAMILY);
    }

    private ModelRegistry() {
    }

    /**
     * Registers the families of every {@link ModelProvider} that {@code loader} finds.
     *
     * @throws ModelException naming the provider when it cannot be loaded, fails, or takes a name already registered
     */
    public static synchronized void loadProviders(ClassLoader loader) {
        try {
            for (ModelProvider provider : ServiceLoader.load(ModelProvider.class, loader)) {
                String source = "model provider " + provider.getClass().getName() + ": ";
                List<ModelFamily> families;
                try {
                    families = provider.families();
                } catch (RuntimeException e) {
                    throw new ModelException(source + e);
                }
                for (ModelFamily family : families) {
                    try {
                        add(family);
                    } catch (IllegalArgumentException e) {
                        throw new ModelException(source + e.getMessage());
                    }
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ModelException("a model provider on the class path could not be loaded: " + e.getMessage());
        }
    }

    /**
     * The class path's providers, loaded the first time the registry is asked for a model; if that failed, every
     * later lookup fails with the same line rather than going on with part of them.
     */
    private static void loadProvidersOnce() {
        if (!providersLoaded) {
            providersLoaded = true;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try {
                loadProviders(loader != null ? loader : ModelRegistry.class.getClassLoader());
            } catch (ModelException e) {
                providerFailure = e;
            }
        }
        if (providerFailure != null) {
            throw new ModelException(providerFailure.getMessage());
        }
    }

    /**
     * Adds a family, so that {@code sample -m NAME} and every other command can build its models; the class path's
     * providers are registered first, so a name they take is taken.
     *
     * @throws IllegalArgumentException if its name or an alias is taken
     */
    public static synchronized void register(ModelFamily family) {
        loadProvidersOnce();
        add(family);
    }

    private static void add(ModelFamily family) {
        List<String> names = new ArrayList<>(family.aliases());
        names.add(family.name());
        for (String name : names) {
            if (FAMILIES.containsKey(name) || ALIASES.containsKey(name)) {
                throw new IllegalArgumentException("a model named " + name + " is already registered");
            }
        }
        FAMILIES.put(family.name(), family);
        for (String alias : family.aliases()) {
            ALIASES.put(alias, family.name());
        }
    }

    /** The registered names, then the aliases, in a stable order. */
    public static synchronized List<String> knownNames() {
        loadProvidersOnce();
        List<String> names = new ArrayList<>(FAMILIES.keySet());
        names.addAll(ALIASES.keySet());
        return List.copyOf(names);
    }

    /** The registered name that {@code name} (a name or an alias) stands for. */
    public static synchronized String canonicalName(String name) {
        loadProvidersOnce();
        String key = name == null ? "" : name.strip();
        if (FAMILIES.containsKey(key)) {
            return key;
        }
        String target = ALIASES.get(key);
        if (target == null) {
            throw new ModelException("unknown model \"" + name + "\"; known models: "
                    + String.join(", ", knownNames()));
        }
        return target;
    }

    /** The family of a name or alias. */
    public static synchronized ModelFamily family(String name) {
        return FAMILIES.get(canonicalName(name));
    }

    /**
     * The model of that name with its options resolved: defaults, then the data file's fields (for families that
     * do not read the file themselves), then {@code settings}.
     *
     * @param data     a Stan JSON data file, or null
     * @param settings key to text, as given with {@code --set}
     * @throws ModelException for an unknown name, an unknown option, a bad value or unusable data: one line
     */
    public static ConfiguredModel configure(String name, Path data, Map<String, String> settings) {
        return configure(name, data, settings, SET);
    }

    /**
     * As {@link #configure(String, Path, Map)}, with {@code settings} coming from {@code source} (a run record's
     * field, say), which messages about them name.
     */
    public static ConfiguredModel configure(String name, Path data, Map<String, String> settings, String source) {
        if (StanModels.isProgram(name)) {
            if (!settings.isEmpty()) {
                throw new ModelException("--set does not apply to Stan programs: their data come from --data FILE");
            }
            return new ConfiguredModel(StanModels.compile(Path.of(name.strip()), data), data, ModelOptions.NONE);
        }
        ModelFamily family = family(name);
        ModelOptions options = ModelOptions.defaults(family.options());
        if (data != null && !family.readsDataFile()) {
            options = options.override(family.name(), StanJsonData.optionValues(StanJsonData.readFile(data),
                    data.toString()), data.toString());
        }
        options = options.override(family.name(), settings, source);
        return new ConfiguredModel(family.factory().create(options, family.readsDataFile() ? data : null), data,
                options);
    }

    /** The model with its defaults (eight schools: the built-in data). */
    public static Model create(String name) {
        return configure(name, null, Map.of()).model();
    }

    /**
     * The model with data read from {@code dataFile}, or its defaults when it is null.
     *
     * @throws ModelException for an unknown name or unusable data
     */
    public static Model create(String name, Path dataFile) {
        return configure(name, dataFile, Map.of()).model();
    }

    /**
     * A hierarchical normal model with the given data.
     *
     * @throws ModelException if the name is not one of the eight schools parameterisations
     */
    public static Model create(String name, HierarchicalNormalData data) {
        String canonical = canonicalName(name);
        if (canonical.equals(EightSchoolsCentered.NAME)) {
            return new EightSchoolsCentered(data);
        }
        if (canonical.equals(EightSchoolsNonCentered.NAME)) {
            return new EightSchoolsNonCentered(data);
        }
        throw new ModelException("model " + canonical + " does not take hierarchical normal data");
    }
}
