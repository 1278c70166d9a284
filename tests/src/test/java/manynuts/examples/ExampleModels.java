package manynuts.examples;

import java.util.List;
import manynuts.models.ModelFamily;
import manynuts.models.ModelProvider;

/**
 * The worked example's provider: listed in META-INF/services/manynuts.models.ModelProvider, so that the registry
 * finds the banana on the class path as it would a user's jar.
 */
public final class ExampleModels implements ModelProvider {

    @Override
    public List<ModelFamily> families() {
        return List.of(Banana.FAMILY);
    }
}
