package manynuts.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import manynuts.models.Model;
import manynuts.rng.DrawStream;

/**
 * Datasets simulated from the prior by a generator: a Stan program without parameters whose generated quantities
 * draw the true parameters from the prior and then data given them (Talts et al. 2018, algorithm 1). Its outputs
 * named as the fitted model's parameters are the truths; the others are data, and join the fixed data (replacing
 * fields of the same name) in the Stan JSON the fitted model reads.
 */
final class PriorSimulation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model generator;
    private final ObjectNode fixedData;
    private final long seed;

    /**
     * @param fixedData Stan JSON text of the data that every dataset shares (the generator's and the model's), or null
     * @throws IllegalArgumentException if the generator has parameters, or the data are not a JSON object
     */
    PriorSimulation(ModelSource generator, String fixedData, long seed) {
        this.generator = generator.withData(fixedData).model();
        if (this.generator.dimension() != 0) {
            throw new IllegalArgumentException("the generator " + generator.name() + " has parameters: it must draw "
                    + "everything in its generated quantities");
        }
        this.fixedData = parse(fixedData);
        this.seed = seed;
    }

    /** The generator's outputs: true parameters and simulated data, in its order. */
    List<String> outputs() {
        return generator.outputNames();
    }

    /** One simulated dataset: every generator output by name. Dataset {@code d} always draws the same values. */
    Map<String, Double> simulate(int dataset) {
        double[] row = new double[generator.outputNames().size()];
        generator.outputs(new double[0], row, new DrawStream(seed).reset(dataset, 0));
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            values.put(generator.outputNames().get(i), row[i]);
        }
        return values;
    }

    /**
     * The Stan JSON of a dataset for the fitted model: the fixed data, with every simulated value not in
     * {@code parameters} added under its variable's name ({@code y[2]} goes to element 2 of array {@code y}).
     */
    String data(Map<String, Double> simulated, List<String> parameters) {
        ObjectNode data = fixedData.deepCopy();
        Map<String, List<Map.Entry<List<Integer>, Double>>> variables = new LinkedHashMap<>();
        for (Map.Entry<String, Double> value : simulated.entrySet()) {
            if (parameters.contains(value.getKey())) {
                continue;
            }
            String name = value.getKey();
            int bracket = name.indexOf('[');
            String variable = bracket < 0 ? name : name.substring(0, bracket);
            List<Integer> indices = new ArrayList<>();
            if (bracket >= 0) {
                for (String index : name.substring(bracket + 1, name.length() - 1).split(",")) {
                    indices.add(Integer.parseInt(index.strip()));
                }
            }
            variables.computeIfAbsent(variable, v -> new ArrayList<>()).add(Map.entry(indices, value.getValue()));
        }
        for (Map.Entry<String, List<Map.Entry<List<Integer>, Double>>> variable : variables.entrySet()) {
            JsonNode node = null;
            for (Map.Entry<List<Integer>, Double> element : variable.getValue()) {
                node = place(node, element.getKey(), 0, element.getValue());
            }
            data.set(variable.getKey(), node);
        }
        return data.toString();
    }

    /** {@code node} with {@code value} at the 1-based {@code indices} from {@code depth} on, arrays grown to fit. */
    private static JsonNode place(JsonNode node, List<Integer> indices, int depth, double value) {
        if (depth == indices.size()) {
            return number(value);
        }
        ArrayNode array = node instanceof ArrayNode existing ? existing : JsonNodeFactory.instance.arrayNode();
        int index = indices.get(depth) - 1;
        while (array.size() <= index) {
            array.addNull();
        }
        array.set(index, place(array.get(index).isNull() ? null : array.get(index), indices, depth + 1, value));
        return array;
    }

    /** Whole numbers as JSON integers, so that integer data (counts, sizes) read as such; others as reals. */
    private static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return JsonNodeFactory.instance.numberNode((long) value);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    private static ObjectNode parse(String text) {
        if (text == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("the data are not JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("the data are not a JSON object of variables");
    }
}
