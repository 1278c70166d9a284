package manynuts.reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import manynuts.models.JsonSyntax;

/**
 * The reference draws of one posteriordb posterior: every output name's draws as {@code [chain][draw]}, read from the
 * {@code reference_draws.json.zip} of its reference folder (one JSON file, an array of chains, each an object mapping
 * a Stan output name to that chain's draws).
 *
 * @param name  the posterior's name, the folder's name (e.g. {@code eight_schools-eight_schools_noncentered})
 * @param draws every output's draws by name, in the order of the file; all of one shape
 */
public record ReferencePosterior(String name, Map<String, double[][]> draws) {

    /** The file in a reference folder that holds the draws. */
    public static final String DRAWS_FILE = "reference_draws.json.zip";

    private static final JsonFactory JSON = new JsonFactory();

    public ReferencePosterior {
        draws = Collections.unmodifiableMap(new LinkedHashMap<>(draws));
    }

    /** Reads {@code folder/reference_draws.json.zip}; the posterior takes the folder's name. */
    public static ReferencePosterior read(Path folder) {
        Path file = folder.resolve(DRAWS_FILE);
        return new ReferencePosterior(folder.toAbsolutePath().normalize().getFileName().toString(), readZip(file));
    }

    /**
     * The draws in a zip of one JSON file.
     *
     * @throws ReferenceInputException naming the file, when it is missing, not a zip of one JSON file, or its chains
     *     differ in names or lengths
     */
    public static Map<String, double[][]> readZip(Path file) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry = zip.getNextEntry();
            while (entry != null && entry.isDirectory()) {
                entry = zip.getNextEntry();
            }
            if (entry == null) {
                throw ReferenceInputException.in(file, "not a zip archive holding a JSON file");
            }
            String entryName = entry.getName();
            Map<String, double[][]> draws = readChains(zip, file, entryName);
            for (ZipEntry next = zip.getNextEntry(); next != null; next = zip.getNextEntry()) {
                if (!next.isDirectory()) {
                    throw ReferenceInputException.in(file, "holds more than one file (" + entryName + ", "
                            + next.getName() + "); expected one JSON file of draws");
                }
            }
            return draws;
        } catch (NoSuchFileException e) {
            throw ReferenceInputException.in(file, "no such file");
        } catch (ZipException e) {
            throw ReferenceInputException.in(file, "not a readable zip archive (" + oneLine(e.getMessage()) + ")");
        } catch (EOFException e) {
            throw ReferenceInputException.in(file, "the archive is cut short" + (e.getMessage() == null ? ""
                    : " (" + oneLine(e.getMessage()) + ")"));
        } catch (IOException e) {
            throw ReferenceInputException.in(file, "cannot be read (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : oneLine(e.getMessage())) + ")");
        }
    }

    /**
     * The reference folders directly under {@code directory} (e.g. posteriordb's {@code reference/}): those holding a
     * {@value #DRAWS_FILE}, in order of name.
     */
    public static List<Path> folders(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(folder -> Files.isRegularFile(folder.resolve(DRAWS_FILE))).sorted().toList();
        } catch (IOException e) {
            throw ReferenceInputException.in(directory, "cannot list the reference folders ("
                    + oneLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    /**
     * The {@code shared/posteriordb} folder in the working directory or any folder above it (the posteriordb subset
     * sits beside the repository), or empty when there is none.
     */
    public static java.util.Optional<Path> findPosteriorDb() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("posteriordb");
            if (Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /** Names of the outputs, in the order of the file. */
    public List<String> names() {
        return List.copyOf(draws.keySet());
    }

    /** One output's draws as {@code [chain][draw]}; the array is the posterior's own, not a copy. */
    public double[][] draws(String output) {
        double[][] values = draws.get(output);
        if (values == null) {
            throw new IllegalArgumentException("no output " + output + " in the reference draws of " + name);
        }
        return values;
    }

    private static Map<String, double[][]> readChains(InputStream in, Path file, String entryName)
            throws IOException {
        String where = entryName + " in " + file;
        List<Map<String, double[]>> chains = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(nonClosing(in))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ReferenceInputException(where + ": expected an array of chains");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new ReferenceInputException(where + ": chain " + (chains.size() + 1)
                            + " is not an object of draws by name");
                }
                chains.add(readChain(parser, where, chains.size() + 1));
            }
        } catch (JsonParseException e) {
            throw new ReferenceInputException(where + ": not valid JSON (" + JsonSyntax.problem(e) + ")");
        }
        return byName(chains, where);
    }

    private static Map<String, double[]> readChain(JsonParser parser, String where, int chain) throws IOException {
        Map<String, double[]> outputs = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ReferenceInputException(where + ": chain " + chain + ", " + name
                        + ": expected an array of draws");
            }
            double[] values = new double[1024];
            int count = 0;
            for (JsonToken value = parser.nextToken(); value != JsonToken.END_ARRAY; value = parser.nextToken()) {
                if (count == values.length) {
                    values = Arrays.copyOf(values, 2 * count);
                }
                values[count++] = number(parser, value, where, chain, name);
            }
            if (outputs.put(name, Arrays.copyOf(values, count)) != null) {
                throw new ReferenceInputException(where + ": chain " + chain + " has " + name + " twice");
            }
        }
        return outputs;
    }

    /** A draw: a JSON number, or null, "NA", "NaN", "Inf" or "-Inf" as R writes what JSON cannot. */
    private static double number(JsonParser parser, JsonToken token, String where, int chain, String name)
            throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (token == JsonToken.VALUE_STRING) {
            switch (parser.getText()) {
                case "NA", "NaN":
                    return Double.NaN;
                case "Inf", "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Inf", "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ReferenceInputException(where + ": chain " + chain + ", " + name + ": draw '" + parser.getText()
                + "' is not a number");
    }

    /** The chains' draws regrouped by name; every chain must have the same names and one length. */
    private static Map<String, double[][]> byName(List<Map<String, double[]>> chains, String where) {
        if (chains.isEmpty()) {
            throw new ReferenceInputException(where + ": no chains");
        }
        Map<String, double[]> first = chains.get(0);
        if (first.isEmpty()) {
            throw new ReferenceInputException(where + ": chain 1 has no outputs");
        }
        int length = first.values().iterator().next().length;
        Map<String, double[][]> draws = new LinkedHashMap<>();
        for (String name : first.keySet()) {
            draws.put(name, new double[chains.size()][]);
        }
        for (int chain = 0; chain < chains.size(); chain++) {
            Map<String, double[]> outputs = chains.get(chain);
            if (!outputs.keySet().equals(first.keySet())) {
                throw new ReferenceInputException(where + ": chain " + (chain + 1)
                        + " has other outputs than chain 1");
            }
            for (Map.Entry<String, double[]> output : outputs.entrySet()) {
                if (output.getValue().length != length || length == 0) {
                    throw new ReferenceInputException(where + ": chain " + (chain + 1) + ", " + output.getKey()
                            + " has " + output.getValue().length + " draws, expected "
                            + (length == 0 ? "at least one" : length));
                }
                draws.get(output.getKey())[chain] = output.getValue();
            }
        }
        return draws;
    }

    /** The zip stream stays open for the check that it holds one file only. */
    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
