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
import java.util.function.BiConsumer;
import manynuts.models.Model;
import manynuts.models.UniformStream;
import manynuts.models.WithPriorSimulation;
import manynuts.rng.DrawStream;

/**
 * Datasets simulated from the prior (Talts et al. 2018, algorithm 1) by a generator: a Stan program without
 * parameters whose generated quantities draw the true parameters from the prior and then data given them, or a
 * built-in model's own prior simulation. Its outputs named as the fitted model's parameters are the truths; the others
 * are data, and join the fixed data (replacing fields of the same name) in the Stan JSON the fitted model reads.
 */
final class PriorSimulation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> outputs;
    private final List<String> knownTruths;
    private final BiConsumer<UniformStream, double[]> draw;
    private final ObjectNode fixedData;
    private final long seed;

    /**
     * @param generator a generator program, or a built-in model, which simulates from its own prior
     * @param fixedData Stan JSON text of the data that every dataset shares (the generator's and the model's), or null
     * @throws IllegalArgumentException if the generator has parameters, a built-in model has no prior simulation, or
     *                                  the data are not a JSON object
     */
    PriorSimulation(ModelSource generator, String fixedData, long seed) {
        Model model = generator.withData(fixedData).model();
        if (generator.program() == null) {
            WithPriorSimulation simulator = WithPriorSimulation.of(model).orElseThrow(() ->
                    new IllegalArgumentException("the built-in model " + generator.name() + " has no prior "
                            + "simulation: give a generator program with --generator FILE.stan"));
            this.name = generator.name() + "'s prior simulation";
            this.outputs = List.copyOf(simulator.simulationNames());
            this.knownTruths = List.copyOf(model.outputNames());
            this.draw = simulator::simulate;
        } else {
            if (model.dimension() != 0) {
                throw new IllegalArgumentException("the generator " + generator.name() + " has parameters: it must "
                        + "draw everything in its generated quantities");
            }
            this.name = generator.name();
            this.outputs = List.copyOf(model.outputNames());
            this.knownTruths = List.of();
            this.draw = (random, row) -> model.outputs(new double[0], row, random);
        }
        this.fixedData = parse(fixedData);
        this.seed = seed;
    }

    /** What simulates: the generator program's file name, or the built-in model's prior simulation. */
    String name() {
        return name;
    }

    /** The generator's outputs: true parameters and simulated data, in its order. */
    List<String> outputs() {
        return outputs;
    }

    /**
     * The outputs known to be true parameters before any fit: a built-in model's outputs; none for a generator
     * program, whose truths are the outputs the fitted model names too (and a program ignores other data fields).
     */
    List<String> knownTruths() {
        return knownTruths;
    }

    /** One simulated dataset: every generator output by name. Dataset {@code d} always draws the same values. */
    Map<String, Double> simulate(int dataset) {
        double[] row = new double[outputs.size()];
        draw.accept(new DrawStream(seed).reset(dataset, 0), row);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            values.put(outputs.get(i), row[i]);
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
