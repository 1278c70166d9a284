package manynuts.models.stan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import manynuts.models.JsonSyntax;
import manynuts.models.ModelException;
import manynuts.models.stan.runtime.DataSource;

/**
 * Data in CmdStan's JSON layout (one field per variable, containers as nested arrays, a matrix as an array of rows)
 * for a compiled program; each variable's shape is checked against its declaration and every problem is one line
 * naming the file and the variable.
 */
final class JsonDataSource implements DataSource {
    private final JsonNode root;
    private final String source;

    /** @param root the parsed file, or null when no data file was given */
    JsonDataSource(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    private JsonNode field(String name) {
        JsonNode value = root == null ? null : root.get(name);
        if (value == null) {
            throw new ModelException((root == null ? "the program" : source) + ": data variable " + name
                    + " is missing" + (root == null ? " (pass --data FILE)" : ""));
        }
        return value;
    }

    @Override
    public int readInt(String name) {
        return integer(field(name), name);
    }

    @Override
    public double readReal(String name) {
        return real(field(name), name);
    }

    @Override
    public int[] readInts(String name, int[] dims) {
        List<JsonNode> leaves = leaves(field(name), name, dims);
        int[] values = new int[leaves.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = integer(leaves.get(k), name);
        }
        return values;
    }

    @Override
    public double[] readReals(String name, int[] dims) {
        List<JsonNode> leaves = leaves(field(name), name, dims);
        double[] values = new double[leaves.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = real(leaves.get(k), name);
        }
        return values;
    }

    @Override
    public RuntimeException invalid(String message) {
        return new ModelException(source + ": " + message);
    }

    /** The scalars of a nested array of the declared sizes, row-major. */
    private List<JsonNode> leaves(JsonNode value, String name, int[] dims) {
        List<JsonNode> out = new ArrayList<>();
        collect(value, name, dims, 0, out);
        return out;
    }

    private void collect(JsonNode value, String name, int[] dims, int depth, List<JsonNode> out) {
        if (depth == dims.length) {
            out.add(value);
            return;
        }
        if (!value.isArray()) {
            // A container of size 1 may be written as its one value only where CmdStan accepts it: nowhere.
            throw new ModelException(source + ": data variable " + name + " must be an array of sizes "
                    + Arrays.toString(dims) + ", found " + describe(value) + " at depth " + (depth + 1));
        }
        if (value.size() != dims[depth]) {
            throw new ModelException(source + ": data variable " + name + " must have sizes "
                    + Arrays.toString(dims) + ", found " + value.size() + " elements at depth " + (depth + 1));
        }
        for (JsonNode element : value) {
            collect(element, name, dims, depth + 1, out);
        }
    }

    private int integer(JsonNode value, String name) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        throw new ModelException(source + ": data variable " + name + " must hold ints, found " + describe(value));
    }

    private double real(JsonNode value, String name) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        Double spelled = value.isTextual() ? JsonSyntax.nonFinite(value.textValue()) : null;
        if (spelled != null) {
            return spelled;
        }
        throw new ModelException(source + ": data variable " + name + " must hold numbers, found "
                + describe(value));
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
