package manynuts.models;

import static manynuts.models.HierarchicalNormalPriors.MU_PRIOR_PRECISION;
import static manynuts.models.HierarchicalNormalPriors.TAU_PRIOR_PRECISION;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The exact posterior of the hierarchical normal model with known sigma and the priors mu ~ N(0, 5),
 * tau ~ Half-Cauchy(0, 5): mu and theta are integrated analytically given tau, then tau_log = log tau by
 * quadrature on a uniform grid (BDA 3rd ed., section 5.4, with the proper prior on mu kept).
 *
 * <p>Given tau, y[j] | mu, tau ~ N(mu, sigma[j]^2 + tau^2) independently, so mu | tau, y is normal (as in BDA
 * section 5.4, with the prior precision 1/25 added to the data's) and theta[j] | mu, tau, y is normal with the
 * usual precision-weighted mean. The means and sds of every quantity follow from these conditional means and
 * variances by the laws of total expectation and variance. The cost is O(J x grid points): about a second for
 * J = 10,000 with the default grid.
 */
public final class HierarchicalNormalExact {

    /** Grid points used by {@link #posterior()}; odd, so that halving it keeps every other point. */
    public static final int DEFAULT_GRID_POINTS = 4001;

    // Relative log density below which the tails of the integrands are dropped: e^-40 ~ 4e-18 (see findRange).
    private static final double TAIL_LOG_RATIO = 40.0;

    // Spacing of the coarse scan that locates the range; the range is widened by one such step on each side.
    private static final double SCAN_STEP = 0.25;

    // Points of the scan that narrows the coarse range to where the mass is.
    private static final int FINE_SCAN_POINTS = 201;

    // Distance beyond the data's scales at which the scan starts (see findRange).
    private static final double SCAN_MARGIN = 50.0;

    private final int J;
    private final double[] y;
    private final double[] variance;

    public HierarchicalNormalExact(HierarchicalNormalData data) {
        this.J = data.J();
        this.y = data.y();
        double[] sigma = data.sigma();
        this.variance = new double[J];
        for (int j = 0; j < J; j++) {
            variance[j] = sigma[j] * sigma[j];
        }
    }

    /** The posterior with {@link #DEFAULT_GRID_POINTS} grid points. */
    public ExactPosterior posterior() {
        return posterior(DEFAULT_GRID_POINTS);
    }

    /**
     * The posterior with the given number of grid points over tau_log. The grid's range does not depend on the
     * number of points, so {@code posterior(n)} and {@code posterior((n + 1) / 2)} for odd n use nested grids.
     */
    public ExactPosterior posterior(int gridPoints) {
        if (gridPoints < 3) {
            throw new IllegalArgumentException("need at least 3 grid points, got " + gridPoints);
        }
        double[] range = range();
        double low = range[0];
        double high = range[1];
        double step = (high - low) / (gridPoints - 1);

        double[] tauLog = new double[gridPoints];
        double[] weight = new double[gridPoints];
        double[] muMean = new double[gridPoints];
        double[] muVariance = new double[gridPoints];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < gridPoints; i++) {
            tauLog[i] = low + i * step;
            weight[i] = conditional(tauLog[i], muMean, muVariance, i);
            maxLog = Math.max(maxLog, weight[i]);
        }
        // Trapezoid rule: the integrand is analytic and negligible at both ends, so its error falls faster than
        // any power of the step (Euler-Maclaurin) and halving the grid is a sharp check.
        double total = 0;
        for (int i = 0; i < gridPoints; i++) {
            weight[i] = Math.exp(weight[i] - maxLog) * (i == 0 || i == gridPoints - 1 ? 0.5 : 1.0);
            total += weight[i];
        }
        for (int i = 0; i < gridPoints; i++) {
            weight[i] /= total;
        }
        double logNormaliser = maxLog + Math.log(total * step);
        DoubleUnaryOperator density = x -> Math.exp(logDensityTauLog(x) - logNormaliser);
        String method = String.format(Locale.ROOT, "quadrature over tau_log, %d points on [%.4f, %.4f]", gridPoints,
                low, high);
        return new ExactPosterior(moments(tauLog, weight, muMean, muVariance), method, Map.of("tau_log", density));
    }

    /**
     * Log of the marginal posterior density of tau_log, up to an additive constant:
     * log p(tau) + tau_log + log p(y | tau), with mu and theta integrated out.
     */
    public double logDensityTauLog(double tauLog) {
        return conditional(tauLog, null, null, 0);
    }

    /**
     * Log marginal density of tau_log at one point; stores the conditional mean and variance of mu given tau and y
     * at {@code [i]} when the arrays are given.
     */
    private double conditional(double tauLog, double[] muMean, double[] muVariance, int i) {
        double tau2 = Math.exp(2 * tauLog);
        double precision = MU_PRIOR_PRECISION;
        double weightedSum = 0;
        double logVarianceSum = 0;
        for (int j = 0; j < J; j++) {
            double v = variance[j] + tau2;
            precision += 1.0 / v;
            weightedSum += y[j] / v;
            logVarianceSum += Math.log(v);
        }
        double muHat = weightedSum / precision;
        // The quadratic form sum y^2/V - (sum y/V)^2/P, rewritten without its cancellation.
        double quadratic = muHat * muHat * MU_PRIOR_PRECISION;
        for (int j = 0; j < J; j++) {
            double r = y[j] - muHat;
            quadratic += r * r / (variance[j] + tau2);
        }
        if (muMean != null) {
            muMean[i] = muHat;
            muVariance[i] = 1.0 / precision;
        }
        double logPrior = tauLog - Math.log1p(tau2 * TAU_PRIOR_PRECISION); // half-Cauchy times Jacobian tau
        return logPrior - 0.5 * (logVarianceSum + Math.log(precision) + quadratic);
    }

    /** Means and sds of every quantity from the normalised weights and the conditional moments of mu. */
    private List<PosteriorMoments> moments(double[] tauLog, double[] weight, double[] muMean, double[] muVariance) {
        int gridPoints = tauLog.length;
        double meanMu = 0, meanTau = 0, meanTauLog = 0;
        double[] meanTheta = new double[J];
        double[] meanNu = new double[J];
        for (int i = 0; i < gridPoints; i++) {
            double w = weight[i];
            double tau = Math.exp(tauLog[i]);
            double tau2 = tau * tau;
            meanMu += w * muMean[i];
            meanTau += w * tau;
            meanTauLog += w * tauLog[i];
            for (int j = 0; j < J; j++) {
                double v = variance[j] + tau2;
                double deviation = y[j] - muMean[i];
                meanTheta[j] += w * (y[j] - variance[j] / v * deviation);
                meanNu[j] += w * tau * deviation / v;
            }
        }
        // Law of total variance, in a second pass around the means: E[Var(. | tau)] + Var(E[. | tau]).
        double varMu = 0, varTau = 0, varTauLog = 0;
        double[] varTheta = new double[J];
        double[] varNu = new double[J];
        for (int i = 0; i < gridPoints; i++) {
            double w = weight[i];
            double tau = Math.exp(tauLog[i]);
            double tau2 = tau * tau;
            double vMu = muVariance[i];
            varMu += w * (vMu + square(muMean[i] - meanMu));
            varTau += w * square(tau - meanTau);
            varTauLog += w * square(tauLog[i] - meanTauLog);
            for (int j = 0; j < J; j++) {
                double v = variance[j] + tau2;
                double shrinkage = variance[j] / v; // weight of mu in E[theta_j | mu, tau, y]
                double deviation = y[j] - muMean[i];
                // theta_j | tau, y: mean y_j - B_j (y_j - muHat), variance sigma_j^2 (1 - B_j) + B_j^2 Var(mu).
                double thetaMean = y[j] - shrinkage * deviation;
                double thetaVariance = variance[j] * tau2 / v + shrinkage * shrinkage * vMu;
                varTheta[j] += w * (thetaVariance + square(thetaMean - meanTheta[j]));
                // nu_j = (theta_j - mu)/tau; theta_j - mu | tau, y is normal with mean (1 - B_j)(y_j - muHat) and
                // variance sigma_j^2 (1 - B_j) + (1 - B_j)^2 Var(mu); dividing by tau leaves no 1/tau.
                double nuMean = tau * deviation / v;
                double nuVariance = variance[j] / v + tau2 * vMu / (v * v);
                varNu[j] += w * (nuVariance + square(nuMean - meanNu[j]));
            }
        }
        List<PosteriorMoments> result = new ArrayList<>(3 + 2 * J);
        result.add(new PosteriorMoments("mu", meanMu, Math.sqrt(varMu)));
        // With one group the posterior of tau has a tau^-3 tail: its mean exists, its variance does not.
        result.add(new PosteriorMoments("tau", meanTau, J >= 2 ? Math.sqrt(varTau) : Double.POSITIVE_INFINITY));
        result.add(new PosteriorMoments("tau_log", meanTauLog, Math.sqrt(varTauLog)));
        for (int j = 0; j < J; j++) {
            result.add(new PosteriorMoments("theta[" + (j + 1) + "]", meanTheta[j], Math.sqrt(varTheta[j])));
        }
        for (int j = 0; j < J; j++) {
            result.add(new PosteriorMoments("nu[" + (j + 1) + "]", meanNu[j], Math.sqrt(varNu[j])));
        }
        return result;
    }

    /**
     * The range of the quadrature grid over tau_log: {@link #coarseRange()} narrowed by a scan at a two-hundredth of
     * its width, so that a posterior concentrated by many groups (tau_log's sd is about 0.05 at J = 10,000) still
     * gets thousands of grid points across its mass.
     */
    public double[] range() {
        double[] coarse = coarseRange();
        int points = FINE_SCAN_POINTS;
        double step = (coarse[1] - coarse[0]) / (points - 1);
        double[] logDensity = new double[points];
        double[] logMoment = new double[points];
        int tauPower = J >= 2 ? 2 : 1;
        for (int i = 0; i < points; i++) {
            double u = coarse[0] + i * step;
            logDensity[i] = logDensityTauLog(u);
            logMoment[i] = logDensity[i] + tauPower * u;
        }
        int[] kept = aboveCut(logDensity, logMoment);
        // One step beyond the last points above the cut: the integrands there are below e^-40 of their maxima.
        return new double[] {coarse[0] + Math.max(0, kept[0] - 1) * step,
                coarse[0] + Math.min(points - 1, kept[1] + 1) * step};
    }

    /**
     * A range of tau_log outside which every integrand is below e^-40 of its maximum, found on a scan with
     * steps of 0.25.
     *
     * <p>Why that range suffices: below tau = min(sigma, 5) the likelihood p(y | tau) is flat to O(tau^2/sigma^2)
     * and the prior density of tau_log grows like tau, so the log density rises with slope ~1; above
     * max(sigma, |y|, 5) it falls with slope -(J + 1) (tau^-J from the likelihood, tau^-1 from the Cauchy tail
     * times the Jacobian). Multiplying by tau or tau^2 for the moments of tau keeps the slope below -1 for J >= 2
     * (for J = 1 only the mean of tau is finite, so only tau is used). With a slope of at least 1 in magnitude
     * the mass beyond a point where the integrand is e^-40 of its maximum is at most ~e^-40 of the maximum,
     * far below double precision of the total. The scan starts 50 units beyond those scales, where the
     * asymptotic slopes hold, and widens until both ends are below the cut.
     */
    private double[] coarseRange() {
        double scaleLow = 1.0 / Math.sqrt(TAU_PRIOR_PRECISION);
        double scaleHigh = scaleLow;
        for (int j = 0; j < J; j++) {
            double sigma = Math.sqrt(variance[j]);
            scaleLow = Math.min(scaleLow, sigma);
            scaleHigh = Math.max(scaleHigh, Math.max(sigma, Math.abs(y[j])));
        }
        double low = Math.log(scaleLow) - SCAN_MARGIN;
        double high = Math.log(scaleHigh) + SCAN_MARGIN;
        int tauPower = J >= 2 ? 2 : 1;
        for (int attempt = 0; attempt < 20; attempt++) {
            int points = (int) Math.ceil((high - low) / SCAN_STEP) + 1;
            double[] logDensity = new double[points];
            double[] logMoment = new double[points];
            for (int i = 0; i < points; i++) {
                double u = low + i * SCAN_STEP;
                logDensity[i] = logDensityTauLog(u);
                logMoment[i] = logDensity[i] + tauPower * u;
            }
            int[] kept = aboveCut(logDensity, logMoment);
            int first = kept[0];
            int last = kept[1];
            boolean lowOpen = first == 0;
            boolean highOpen = last == points - 1;
            if (!lowOpen && !highOpen) {
                return new double[] {low + (first - 1) * SCAN_STEP, low + (last + 1) * SCAN_STEP};
            }
            if (lowOpen) {
                low -= SCAN_MARGIN;
            }
            if (highOpen) {
                high += SCAN_MARGIN;
            }
        }
        throw new IllegalStateException("the posterior of tau_log does not decay within [" + low + ", " + high + "]");
    }

    /** The first and last index where either log integrand is within the tail cut of its maximum. */
    private static int[] aboveCut(double[] logDensity, double[] logMoment) {
        double maxDensity = Double.NEGATIVE_INFINITY;
        double maxMoment = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logDensity.length; i++) {
            maxDensity = Math.max(maxDensity, logDensity[i]);
            maxMoment = Math.max(maxMoment, logMoment[i]);
        }
        int first = logDensity.length;
        int last = -1;
        for (int i = 0; i < logDensity.length; i++) {
            if (logDensity[i] >= maxDensity - TAIL_LOG_RATIO || logMoment[i] >= maxMoment - TAIL_LOG_RATIO) {
                first = Math.min(first, i);
                last = i;
            }
        }
        return new int[] {first, last};
    }

    private static double square(double x) {
        return x * x;
    }
}
