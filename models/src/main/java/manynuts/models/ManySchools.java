package manynuts.models;

import java.util.List;
import java.util.Random;

/**
 * Many schools: the hierarchical normal model on data generated from a seed, with up to 10,000 groups, in both
 * parameterisations; the funnel of eight schools at scale, with its exact posterior still given by quadrature.
 *
 * <p>The generator, with {@link Random} (whose sequence the Java specification fixes) seeded by {@code seed}:
 * the true mu = 5 g (g standard normal), the true tau = 1 + 4 u (u uniform on [0, 1)); then for each group j in
 * order sigma[j] = 5 + 15 u, theta[j] = mu + tau g and y[j] = theta[j] + sigma[j] g, with fresh draws each time.
 * Standard errors of 5 to 20 against a spread tau of 1 to 5 make every group's data weak, as in eight schools,
 * so tau is pinned down only by the number of groups and the centered form has a funnel.
 */
public final class ManySchools {

    /** The registered name of the centered form. */
    public static final String CENTERED_NAME = "many_schools_centered";

    /** The registered name of the non-centered form. */
    public static final String NONCENTERED_NAME = "many_schools_noncentered";

    static final ModelOption GROUPS = ModelOption.integer("groups", "number of groups J", 1000, 1, 10_000);

    static final ModelOption SEED = ModelOption.integer("seed", "seed of the data generator", 1, 0,
            (1L << 53) - 1);

    public static final ModelFamily CENTERED = ModelFamily.ofOptions(CENTERED_NAME,
            "Many schools, centered: the hierarchical normal model on generated data; a funnel at scale.",
            List.of(GROUPS, SEED), (options, data) -> new EightSchoolsCentered(CENTERED_NAME, generate(options)));

    public static final ModelFamily NONCENTERED = ModelFamily.ofOptions(NONCENTERED_NAME,
            "Many schools, non-centered: the hierarchical normal model on generated data.",
            List.of(GROUPS, SEED), (options, data) -> new EightSchoolsNonCentered(NONCENTERED_NAME, generate(options)));

    private ManySchools() {
    }

    /** The data of {@code groups} groups generated from {@code seed} as the class comment describes. */
    public static HierarchicalNormalData generate(int groups, long seed) {
        Random random = new Random(seed);
        double mu = 5 * random.nextGaussian();
        double tau = 1 + 4 * random.nextDouble();
        double[] y = new double[groups];
        double[] sigma = new double[groups];
        for (int j = 0; j < groups; j++) {
            sigma[j] = 5 + 15 * random.nextDouble();
            double theta = mu + tau * random.nextGaussian();
            y[j] = theta + sigma[j] * random.nextGaussian();
        }
        return new HierarchicalNormalData(groups, y, sigma);
    }

    private static HierarchicalNormalData generate(ModelOptions options) {
        return generate(options.integer(GROUPS.key()), options.longValue(SEED.key()));
    }
}
