package manynuts.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads data in Stan's JSON layout (one object, one field per data variable) and turns every problem into a
 * one-line {@link ModelException} naming the source and the field.
 */
public final class StanJsonData {

    /** Fields of a hierarchical normal data file, in Stan's order. */
    static final List<String> HIERARCHICAL_NORMAL_FIELDS = List.of("J", "y", "sigma");

    // Duplicate keys and trailing text are rejected rather than resolved silently: both are usually editing slips.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StanJsonData() {
    }

    /**
     * A data file's one JSON object, for readers of their own (Stan programs' data).
     *
     * @throws ModelException one line naming the file: missing, not UTF-8, malformed, duplicate keys, not an object
     */
    public static JsonNode readObject(Path file) {
        return parse(readFile(file), file.toString());
    }

    public static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelException(file + ": data file not found");
        } catch (CharacterCodingException e) {
            throw new ModelException(file + ": malformed JSON: the file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read data file (" + oneLine(String.valueOf(e.getMessage())) + ")",
                    e);
        }
    }

    static String readResource(String resource) {
        try (InputStream in = StanJsonData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelException(resource + ": data resource not found on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException(resource + ": cannot read data resource ("
                    + oneLine(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /** Binds {@code {"J": int, "y": [real], "sigma": [real]}}; no other field is allowed. */
    static HierarchicalNormalData hierarchicalNormal(String json, String source) {
        JsonNode root = parse(json, source);
        requireExactly(root, HIERARCHICAL_NORMAL_FIELDS, source);
        int J = positiveInteger(root, "J", source);
        double[] y = realArray(root, "y", source);
        double[] sigma = realArray(root, "sigma", source);
        HierarchicalNormalData.check(source, J, y, sigma);
        return new HierarchicalNormalData(J, y, sigma);
    }

    /**
     * The fields of a data file that sets a model's options, Stan style ({@code {"dimension": 10, "rho": 0.9}}):
     * each must be a number; the key to the number's text, for the options to check.
     */
    public static Map<String, String> optionValues(String json, String source) {
        JsonNode root = parse(json, source);
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNumber()) {
                throw new ModelException(source + ": field \"" + oneLine(field.getKey()) + "\" must be a number, got "
                        + describe(field.getValue()));
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static JsonNode parse(String json, String source) {
        if (json.isBlank()) {
            throw new ModelException(source + ": malformed JSON: the data is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = JsonSyntax.where(e);
            throw new ModelException(source + ": malformed JSON" + (where.isEmpty() ? "" : " at " + where) + ": "
                    + JsonSyntax.what(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(source + ": malformed data: expected a JSON object like "
                    + "{\"J\": 8, \"y\": [...], \"sigma\": [...]} or {\"dimension\": 10}, got " + describe(root));
        }
        return root;
    }

    // An unknown field is most often a typo ("sigmas"); ignoring it would then report the real field as missing
    // at best, or silently use a wrong default at worst.
    private static void requireExactly(JsonNode root, List<String> fields, String source) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ModelException(source + ": unknown field \"" + oneLine(name) + "\" (expected exactly "
                        + String.join(", ", fields) + ")");
            }
        }
        for (String field : fields) {
            if (!root.has(field)) {
                throw new ModelException(source + ": missing field \"" + field + "\" (expected exactly "
                        + String.join(", ", fields) + ")");
            }
        }
    }

    private static int positiveInteger(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw new ModelException(source + ": field \"" + field + "\" must be a positive integer, got "
                    + describe(node));
        }
        return node.intValue();
    }

    private static double[] realArray(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (!node.isArray()) {
            throw new ModelException(source + ": field \"" + field + "\" must be an array of numbers, got "
                    + describe(node));
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            Double spelled = element.isTextual() ? JsonSyntax.nonFinite(element.textValue()) : null;
            if (spelled != null) {
                values[i] = spelled;
                continue;
            }
            if (!element.isNumber()) {
                throw new ModelException(source + ": field \"" + field + "\" must be an array of numbers, but "
                        + field + "[" + (i + 1) + "] is " + describe(element));
            }
            values[i] = element.doubleValue();
        }
        return values;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        String kind = switch (node.getNodeType()) {
            case ARRAY -> "an array ";
            case OBJECT -> "an object ";
            case STRING -> "the string ";
            case BOOLEAN -> "the boolean ";
            case NULL -> "";
            default -> "";
        };
        return kind + oneLine(shown);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
