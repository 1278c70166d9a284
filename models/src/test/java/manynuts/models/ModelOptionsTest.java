package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import manynuts.models.registry.ModelRegistry;

/** Model options: defaults, data file and --set in that order of precedence, and one clear line for a bad value. */
class ModelOptionsTest {

    @Test
    void defaultsThenDataFileThenSet(@TempDir Path directory) throws Exception {
        assertEquals(Map.of("dimension", "100", "rho", "0.9"),
                ModelRegistry.configure("mvn", null, Map.of()).options().asText());
        Path file = directory.resolve("mvn.json");
        Files.writeString(file, "{\"dimension\": 20, \"rho\": 0.5}");
        ConfiguredModel fromFile = ModelRegistry.configure("mvn", file, Map.of());
        assertEquals(20, fromFile.model().dimension());
        assertEquals(0.5, ((CorrelatedNormal) fromFile.model()).rho(), 0.0);
        ConfiguredModel overridden = ModelRegistry.configure("correlated_normal", file, Map.of("rho", "-0.01"));
        assertEquals(-0.01, ((CorrelatedNormal) overridden.model()).rho(), 0.0);
        assertEquals("dimension=20, rho=-0.01", overridden.options().toString());
        assertEquals(file, overridden.data());
    }

    @Test
    void recordedOptionsRebuildTheSameModel() {
        ConfiguredModel first = ModelRegistry.configure("funnel", null, Map.of("dimension", "17"));
        ConfiguredModel again = ModelRegistry.configure(first.model().name(), null, first.options().asText());
        assertEquals(first.options(), again.options());
        assertEquals(17, again.model().dimension());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "funnel | dim | 3 | --set dim: unknown option of model funnel; its options: dimension (an integer in [2, 100000])",
        "funnel | dimension | ten | --set dimension=ten: dimension must be an integer in [2, 100000]",
        "funnel | dimension | 2.5 | --set dimension=2.5: dimension must be an integer in [2, 100000]",
        "funnel | dimension | 1 | --set dimension=1: dimension must be an integer in [2, 100000]",
        "mvn | rho | 1 | --set rho=1: rho must be a number in (-1, 1)",
        "mvn | rho | NaN | --set rho=NaN: rho must be a number in (-1, 1)",
        "mvn | rho | 0x1p-1 | --set rho=0x1p-1: rho must be a number in (-1, 1)",
        "mvn | rho | -0.5 | rho=-0.5: rho must be in (-0.010101, 1) when dimension=100",
        "many_schools_noncentered | groups | 10001 | --set groups=10001: groups must be an integer in [1, 10000]",
        "centered | J | 8 | --set J: model eight_schools_centered has no options",
    })
    void badValuesAreOneLineNamingTheKeyAndTheRange(String model, String key, String value, String message) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put(key, value);
        ModelException error = assertThrows(ModelException.class, () -> ModelRegistry.configure(model, null, set));
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void dataFileFieldsAreCheckedLikeSet(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("funnel.json");
        Files.writeString(file, "{\"dimension\": \"10\"}");
        ModelException error = assertThrows(ModelException.class,
                () -> ModelRegistry.configure("funnel", file, Map.of()));
        assertEquals(file + ": field \"dimension\" must be a number, got the string \"10\"", error.getMessage());
        Files.writeString(file, "{\"dimensions\": 10}");
        error = assertThrows(ModelException.class, () -> ModelRegistry.configure("funnel", file, Map.of()));
        assertTrue(error.getMessage().startsWith(file + " dimensions: unknown option of model funnel"),
                error.getMessage());
    }

    @Test
    void optionsDescribeThemselves() {
        assertEquals("dimension (an integer in [2, 100000], default 10): number of coordinates: v and "
                + "x[1..dimension-1]", NealsFunnelModel.DIMENSION.describe());
        assertEquals("(-1, 1)", CorrelatedNormal.RHO.range());
        assertEquals("0.9", CorrelatedNormal.RHO.defaultText());
    }
}
