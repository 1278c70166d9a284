package manynuts.diagnostics.draws;

import java.util.ArrayList;
import java.util.List;

/**
 * Spells a container element's name one way, {@code theta[1]} and {@code Sigma[1,2]}, however a file spelled it:
 * CmdStan's CSV writes {@code theta.1} and {@code Sigma.1.2}, posterior and this project write brackets. The rule is
 * cmdstanpy's and cmdstanr's: a Stan identifier has no dot, so a dot starts the indices, and every index is a
 * whole number. Anything else is a name of its own and stays as written.
 */
public final class VariableNames {

    private VariableNames() {
    }

    /** {@code name} with its indices in brackets, or as given if it has none in CmdStan's dotted form. */
    public static String bracketed(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0 || name.endsWith("__")) {
            return name;
        }
        String[] indices = name.substring(dot + 1).split("\\.", -1);
        for (String index : indices) {
            if (index.isEmpty() || !index.chars().allMatch(Character::isDigit)) {
                return name;
            }
        }
        return name.substring(0, dot) + "[" + String.join(",", indices) + "]";
    }

    /** Every name of {@code header} {@link #bracketed}. */
    public static List<String> bracketed(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        for (String name : header) {
            names.add(bracketed(name));
        }
        return names;
    }
}
