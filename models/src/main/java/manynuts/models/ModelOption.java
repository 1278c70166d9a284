package manynuts.models;

import java.util.Locale;

/**
 * One setting of a model family, such as the dimension of Neal's funnel: its key, whether it is a whole number,
 * its default and the range of values it accepts (each end open or closed).
 *
 * <p>Options play the part of a Stan program's scalar data: they are set with {@code --set KEY=VALUE} or as fields
 * of a Stan JSON data file, and run.json records them so that a saved run rebuilds the same model.
 *
 * @param key          the name users type, e.g. {@code dimension}
 * @param description  one short sentence for help and docs
 * @param integer      whether only whole numbers are accepted
 * @param defaultValue the value when none is given; inside the range
 * @param lowest       lower end of the range
 * @param highest      upper end of the range
 * @param lowestOpen   whether {@code lowest} itself is excluded
 * @param highestOpen  whether {@code highest} itself is excluded
 */
public record ModelOption(String key, String description, boolean integer, double defaultValue, double lowest,
        double highest, boolean lowestOpen, boolean highestOpen) {

    public ModelOption {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option keys are lower-case identifiers, got \"" + key + "\"");
        }
        if (!accepts(defaultValue, integer, lowest, highest, lowestOpen, highestOpen)) {
            throw new IllegalArgumentException("the default of " + key + " is outside its range");
        }
    }

    /** A whole-number option with a closed range {@code [lowest, highest]}. */
    public static ModelOption integer(String key, String description, long defaultValue, long lowest, long highest) {
        return new ModelOption(key, description, true, defaultValue, lowest, highest, false, false);
    }

    /** A real option with a closed range {@code [lowest, highest]}. */
    public static ModelOption real(String key, String description, double defaultValue, double lowest,
            double highest) {
        return new ModelOption(key, description, false, defaultValue, lowest, highest, false, false);
    }

    /** A real option with an open range {@code (lowest, highest)}. */
    public static ModelOption realOpen(String key, String description, double defaultValue, double lowest,
            double highest) {
        return new ModelOption(key, description, false, defaultValue, lowest, highest, true, true);
    }

    /**
     * The value of {@code text}, checked against the kind and range.
     *
     * @param source where the text came from, for the message: {@code --set} or a data file's name
     * @throws ModelException one line naming the key, the text and the allowed range
     */
    public double parse(String text, String source) {
        String value = text == null ? "" : text.strip();
        double parsed;
        try {
            parsed = integer ? Long.parseLong(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        // Double.parseDouble also takes "NaN", "Infinity" and hexadecimal; only finite values in range pass.
        if (Double.isNaN(parsed) || !accepts(parsed, integer, lowest, highest, lowestOpen, highestOpen)
                || value.matches("(?i).*[xp].*")) {
            throw new ModelException(source + " " + key + "=" + oneLine(value) + ": " + key + " must be "
                    + kind() + " in " + range());
        }
        return parsed;
    }

    /** "an integer" or "a number". */
    public String kind() {
        return integer ? "an integer" : "a number";
    }

    /** The range as a user reads it: {@code [2, 100000]} or {@code (-1, 1)}. */
    public String range() {
        return (lowestOpen ? "(" : "[") + format(lowest) + ", " + format(highest) + (highestOpen ? ")" : "]");
    }

    /** The default as text: a whole number without a decimal point when the option is an integer. */
    public String defaultText() {
        return format(defaultValue);
    }

    /** E.g. {@code dimension (an integer in [2, 100000], default 10): the number of coordinates}. */
    public String describe() {
        return key + " (" + kind() + " in " + range() + ", default " + defaultText() + "): " + description;
    }

    /** A value as it is written back to run.json and shown to users: whole numbers without ".0". */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) <= 0x1p53) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static boolean accepts(double value, boolean integer, double lowest, double highest, boolean lowestOpen,
            boolean highestOpen) {
        if (!Double.isFinite(value) || (integer && value != Math.rint(value))) {
            return false;
        }
        boolean aboveLowest = lowestOpen ? value > lowest : value >= lowest;
        boolean belowHighest = highestOpen ? value < highest : value <= highest;
        return aboveLowest && belowHighest;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 40 ? flat.substring(0, 37) + "..." : flat;
    }
}
