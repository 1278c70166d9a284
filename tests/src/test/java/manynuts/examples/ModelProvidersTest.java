package manynuts.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import manynuts.models.ModelException;
import manynuts.models.ModelProvider;
import manynuts.models.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models found on the class path: the example's provider is registered, and a broken provider is one clear line. */
class ModelProvidersTest {

    @TempDir
    Path temporary;

    @Test
    void theExamplesProviderIsFoundOnTheClassPath() {
        assertTrue(ModelRegistry.knownNames().contains("banana"), ModelRegistry.knownNames().toString());
        assertEquals("banana", ModelRegistry.configure("banana", null, java.util.Map.of("curvature", "0.5"))
                .model().name());
    }

    /** A provider listing the example again (as a second copy of a jar would). */
    public static final class Duplicate implements ModelProvider {
        @Override
        public java.util.List<manynuts.models.ModelFamily> families() {
            return java.util.List.of(Banana.FAMILY);
        }
    }

    @Test
    void aProviderTakingARegisteredNameIsRefusedByName() throws IOException {
        ModelRegistry.knownNames();
        ModelException refused = assertThrows(ModelException.class,
                () -> ModelRegistry.loadProviders(loaderListing(Duplicate.class.getName())));
        assertEquals("model provider " + Duplicate.class.getName() + ": a model named banana is already registered",
                refused.getMessage());
    }

    @Test
    void aProviderThatCannotBeLoadedIsOneLine() throws IOException {
        ModelException refused = assertThrows(ModelException.class,
                () -> ModelRegistry.loadProviders(loaderListing("org.example.Missing")));
        assertTrue(refused.getMessage().startsWith("a model provider on the class path could not be loaded: "),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("org.example.Missing"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
    }

    /** A class loader whose only service file names {@code provider}, delegating classes to this one. */
    private ClassLoader loaderListing(String provider) throws IOException {
        Path services = temporary.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ModelProvider.class.getName()), provider + "\n");
        return new URLClassLoader(new URL[] {temporary.toUri().toURL()}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                // Classes from the test's loader (so the provider interface is the same), resources from here only.
                return ModelProvidersTest.class.getClassLoader().loadClass(name);
            }
        };
    }
}
