package manynuts.models;

import static manynuts.models.HierarchicalNormalPriors.MU_PRIOR_PRECISION;
import static manynuts.models.HierarchicalNormalPriors.TAU_PRIOR_PRECISION;

import java.util.List;

/**
 * The centered hierarchical normal model (BDA ch. 5): mu ~ N(0, 5), tau ~ Half-Cauchy(0, 5),
 * theta[j] ~ N(mu, tau), y[j] ~ N(theta[j], sigma[j]); sampled on (mu, tau_log = log tau, theta).
 *
 * <p>With few groups and noisy data the posterior is a funnel in (tau_log, theta): its neck needs step sizes
 * far smaller than its mouth, so NUTS with one step size diverges there and under-explores small tau.
 * The log density drops additive constants the way Stan's {@code ~} does.
 */
public final class EightSchoolsCentered extends HierarchicalNormalModel {

    /** The registered name. */
    public static final String NAME = "eight_schools_centered";

    /** The family: its data come from {@code --data FILE} (J, y, sigma) or are the built-in eight schools. */
    public static final ModelFamily FAMILY = new ModelFamily(NAME, List.of("centered"),
            "Eight schools, centered; data J, y, sigma from --data FILE, else the built-in eight schools.",
            List.of(), true,
            (options, file) -> new EightSchoolsCentered(file == null ? HierarchicalNormalData.eightSchools()
                    : HierarchicalNormalData.fromFile(file)));

    public EightSchoolsCentered(HierarchicalNormalData data) {
        this(NAME, data);
    }

    /** The same model under another registered name, e.g. for generated data ({@link ManySchools}). */
    public EightSchoolsCentered(String name, HierarchicalNormalData data) {
        super(name, data, "theta", List.of("theta"));
    }

    @Override
    String kernelPrefix() {
        return "eight_schools_centered";
    }

    /** The centered form's group coordinate is the effect itself. */
    @Override
    double groupCoordinate(double theta, double nu) {
        return theta;
    }

    /**
     * log p = -mu^2/50 - log(1 + tau^2/25) + tau_log - J tau_log
     *         - sum_j [(theta_j - mu)^2 / (2 tau^2) + (y_j - theta_j)^2 / (2 sigma_j^2)],
     * where the lone tau_log is the log-Jacobian of tau = exp(tau_log) and -J tau_log is the normalising term of
     * the J normal densities of theta, which depends on a parameter and so is kept.
     */
    @Override
    void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                         double[] gradient) {
        // The gradient row of theta[J] holds 1/tau^2 per chain until the last group overwrites it: the loops over
        // groups then need no exp and no scratch memory, and disjoint chain ranges stay independent.
        final int muRow = 0;
        final int tauLogRow = stride;
        final int scratchRow = (J + 1) * stride;
        for (int c = from; c < to; c++) {
            double mu = position[muRow + c];
            double tauLog = position[tauLogRow + c];
            double tau = Math.exp(tauLog);
            double inverseTau2 = 1.0 / (tau * tau);
            logDensity[c] = -0.5 * MU_PRIOR_PRECISION * mu * mu
                    - Math.log(1.0 + tau * tau * TAU_PRIOR_PRECISION) // log, a JIT intrinsic: log1p's relative accuracy buys nothing in a log density
                    + (1 - J) * tauLog;
            gradient[muRow + c] = -MU_PRIOR_PRECISION * mu;
            // d/dtau_log of -log(1 + tau^2/25) is -2 tau^2/(25 + tau^2), written to stay finite for any tau.
            gradient[tauLogRow + c] = (1 - J) - 2.0 / (1.0 + inverseTau2 / TAU_PRIOR_PRECISION);
            gradient[scratchRow + c] = inverseTau2;
        }
        for (int j = 0; j < J; j++) {
            final int thetaRow = (j + 2) * stride;
            final double yj = y[j];
            final double precisionJ = precision[j];
            for (int c = from; c < to; c++) {
                double inverseTau2 = gradient[scratchRow + c];
                double mu = position[muRow + c];
                double theta = position[thetaRow + c];
                double deviation = theta - mu;
                double residual = yj - theta;
                double scaledDeviation = deviation * inverseTau2;
                logDensity[c] -= 0.5 * (deviation * scaledDeviation + residual * residual * precisionJ);
                gradient[muRow + c] += scaledDeviation;
                gradient[tauLogRow + c] += deviation * scaledDeviation;
                gradient[thetaRow + c] = residual * precisionJ - scaledDeviation;
            }
        }
    }

    /** The same sums as the batched form, in the same order, kept in registers for one chain. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double mu = position[offset];
        double tauLog = position[offset + 1];
        double tau = Math.exp(tauLog);
        double inverseTau2 = 1.0 / (tau * tau);
        double logDensity = -0.5 * MU_PRIOR_PRECISION * mu * mu
                - Math.log(1.0 + tau * tau * TAU_PRIOR_PRECISION)
                + (1 - J) * tauLog;
        double gradientMu = -MU_PRIOR_PRECISION * mu;
        double gradientTauLog = (1 - J) - 2.0 / (1.0 + inverseTau2 / TAU_PRIOR_PRECISION);
        for (int j = 0; j < J; j++) {
            double theta = position[offset + j + 2];
            double deviation = theta - mu;
            double residual = y[j] - theta;
            double scaledDeviation = deviation * inverseTau2;
            logDensity -= 0.5 * (deviation * scaledDeviation + residual * residual * precision[j]);
            gradientMu += scaledDeviation;
            gradientTauLog += deviation * scaledDeviation;
            gradient[offset + j + 2] = residual * precision[j] - scaledDeviation;
        }
        gradient[offset] = gradientMu;
        gradient[offset + 1] = gradientTauLog;
        return logDensity;
    }

    /** Outputs mu, tau, theta[1..J], tau_log. */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        out[0] = unconstrained[0];
        out[1] = Math.exp(unconstrained[1]);
        System.arraycopy(unconstrained, 2, out, 2, J);
        out[J + 2] = unconstrained[1];
    }
}
