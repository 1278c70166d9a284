package manynuts.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a model family's options after defaults, the data file and {@code --set} are merged: every
 * declared option has exactly one value, already checked against its range.
 */
public final class ModelOptions {

    /** The options of a family that declares none. */
    public static final ModelOptions NONE = new ModelOptions(List.of(), Map.of());

    private final List<ModelOption> declared;
    private final Map<String, Double> values;

    private ModelOptions(List<ModelOption> declared, Map<String, Double> values) {
        this.declared = List.copyOf(declared);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every option at its default. */
    public static ModelOptions defaults(List<ModelOption> declared) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ModelOption option : declared) {
            values.put(option.key(), option.defaultValue());
        }
        return new ModelOptions(declared, values);
    }

    /**
     * These values with the ones in {@code given} (key to text) replaced, each parsed and range-checked.
     *
     * @param model  the model's name, for the message about an unknown key
     * @param source where the values came from, e.g. {@code --set} or a data file's name
     * @throws ModelException for an unknown key or a bad value: one line naming the key and what it accepts
     */
    public ModelOptions override(String model, Map<String, String> given, String source) {
        Map<String, Double> merged = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> entry : given.entrySet()) {
            ModelOption option = find(declared, entry.getKey());
            if (option == null) {
                throw new ModelException(unknown(model, declared, entry.getKey(), source));
            }
            merged.put(option.key(), option.parse(entry.getValue(), source));
        }
        return new ModelOptions(declared, merged);
    }

    /** The value of a whole-number option. */
    public int integer(String key) {
        return (int) require(key);
    }

    /** The value of a whole-number option that may exceed an int, such as a seed. */
    public long longValue(String key) {
        return (long) require(key);
    }

    /** The value of a real option. */
    public double real(String key) {
        return require(key);
    }

    /** Every value as the text that gives it back, in declaration order: what run.json records. */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((key, value) -> text.put(key, ModelOption.format(value)));
        return text;
    }

    /** The options declared, in order. */
    public List<ModelOption> declared() {
        return declared;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** E.g. {@code dimension=100, rho=0.9}. */
    @Override
    public String toString() {
        List<String> pairs = new ArrayList<>();
        asText().forEach((key, value) -> pairs.add(key + "=" + value));
        return String.join(", ", pairs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelOptions o && values.equals(o.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    private double require(String key) {
        Double value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no option " + key + "; options: " + values.keySet());
        }
        return value;
    }

    private static ModelOption find(List<ModelOption> declared, String key) {
        for (ModelOption option : declared) {
            if (option.key().equals(key == null ? "" : key.strip())) {
                return option;
            }
        }
        return null;
    }

    private static String unknown(String model, List<ModelOption> declared, String key, String source) {
        String shown = key.length() > 40 ? key.substring(0, 37) + "..." : key;
        if (declared.isEmpty()) {
            return source + " " + shown + ": model " + model + " has no options";
        }
        List<String> known = new ArrayList<>();
        for (ModelOption option : declared) {
            known.add(option.key() + " (" + option.kind() + " in " + option.range() + ")");
        }
        return source + " " + shown + ": unknown option of model " + model + "; its options: "
                + String.join(", ", known);
    }
}
