package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HierarchicalNormalDataTest {

    @Test
    void readsTheBuiltInEightSchools() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        assertEquals(8, data.J());
        assertArrayEquals(new double[] {28, 8, -3, 7, -1, 1, 18, 12}, data.y());
        assertArrayEquals(new double[] {15, 10, 16, 11, 9, 11, 10, 18}, data.sigma());
    }

    @Test
    void readsAFileAndAcceptsDecimalsAndExponents(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("two.json");
        Files.writeString(file, "{\n  \"J\": 2,\n  \"y\": [1.5, -2e1],\n  \"sigma\": [0.25, 3]\n}\n");
        HierarchicalNormalData data = HierarchicalNormalData.fromFile(file);
        assertEquals(new HierarchicalNormalData(2, new double[] {1.5, -20}, new double[] {0.25, 3}), data);
    }

    @Test
    void isImmutable() {
        double[] y = {1, 2};
        HierarchicalNormalData data = new HierarchicalNormalData(2, y, new double[] {1, 1});
        y[0] = 99;
        data.y()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, data.y());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON        | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1, 2]                | (opened at line 1, column 1)",
        "missing comma         | {\"J\": 2 \"y\": [1, 2], \"sigma\": [1, 2]}               | malformed JSON at line 1, column",
        "trailing text         | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1, 2]} x             | malformed JSON",
        "empty                 | `  `                                                     | malformed JSON",
        "not an object         | [2, [1, 2], [1, 2]]                                      | expected a JSON object",
        "missing field         | {\"J\": 2, \"y\": [1, 2]}                                  | missing field \"sigma\"",
        "unknown field         | {\"J\": 2, \"y\": [1, 2], \"sigmas\": [1, 2]}              | unknown field \"sigmas\"",
        "extra field           | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1, 2], \"K\": 1}     | unknown field \"K\"",
        "duplicate field       | {\"J\": 2, \"y\": [1, 2], \"y\": [1, 2], \"sigma\": [1, 2]} | Duplicate field 'y'",
        "y not an array        | {\"J\": 1, \"y\": 3, \"sigma\": [1]}                       | field \"y\" must be an array of numbers",
        "y of strings          | {\"J\": 2, \"y\": [1, \"a\"], \"sigma\": [1, 2]}           | y[2] is the string \"a\"",
        "y nested              | {\"J\": 2, \"y\": [[1], 2], \"sigma\": [1, 2]}             | y[1] is an array",
        "sigma null            | {\"J\": 2, \"y\": [1, 2], \"sigma\": null}                 | field \"sigma\" must be an array of numbers",
        "J fractional          | {\"J\": 2.5, \"y\": [1, 2], \"sigma\": [1, 2]}             | field \"J\" must be a positive integer, got 2.5",
        "J a string            | {\"J\": \"2\", \"y\": [1, 2], \"sigma\": [1, 2]}           | field \"J\" must be a positive integer",
        "J zero                | {\"J\": 0, \"y\": [], \"sigma\": []}                       | field \"J\" must be a positive integer, got 0",
        "J negative            | {\"J\": -3, \"y\": [1, 2], \"sigma\": [1, 2]}              | field \"J\" must be a positive integer, got -3",
        "J huge                | {\"J\": 99999999999, \"y\": [1], \"sigma\": [1]}           | field \"J\" must be a positive integer",
        "J longer than y       | {\"J\": 3, \"y\": [1, 2], \"sigma\": [1, 2, 3]}            | \"J\" = 3 does not match the length of \"y\" (2)",
        "J shorter than sigma  | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1, 2, 3]}            | \"J\" = 2 does not match the length of \"sigma\" (3)",
        "sigma zero            | {\"J\": 3, \"y\": [1, 2, 3], \"sigma\": [1, 0, 3]}         | sigma[2] must be finite and > 0, got 0.0",
        "sigma negative        | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1, -4]}              | sigma[2] must be finite and > 0, got -4.0",
        "sigma overflows       | {\"J\": 2, \"y\": [1, 2], \"sigma\": [1e999, 1]}           | sigma[1] must be finite and > 0, got Infinity",
        "y overflows           | {\"J\": 2, \"y\": [1, -1e999], \"sigma\": [1, 1]}          | y[2] must be finite, got -Infinity",
        "y as Stan's NaN       | {\"J\": 1, \"y\": [\"NaN\"], \"sigma\": [1]}               | y[1] must be finite, got NaN",
        "y as Stan's -Inf      | {\"J\": 1, \"y\": [\"-Inf\"], \"sigma\": [1]}              | y[1] must be finite, got -Infinity",
        "bare NaN              | {\"J\": 1, \"y\": [NaN], \"sigma\": [1]}                 | line 1, column 16: NaN is not a JSON number; write \"NaN\" (a string) as Stan's JSON does",
        "bare Infinity         | {\"J\": 1, \"y\": [1], \"sigma\": [Infinity]}            | column 30: Infinity is not a JSON number; write \"Inf\" (a string)",
        "bare -Infinity        | {\"J\": 1, \"y\": [-Infinity], \"sigma\": [1]}           | -Infinity is not a JSON number; write \"-Inf\" (a string)",
        "R's NA                | {\"J\": 1, \"y\": [NA], \"sigma\": [1]}                  | NA is not a JSON number",
        "plus sign             | {\"J\": 1, \"y\": [+1], \"sigma\": [1]}                  | a JSON number does not start with '+'",
        "comment               | `{\"J\": 1, // schools\n \"y\": [1], \"sigma\": [1]}`     | JSON has no comments",
        "y squared overflows   | {\"J\": 2, \"y\": [1e308, 1], \"sigma\": [1, 1]}         | field \"y\": y[1] = 1.0E308 is too large: its square overflows a double",
        "sigma squared too big | {\"J\": 2, \"y\": [1, 1], \"sigma\": [1, 1e200]}         | sigma[2] = 1.0E200 is too large: its square overflows",
        "sigma too small       | {\"J\": 2, \"y\": [1, 1], \"sigma\": [1e-300, 1]}        | sigma[1] = 1.0E-300 is too small: 1/sigma^2 overflows",
        "y over sigma too big  | {\"J\": 1, \"y\": [1e100], \"sigma\": [1e-100]}          | y[1] / sigma[1] = 1.0E200 is too large",
    })
    void rejectsBadDataWithOneLineNamingTheSourceAndField(String label, String json, String expected) {
        ModelException error = assertThrows(ModelException.class,
                () -> HierarchicalNormalData.fromJson(json, "bad.json"));
        String message = error.getMessage();
        assertTrue(message.startsWith("bad.json: "), message);
        assertTrue(message.contains(expected), "expected \"" + expected + "\" in: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertFalse(message.contains("[Source"), "no parser internals: " + message);
        assertFalse(message.contains("enable `") || message.contains("Feature"), "no parser settings: " + message);
    }

    /** The largest values the check lets through still give the models finite arithmetic. */
    @Test
    void valuesJustInsideTheRangeStillHaveAFiniteExactPosterior() {
        HierarchicalNormalData data = new HierarchicalNormalData(3, new double[] {1e150, -1e150, 1},
                new double[] {1, 1e150, 1e-150});
        ExactPosterior exact = new HierarchicalNormalExact(data).posterior();
        assertTrue(Double.isFinite(exact.mean("tau_log")) && Double.isFinite(exact.sd("mu")), exact.toTable());
    }

    @Test
    void malformedJsonAcrossLinesSaysWhere() {
        String json = "{\n  \"J\": 2,\n  \"y\": [1, 2,],\n  \"sigma\": [1, 2]\n}";
        ModelException error = assertThrows(ModelException.class, () -> HierarchicalNormalData.fromJson(json, "x.json"));
        assertTrue(error.getMessage().contains("at line 3"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void missingFileNamesTheFile(@TempDir Path directory) {
        Path file = directory.resolve("nowhere.json");
        ModelException error = assertThrows(ModelException.class, () -> HierarchicalNormalData.fromFile(file));
        assertEquals(file + ": data file not found", error.getMessage());
    }

    @Test
    void badFileNamesTheFileAndField(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("typo.json");
        Files.writeString(file, "{\"J\": 2, \"y\": [1, 2], \"sigmas\": [1, 2]}");
        ModelException error = assertThrows(ModelException.class, () -> HierarchicalNormalData.fromFile(file));
        assertTrue(error.getMessage().startsWith(file + ": unknown field \"sigmas\""), error.getMessage());
    }

    @Test
    void binaryFileIsRejectedInOneLine(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("binary.json");
        Files.write(file, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        ModelException error = assertThrows(ModelException.class, () -> HierarchicalNormalData.fromFile(file));
        assertTrue(error.getMessage().startsWith(file + ": malformed JSON"), error.getMessage());
    }

    @Test
    void missingResourceIsAModelException() {
        ModelException error = assertThrows(ModelException.class,
                () -> HierarchicalNormalData.fromResource("/manynuts/data/none.json"));
        assertTrue(error.getMessage().contains("/manynuts/data/none.json"), error.getMessage());
    }

    @Test
    void constructorValidatesToo() {
        ModelException error = assertThrows(ModelException.class,
                () -> new HierarchicalNormalData(2, new double[] {1, Double.NaN}, new double[] {1, 1}));
        assertTrue(error.getMessage().contains("y[2] must be finite"), error.getMessage());
    }
}
