package manynuts.models;

import static manynuts.models.HierarchicalNormalPriors.MU_PRIOR_PRECISION;
import static manynuts.models.HierarchicalNormalPriors.TAU_PRIOR_PRECISION;

import java.util.List;

/**
 * The non-centered hierarchical normal model (BDA ch. 5): mu ~ N(0, 5), tau ~ Half-Cauchy(0, 5), nu[j] ~ N(0, 1),
 * theta[j] = mu + tau nu[j] as a generated quantity, y[j] ~ N(theta[j], sigma[j]); sampled on (mu, tau_log, nu).
 *
 * <p>The same posterior as {@link EightSchoolsCentered}, but the prior of nu does not depend on tau, which removes
 * the funnel when the data are weak. The log density drops additive constants the way Stan's {@code ~} does.
 */
public final class EightSchoolsNonCentered extends HierarchicalNormalModel {

    /** The registered name. */
    public static final String NAME = "eight_schools_noncentered";

    /** The family: its data come from {@code --data FILE} (J, y, sigma) or are the built-in eight schools. */
    public static final ModelFamily FAMILY = new ModelFamily(NAME, List.of("noncentered"),
            "Eight schools, non-centered; data J, y, sigma from --data FILE, else the built-in eight schools.",
            List.of(), true,
            (options, file) -> new EightSchoolsNonCentered(file == null ? HierarchicalNormalData.eightSchools()
                    : HierarchicalNormalData.fromFile(file)));

    public EightSchoolsNonCentered(HierarchicalNormalData data) {
        this(NAME, data);
    }

    /** The same model under another registered name, e.g. for generated data ({@link ManySchools}). */
    public EightSchoolsNonCentered(String name, HierarchicalNormalData data) {
        super(name, data, "nu", List.of("nu", "theta"));
    }

    @Override
    String kernelPrefix() {
        return "eight_schools_noncentered";
    }

    /** The non-centered form's group coordinate is the standardised effect. */
    @Override
    double groupCoordinate(double theta, double nu) {
        return nu;
    }

    /**
     * log p = -mu^2/50 - log(1 + tau^2/25) + tau_log
     *         - sum_j [nu_j^2 / 2 + (y_j - mu - tau nu_j)^2 / (2 sigma_j^2)],
     * where tau_log is the log-Jacobian of tau = exp(tau_log).
     */
    @Override
    void logDensityGradientBlock(double[] position, int stride, int from, int to, double[] logDensity,
                                         double[] gradient) {
        // The gradient row of nu[J] holds tau per chain until the last group overwrites it: the loops over groups
        // then need no exp and no scratch memory, and disjoint chain ranges stay independent.
        final int muRow = 0;
        final int tauLogRow = stride;
        final int scratchRow = (J + 1) * stride;
        for (int c = from; c < to; c++) {
            double mu = position[muRow + c];
            double tauLog = position[tauLogRow + c];
            double tau = Math.exp(tauLog);
            // log rather than log1p: it is a JIT intrinsic, and the absolute error of a log density term is
            // what matters (below 1e-16 here), not the relative error of a tiny log1p.
            logDensity[c] = -0.5 * MU_PRIOR_PRECISION * mu * mu
                    - Math.log(1.0 + tau * tau * TAU_PRIOR_PRECISION) // log, a JIT intrinsic: log1p's relative accuracy buys nothing in a log density
                    + tauLog;
            gradient[muRow + c] = -MU_PRIOR_PRECISION * mu;
            // d/dtau_log of -log(1 + tau^2/25) is -2 tau^2/(25 + tau^2), written to stay finite for any tau.
            gradient[tauLogRow + c] = 1.0 - 2.0 / (1.0 + 1.0 / (TAU_PRIOR_PRECISION * tau * tau));
            gradient[scratchRow + c] = tau;
        }
        for (int j = 0; j < J; j++) {
            final int nuRow = (j + 2) * stride;
            final double yj = y[j];
            final double precisionJ = precision[j];
            for (int c = from; c < to; c++) {
                double tau = gradient[scratchRow + c];
                double mu = position[muRow + c];
                double nu = position[nuRow + c];
                double residual = yj - mu - tau * nu;
                double scaledResidual = residual * precisionJ;
                logDensity[c] -= 0.5 * (nu * nu + residual * scaledResidual);
                gradient[muRow + c] += scaledResidual;
                gradient[tauLogRow + c] += scaledResidual * tau * nu;
                gradient[nuRow + c] = tau * scaledResidual - nu;
            }
        }
    }

    /** The same sums as the batched form, in the same order, kept in registers for one chain. */
    @Override
    public double logDensityGradientAt(double[] position, int offset, double[] gradient, double[] logDensityAt) {
        double mu = position[offset];
        double tauLog = position[offset + 1];
        double tau = Math.exp(tauLog);
        double logDensity = -0.5 * MU_PRIOR_PRECISION * mu * mu
                - Math.log(1.0 + tau * tau * TAU_PRIOR_PRECISION)
                + tauLog;
        double gradientMu = -MU_PRIOR_PRECISION * mu;
        double gradientTauLog = 1.0 - 2.0 / (1.0 + 1.0 / (TAU_PRIOR_PRECISION * tau * tau));
        for (int j = 0; j < J; j++) {
            double nu = position[offset + j + 2];
            double residual = y[j] - mu - tau * nu;
            double scaledResidual = residual * precision[j];
            logDensity -= 0.5 * (nu * nu + residual * scaledResidual);
            gradientMu += scaledResidual;
            gradientTauLog += scaledResidual * tau * nu;
            gradient[offset + j + 2] = tau * scaledResidual - nu;
        }
        gradient[offset] = gradientMu;
        gradient[offset + 1] = gradientTauLog;
        return logDensity;
    }

    /** Outputs mu, tau, nu[1..J], theta[1..J] = mu + tau nu, tau_log. */
    @Override
    public void outputs(double[] unconstrained, double[] out) {
        double mu = unconstrained[0];
        double tau = Math.exp(unconstrained[1]);
        out[0] = mu;
        out[1] = tau;
        for (int j = 0; j < J; j++) {
            double nu = unconstrained[j + 2];
            out[j + 2] = nu;
            out[J + j + 2] = mu + tau * nu;
        }
        out[2 * J + 2] = unconstrained[1];
    }
}
