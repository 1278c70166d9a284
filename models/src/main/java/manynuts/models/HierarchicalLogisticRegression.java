package manynuts.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hierarchical logistic regression with varying intercepts: y[i] ~ Bernoulli(logit^-1(alpha[g[i]] + x[i] . beta)),
 * alpha[g] = mu_alpha + sigma_alpha z[g] (non-centered), z[g] ~ N(0, 1), beta[k] ~ N(0, 2.5), mu_alpha ~ N(0, 2.5),
 * sigma_alpha ~ Exponential(1); sampled on (beta[1..p], mu_alpha, sigma_alpha_log, z[1..G]).
 *
 * <p>The priors are weakly informative in the manner of rstanarm's defaults for predictors on unit scale: normal(0,
 * 2.5) on the coefficients and the intercept, exponential(1) on the scale. The batched evaluation is two matrix
 * products around a pass over the observations: eta = X beta for a block of chains, the Bernoulli terms and
 * residuals r = y - logit^-1(eta + alpha), and the coefficient gradient X^T r. Every sum runs in a fixed order (the
 * k-loop of each product in increasing k, observations in increasing i) that the single-chain form and the CUDA
 * kernels (GEMM, likelihood kernel) repeat, so all of them agree to the last bit where the libm calls do.
 */
public final class HierarchicalLogisticRegression implements Model, WithKernels {

    /** The registered name. */
    public static final String NAME = "hierarchical_logistic";

    /** Standard deviation of the normal priors on the coefficients and on mu_alpha. */
    public static final double PRIOR_SD = 2.5;

    private static final double PRIOR_PRECISION = 1.0 / (PRIOR_SD * PRIOR_SD);

    /** Chains per block: a block's linear predictors (n x 64 doubles) stay in the L2 cache for moderate n. */
    private static final int CHAIN_BLOCK = 64;

    private final LogisticRegressionData data;
    private final int n;
    private final int p;
    private final int groups;
    private final int[] group;
    private final double[] outcome;
    private final double[] x;
    private final List<String> parameterNames;
    private final List<String> outputNames;
    /** Per thread: a block's linear predictors, then residuals ({@code n x CHAIN_BLOCK}), and X^T r sums. */
    private final ThreadLocal<double[]> scratch;

    public HierarchicalLogisticRegression(LogisticRegressionData data) {
        this.data = data;
        this.n = data.n();
        this.p = data.p();
        this.groups = data.groups();
        this.group = data.group();
        int[] y = data.y();
        this.outcome = new double[n];
        for (int i = 0; i < n; i++) {
            outcome[i] = y[i];
        }
        this.x = data.x();
        List<String> parameters = new ArrayList<>(IndexedNames.of("beta", p));
        parameters.add("mu_alpha");
        parameters.add("sigma_alpha_log");
        parameters.addAll(IndexedNames.of("z", groups));
        this.parameterNames = List.copyOf(parameters);
        List<String> outputs = new ArrayList<>(IndexedNames.of("beta", p));
        outputs.add("mu_alpha");
        outputs.add("sigma_alpha");
        outputs.addAll(IndexedNames.of("alpha", groups));
        outputs.addAll(IndexedNames.of("z", groups));
        outputs.add("sigma_alpha_log");
        this.outputNames = List.copyOf(outputs);
        int scratchLength = (n + p) * CHAIN_BLOCK;
        this.scratch = ThreadLocal.withInitial(() -> new double[scratchLength]);
    }

    /** Observations, predictors, groups and seed of the data simulated when no file is given. */
    public static final int DEFAULT_OBSERVATIONS = 400;
    public static final int DEFAULT_PREDICTORS = 3;
    public static final int DEFAULT_GROUPS = 8;
    public static final long DEFAULT_SEED = 20240611L;

    static final ModelOption OBSERVATIONS = ModelOption.integer("n",
            "observations simulated when no --data CSV is given", DEFAULT_OBSERVATIONS, 1, 1_000_000);
    static final ModelOption PREDICTORS = ModelOption.integer("p", "predictors simulated", DEFAULT_PREDICTORS, 1,
            10_000);
    static final ModelOption GROUPS = ModelOption.integer("groups", "groups simulated", DEFAULT_GROUPS, 1, 1_000_000);
    static final ModelOption SEED = ModelOption.integer("seed", "seed of the simulated data", DEFAULT_SEED, 0,
            (1L << 53) - 1);

    /** The family: a CSV file's data with {@code --data}, else data simulated with the options n, p, groups, seed. */
    public static final ModelFamily FAMILY = new ModelFamily(NAME, List.of("logistic"),
            "Hierarchical logistic regression with varying intercepts; data from a CSV group,y,x1..xp with --data, "
                    + "else simulated.", List.of(OBSERVATIONS, PREDICTORS, GROUPS, SEED), true,
            (options, file) -> file != null ? fromCsv(file) : simulated(options.integer(OBSERVATIONS.key()),
                    options.integer(PREDICTORS.key()), options.integer(GROUPS.key()), options.longValue(SEED.key())));

    /** A CSV file's data, or the default simulated data set when {@code dataFile} is null. */
    public static HierarchicalLogisticRegression create(Path dataFile) {
        return dataFile == null
                ? simulated(DEFAULT_OBSERVATIONS, DEFAULT_PREDICTORS, DEFAULT_GROUPS, DEFAULT_SEED)
                : fromCsv(dataFile);
    }

    /** The model on a CSV file's data ({@link LogisticRegressionData#fromCsv}). */
    public static HierarchicalLogisticRegression fromCsv(Path file) {
        return new HierarchicalLogisticRegression(LogisticRegressionData.fromCsv(file));
    }

    /** The model on data simulated by {@link SimulatedLogisticRegression#generate}. */
    public static HierarchicalLogisticRegression simulated(int n, int p, int groups, long seed) {
        return new HierarchicalLogisticRegression(SimulatedLogisticRegression.generate(n, p, groups, seed).data());
    }

    public LogisticRegressionData data() {
        return data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return p + 2 + groups;
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public boolean evaluatesInBatches() {
        return true;
    }

    @Override
    public Optional<DesignMatrix> designMatrix() {
        return Optional.of(new DesignMatrix(n, p));
    }

    /** The kernels' data: integers n, p, G, the 0-based groups, the outcomes; reals X row-major. */
    @Override
    public KernelBinding kernelBinding() {
        int[] integers = new int[3 + 2 * n];
        integers[0] = n;
        integers[1] = p;
        integers[2] = groups;
        System.arraycopy(group, 0, integers, 3, n);
        for (int i = 0; i < n; i++) {
            integers[3 + n + i] = (int) outcome[i];
        }
        return new KernelBinding(NAME, integers, x);
    }

    /** log Bernoulli(y | logit^-1(eta)) = y eta - max(eta, 0) - log1p(exp(-|eta|)), with e = exp(-|eta|). */
    static double bernoulliLogLikelihood(double eta, double y, double e) {
        double bound = y == 1.0 ? (eta < 0.0 ? eta : 0.0) : (eta > 0.0 ? -eta : 0.0);
        return bound - Math.log1p(e);
    }

    /** y - logit^-1(eta), with e = exp(-|eta|), exact in both tails. */
    static double residual(double eta, double y, double e) {
        return y - (eta >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e));
    }

    @Override
    public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                                   double[] gradient) {
        double[] work = scratch.get();
        for (int start = from; start < to; start += CHAIN_BLOCK) {
            block(position, stride, start, Math.min(to, start + CHAIN_BLOCK), logDensity, gradient, work);
        }
    }

    /** One block of chains: the two products with the likelihood pass between them. */
    private void block(double[] position, int stride, int from, int to, double[] logDensity, double[] gradient,
                       double[] work) {
        int width = to - from;
        int sums = n * width;
        // eta[i * width + j] = X[i, :] . beta[:, from + j], each sum in increasing k from 0.
        for (int i = 0; i < n; i++) {
            int row = i * width;
            java.util.Arrays.fill(work, row, row + width, 0.0);
            for (int k = 0; k < p; k++) {
                double xik = x[i * p + k];
                int coefficients = k * stride + from;
                for (int j = 0; j < width; j++) {
                    work[row + j] += xik * position[coefficients + j];
                }
            }
        }
        int muRow = p * stride;
        int sigmaLogRow = (p + 1) * stride;
        // Priors; sigma waits in the gradient row of sigma_alpha_log, group sums of residuals in the z rows.
        for (int c = from; c < to; c++) {
            double mu = position[muRow + c];
            double sigmaLog = position[sigmaLogRow + c];
            double sigma = Math.exp(sigmaLog);
            double lp = -0.5 * PRIOR_PRECISION * mu * mu - sigma + sigmaLog;
            for (int k = 0; k < p; k++) {
                double beta = position[k * stride + c];
                lp -= 0.5 * PRIOR_PRECISION * beta * beta;
            }
            for (int g = 0; g < groups; g++) {
                double z = position[(p + 2 + g) * stride + c];
                lp -= 0.5 * z * z;
                gradient[(p + 2 + g) * stride + c] = 0.0;
            }
            logDensity[c] = lp;
            gradient[sigmaLogRow + c] = sigma;
        }
        // The Bernoulli terms; the residuals replace the linear predictors.
        for (int i = 0; i < n; i++) {
            int row = i * width;
            int zRow = (p + 2 + group[i]) * stride;
            double y = outcome[i];
            for (int j = 0; j < width; j++) {
                int c = from + j;
                double eta = work[row + j] + (position[muRow + c] + gradient[sigmaLogRow + c] * position[zRow + c]);
                double e = Math.exp(-Math.abs(eta));
                double r = residual(eta, y, e);
                logDensity[c] += bernoulliLogLikelihood(eta, y, e);
                gradient[zRow + c] += r;
                work[row + j] = r;
            }
        }
        for (int c = from; c < to; c++) {
            finishHyperparameters(position, gradient, stride, c);
        }
        // X^T r, each sum in increasing i from 0, then the prior's gradient added.
        java.util.Arrays.fill(work, sums, sums + p * width, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * width;
            for (int k = 0; k < p; k++) {
                double xik = x[i * p + k];
                int sum = sums + k * width;
                for (int j = 0; j < width; j++) {
                    work[sum + j] += xik * work[row + j];
                }
            }
        }
        for (int k = 0; k < p; k++) {
            for (int j = 0; j < width; j++) {
                int at = k * stride + from + j;
                gradient[at] = work[sums + k * width + j] + -PRIOR_PRECISION * position[at];
            }
        }
    }

    /**
     * Chain c's gradients of mu_alpha, sigma_alpha_log and z, from sigma in the sigma_alpha_log row and the group
     * sums of residuals in the z rows ({@code stride} 1 and an offset for the single-chain form).
     */
    private void finishHyperparameters(double[] position, double[] gradient, int stride, int c) {
        double mu = position[p * stride + c];
        double sigma = gradient[(p + 1) * stride + c];
        double gradientMu = -PRIOR_PRECISION * mu;
        double gradientSigmaLog = 1.0 - sigma;
        for (int g = 0; g < groups; g++) {
            int at = (p + 2 + g) * stride + c;
            double sum = gradient[at];
            double z = position[at];
            double scaled = sigma * sum;
            gradientMu += sum;
            gradientSigmaLog += scaled * z;
            gradient[at] = scaled - z;
        }
        gradient[p * stride + c] = gradientMu;
        gradient[(p + 1) * stride + c] = gradientSigmaLog;
    }

    /** The batch's operations in the batch's order for one chain; X^T r accumulates in the beta gradient. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double mu = position[offset + p];
        double sigmaLog = position[offset + p + 1];
        double sigma = Math.exp(sigmaLog);
        double lp = -0.5 * PRIOR_PRECISION * mu * mu - sigma + sigmaLog;
        for (int k = 0; k < p; k++) {
            double beta = position[offset + k];
            lp -= 0.5 * PRIOR_PRECISION * beta * beta;
            gradient[offset + k] = 0.0;
        }
        for (int g = 0; g < groups; g++) {
            double z = position[offset + p + 2 + g];
            lp -= 0.5 * z * z;
            gradient[offset + p + 2 + g] = 0.0;
        }
        for (int i = 0; i < n; i++) {
            double linear = 0.0;
            for (int k = 0; k < p; k++) {
                linear += x[i * p + k] * position[offset + k];
            }
            int zAt = offset + p + 2 + group[i];
            double eta = linear + (mu + sigma * position[zAt]);
            double e = Math.exp(-Math.abs(eta));
            double y = outcome[i];
            double r = residual(eta, y, e);
            lp += bernoulliLogLikelihood(eta, y, e);
            gradient[zAt] += r;
            for (int k = 0; k < p; k++) {
                gradient[offset + k] += x[i * p + k] * r;
            }
        }
        gradient[offset + p + 1] = sigma;
        finishHyperparameters(position, gradient, 1, offset);
        for (int k = 0; k < p; k++) {
            gradient[offset + k] = gradient[offset + k] + -PRIOR_PRECISION * position[offset + k];
        }
        return lp;
    }

    /** Outputs beta[1..p], mu_alpha, sigma_alpha, alpha[1..G], z[1..G], sigma_alpha_log. */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        System.arraycopy(unconstrained, 0, out, 0, p);
        double mu = unconstrained[p];
        double sigma = Math.exp(unconstrained[p + 1]);
        out[p] = mu;
        out[p + 1] = sigma;
        for (int g = 0; g < groups; g++) {
            double z = unconstrained[p + 2 + g];
            out[p + 2 + g] = mu + sigma * z;
            out[p + 2 + groups + g] = z;
        }
        out[p + 2 + 2 * groups] = unconstrained[p + 1];
    }
}
