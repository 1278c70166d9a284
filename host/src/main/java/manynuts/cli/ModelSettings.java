package manynuts.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --set KEY=VALUE} model options of a command line, each key at most once. */
final class ModelSettings {

    private ModelSettings() {
    }

    /**
     * Key to value text, in the order given.
     *
     * @throws UsageException for a setting without '=' or a key given twice: one line naming it
     */
    static Map<String, String> parse(List<String> settings) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals < 0) {
                throw new UsageException("--set " + setting + ": expected KEY=VALUE, e.g. --set dimension=100");
            }
            String key = setting.substring(0, equals);
            // A repeated key is refused rather than resolved: which value was meant is the user's to say.
            String earlier = givenAs.put(key.strip(), setting);
            if (earlier != null) {
                throw new UsageException("--set " + key.strip() + " is given twice (" + earlier + ", then " + setting
                        + "): give each option once");
            }
            values.put(key, setting.substring(equals + 1));
        }
        return values;
    }
}
