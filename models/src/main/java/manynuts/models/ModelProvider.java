package manynuts.models;

import java.util.List;

/**
 * A source of model families found on the class path: a jar of users' models names its provider in
 * {@code META-INF/services/manynuts.models.ModelProvider}, and the registry adds its families the first time it is
 * asked for a model (the launcher puts {@code MANYNUTS_CLASSPATH} on the class path).
 */
public interface ModelProvider {

    /** The families to register, each under its name and aliases. */
    List<ModelFamily> families();
}
