package manynuts.models;

/**
 * Uniform random numbers for one draw's generated quantities: the sampler gives each (chain, draw) a stream of its
 * own, counter-based, so that generated quantities are reproducible and do not depend on threads or backend.
 */
@FunctionalInterface
public interface UniformStream {

    /** The next uniform in [0, 1). */
    double nextUniform();
}
