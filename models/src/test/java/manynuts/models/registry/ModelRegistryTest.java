package manynuts.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.Model;
import manynuts.models.ModelException;

class ModelRegistryTest {

    @Test
    void createsModelsByNameAndAliasWithTheBuiltInData() {
        assertInstanceOf(EightSchoolsCentered.class, ModelRegistry.create("eight_schools_centered"));
        assertInstanceOf(EightSchoolsCentered.class, ModelRegistry.create("centered"));
        assertInstanceOf(EightSchoolsNonCentered.class, ModelRegistry.create("eight_schools_noncentered"));
        Model model = ModelRegistry.create("noncentered", (Path) null);
        assertInstanceOf(EightSchoolsNonCentered.class, model);
        assertEquals("eight_schools_noncentered", model.name());
        assertEquals(10, model.dimension());
    }

    @Test
    void readsDataFromAFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("three.json");
        Files.writeString(file, "{\"J\": 3, \"y\": [1, 2, 3], \"sigma\": [1, 1, 1]}");
        Model model = ModelRegistry.create("centered", file);
        assertEquals(5, model.dimension());
        assertEquals("theta[3]", model.parameterNames().get(4));
    }

    @Test
    void unknownNameListsTheKnownNames() {
        ModelException error = assertThrows(ModelException.class, () -> ModelRegistry.create("eight_school"));
        String message = error.getMessage();
        assertTrue(message.contains("unknown model \"eight_school\""), message);
        for (String known : ModelRegistry.knownNames()) {
            assertTrue(message.contains(known), message);
        }
        assertFalse(message.contains("\n"));
    }

    @Test
    void knownNamesAreTheRegisteredNamesThenTheAliases() {
        assertEquals(java.util.List.of("eight_schools_centered", "eight_schools_noncentered", "funnel",
                "funnel_noncentered", "mvn", "many_schools_centered", "many_schools_noncentered",
                "hierarchical_logistic", "centered", "noncentered", "funnel_centered", "correlated_normal", "logistic"),
                ModelRegistry.knownNames());
    }
}
