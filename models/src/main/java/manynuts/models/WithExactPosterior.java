package manynuts.models;

import java.util.Optional;

/** A model whose exact posterior is known, for checking draws against: a closed form or a quadrature. */
public interface WithExactPosterior {

    /**
     * The exact posterior means and sds of some outputs (and marginal densities of some). May take time (a
     * quadrature): callers keep the result.
     */
    ExactPosterior exact();

    /** The exact posterior of {@code model}, or empty when it has none. */
    static Optional<ExactPosterior> of(Model model) {
        return model instanceof WithExactPosterior known ? Optional.of(known.exact()) : Optional.empty();
    }
}
