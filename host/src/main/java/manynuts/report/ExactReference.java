package manynuts.report;

import java.util.function.DoubleUnaryOperator;
import manynuts.models.ExactPosterior;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;

/**
 * The exact posterior of a run's hierarchical normal model, computed from its data by quadrature: the means
 * and sds the report compares against, and the normalised density of log(tau) for the density overlay.
 *
 * @param posterior exact means and sds of mu, tau, tau_log, theta[j], nu[j]
 * @param tauLog    the normalised marginal posterior density of tau_log
 */
public record ExactReference(ExactPosterior posterior, DoubleUnaryOperator tauLog) {

    private static final int NORMALISING_POINTS = 2001;

    public static ExactReference of(HierarchicalNormalData data) {
        HierarchicalNormalExact exact = new HierarchicalNormalExact(data);
        ExactPosterior posterior = exact.posterior();
        // Normalise the unnormalised log density by the trapezoid rule over the grid that holds all its mass.
        double low = posterior.tauLogLow();
        double high = posterior.tauLogHigh();
        double step = (high - low) / (NORMALISING_POINTS - 1);
        double[] logDensity = new double[NORMALISING_POINTS];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < NORMALISING_POINTS; i++) {
            logDensity[i] = exact.logDensityTauLog(low + i * step);
            max = Math.max(max, logDensity[i]);
        }
        double integral = 0;
        for (int i = 0; i < NORMALISING_POINTS; i++) {
            integral += Math.exp(logDensity[i] - max) * (i == 0 || i == NORMALISING_POINTS - 1 ? 0.5 : 1.0);
        }
        double logNormaliser = max + Math.log(integral * step);
        return new ExactReference(posterior, x -> Math.exp(exact.logDensityTauLog(x) - logNormaliser));
    }

    /** The exact posterior mean of a quantity, NaN if the exact posterior does not have it. */
    public double mean(String name) {
        try {
            return posterior.mean(name);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** The exact posterior sd of a quantity, NaN if the exact posterior does not have it. */
    public double sd(String name) {
        try {
            return posterior.sd(name);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
