package manynuts.models;

/**
 * The priors shared by the eight schools models and their exact posterior: mu ~ N(0, 5), tau ~ Half-Cauchy(0, 5).
 */
final class HierarchicalNormalPriors {

    /** Standard deviation of the normal prior on mu. */
    static final double MU_PRIOR_SD = 5.0;

    /** Scale of the half-Cauchy prior on tau. */
    static final double TAU_PRIOR_SCALE = 5.0;

    static final double MU_PRIOR_PRECISION = 1.0 / (MU_PRIOR_SD * MU_PRIOR_SD);

    static final double TAU_PRIOR_PRECISION = 1.0 / (TAU_PRIOR_SCALE * TAU_PRIOR_SCALE);

    private HierarchicalNormalPriors() {
    }
}
