package manynuts.models;

import java.util.Random;

/**
 * A data set for {@link HierarchicalLogisticRegression} simulated from known parameter values, so that tests can
 * check that the posterior recovers them.
 *
 * <p>The generator, with {@code java.util.Random(seed)} (whose sequence the Java specification fixes): the true
 * values are beta[k] = (-1)^(k-1) (0.5 + 0.25 (k - 1)) for k = 1..p (0.5, -0.75, 1.0, ...), mu_alpha = 0.3,
 * sigma_alpha = 0.8, and z[g] ~ N(0, 1) for g = 1..G (the first G Gaussians), alpha[g] = mu_alpha + sigma_alpha
 * z[g]; then for each observation i = 1..n in turn: group (i - 1) mod G + 1 (balanced groups), x[i, k] ~ N(0, 1)
 * for k = 1..p, and y[i] = 1 when a uniform draw is below logit^-1(alpha[group] + x[i] . beta).
 *
 * @param data  the simulated data
 * @param truth the true unconstrained point: beta[1..p], mu_alpha, log sigma_alpha, z[1..G]
 */
public record SimulatedLogisticRegression(LogisticRegressionData data, double[] truth) {

    /** The true mu_alpha. */
    public static final double TRUE_MU_ALPHA = 0.3;

    /** The true sigma_alpha. */
    public static final double TRUE_SIGMA_ALPHA = 0.8;

    /** The most predictor values (n x p) a simulated data set holds. */
    public static final long MAX_PREDICTOR_VALUES = 50_000_000L;

    public SimulatedLogisticRegression {
        truth = truth.clone();
    }

    @Override
    public double[] truth() {
        return truth.clone();
    }

    /** Simulates {@code n} observations of {@code p} predictors in {@code groups} groups from {@code seed}. */
    public static SimulatedLogisticRegression generate(int n, int p, int groups, long seed) {
        if (n < 1 || p < 1 || groups < 1) {
            throw new ModelException("simulated logistic regression: n, p and groups must be positive, not n=" + n
                    + ", p=" + p + ", groups=" + groups);
        }
        if ((long) n * p > MAX_PREDICTOR_VALUES) {
            throw new ModelException("simulated logistic regression: n x p = " + ((long) n * p) + " predictor values; "
                    + "at most " + MAX_PREDICTOR_VALUES + " (" + MAX_PREDICTOR_VALUES / 131_072 + " MiB of doubles)");
        }
        Random random = new Random(seed);
        double[] truth = new double[p + 2 + groups];
        for (int k = 0; k < p; k++) {
            truth[k] = (k % 2 == 0 ? 1 : -1) * (0.5 + 0.25 * k);
        }
        truth[p] = TRUE_MU_ALPHA;
        truth[p + 1] = Math.log(TRUE_SIGMA_ALPHA);
        double[] alpha = new double[groups];
        for (int g = 0; g < groups; g++) {
            truth[p + 2 + g] = random.nextGaussian();
            alpha[g] = TRUE_MU_ALPHA + TRUE_SIGMA_ALPHA * truth[p + 2 + g];
        }
        int[] group = new int[n];
        int[] y = new int[n];
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            group[i] = i % groups;
            double linear = alpha[group[i]];
            for (int k = 0; k < p; k++) {
                x[i * p + k] = random.nextGaussian();
                linear += x[i * p + k] * truth[k];
            }
            y[i] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-linear)) ? 1 : 0;
        }
        return new SimulatedLogisticRegression(new LogisticRegressionData(n, p, groups, group, y, x), truth);
    }
}
