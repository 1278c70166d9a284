package manynuts.models;

import java.util.Optional;

/**
 * A model with two outputs whose joint draws show a funnel: the reports plot them against each other and follow the
 * scale's running mean.
 */
public interface WithFunnel {

    /** The scale and the member of the funnel. */
    FunnelPair funnel();

    /** The funnel of {@code model}, or empty when it has none. */
    static Optional<FunnelPair> of(Model model) {
        return model instanceof WithFunnel shaped ? Optional.of(shaped.funnel()) : Optional.empty();
    }
}
