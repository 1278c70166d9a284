package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class HierarchicalNormalExactTest {

    /**
     * One group: a direct 3-D Riemann sum of the joint density p(mu, tau_log, theta | y), written here from the
     * model statement, must give the same moments as the 1-D quadrature. For tau below sigma the third
     * coordinate is nu = (theta - mu)/tau (with Jacobian tau) so that the narrow conditional of theta is resolved;
     * above sigma it is theta itself.
     */
    @Test
    void oneGroupMatchesADirectThreeDimensionalSum() {
        double y = 12;
        double sigma = 6;
        ExactPosterior exact = new HierarchicalNormalExact(
                new HierarchicalNormalData(1, new double[] {y}, new double[] {sigma})).posterior();

        // Steps well below the conditional sds (mu: 3.8, nu: 0.7, theta: 4.2), where a Riemann sum of a smooth,
        // decaying integrand is accurate far beyond the tolerance.
        double[] mus = grid(-40, 50, 181);
        double[] nus = grid(-12, 12, 121);
        double[] thetas = grid(-50, 70, 241);
        double switchAt = Math.log(sigma);
        // The density falls like tau in the left tail and like tau^-2 in the right; E[tau] needs the far right.
        double[] tauLogs = grid(-25, 30, 276);
        double total = 0, sumMu = 0, sumMu2 = 0, sumU = 0, sumU2 = 0, sumTau = 0;
        double sumTheta = 0, sumTheta2 = 0, sumNu = 0, sumNu2 = 0;
        for (double u : tauLogs) {
            double tau = Math.exp(u);
            boolean useNu = u < switchAt;
            double logPriors = -Math.log1p(tau * tau / 25) + u; // half-Cauchy and the Jacobian of tau
            double[] third = useNu ? nus : thetas;
            for (double mu : mus) {
                for (double t : third) {
                    double theta = useNu ? mu + tau * t : t;
                    double lp = -mu * mu / 50 + logPriors                        // mu ~ N(0, 5)
                            - u - (theta - mu) * (theta - mu) / (2 * tau * tau) // theta ~ N(mu, tau)
                            - (y - theta) * (y - theta) / (2 * sigma * sigma)   // y ~ N(theta, sigma)
                            + (useNu ? u : 0);                                   // Jacobian of theta(nu)
                    double w = Math.exp(lp) * (mus[1] - mus[0]) * (third[1] - third[0]);
                    double nu = (theta - mu) / tau;
                    total += w;
                    sumMu += w * mu;
                    sumMu2 += w * mu * mu;
                    sumU += w * u;
                    sumU2 += w * u * u;
                    sumTau += w * tau;
                    sumTheta += w * theta;
                    sumTheta2 += w * theta * theta;
                    sumNu += w * nu;
                    sumNu2 += w * nu * nu;
                }
            }
        }
        assertClose(sumMu / total, Math.sqrt(sumMu2 / total - square(sumMu / total)), exact.moments("mu"));
        assertClose(sumU / total, Math.sqrt(sumU2 / total - square(sumU / total)), exact.moments("tau_log"));
        assertClose(sumTheta / total, Math.sqrt(sumTheta2 / total - square(sumTheta / total)), exact.moments("theta[1]"));
        assertClose(sumNu / total, Math.sqrt(sumNu2 / total - square(sumNu / total)), exact.moments("nu[1]"));
        assertEquals(sumTau / total, exact.mean("tau"), 1e-8 * sumTau / total);
        assertEquals(Double.POSITIVE_INFINITY, exact.sd("tau"), "one group leaves tau with no variance");
    }

    /**
     * Three groups: a 2-D sum over (tau_log, mu) with theta integrated out by commons-math normal densities of
     * y[j] ~ N(mu, sigma[j]^2 + tau^2) checks the marginal of tau_log and the moments of mu and tau.
     */
    @Test
    void threeGroupsMatchATwoDimensionalSum() {
        double[] y = {-3, 9, 25};
        double[] sigma = {4, 12, 7};
        ExactPosterior exact = new HierarchicalNormalExact(new HierarchicalNormalData(3, y, sigma)).posterior();
        double[] mus = grid(-40, 50, 451);
        double[] tauLogs = grid(-30, 25, 1101);
        // No random generator: only densities are needed, and seeding one per call would dominate the run time.
        NormalDistribution muPrior = new NormalDistribution(null, 0, 5);
        double total = 0, sumMu = 0, sumMu2 = 0, sumU = 0, sumU2 = 0, sumTau = 0, sumTau2 = 0;
        for (double u : tauLogs) {
            double tau = Math.exp(u);
            for (double mu : mus) {
                double lp = muPrior.logDensity(mu) - Math.log1p(tau * tau / 25) + u;
                for (int j = 0; j < y.length; j++) {
                    double sd = Math.sqrt(sigma[j] * sigma[j] + tau * tau);
                    lp += new NormalDistribution(null, mu, sd).logDensity(y[j]);
                }
                double w = Math.exp(lp);
                total += w;
                sumMu += w * mu;
                sumMu2 += w * mu * mu;
                sumU += w * u;
                sumU2 += w * u * u;
                sumTau += w * tau;
                sumTau2 += w * tau * tau;
            }
        }
        assertClose(sumMu / total, Math.sqrt(sumMu2 / total - square(sumMu / total)), exact.moments("mu"));
        assertClose(sumU / total, Math.sqrt(sumU2 / total - square(sumU / total)), exact.moments("tau_log"));
        assertClose(sumTau / total, Math.sqrt(sumTau2 / total - square(sumTau / total)), exact.moments("tau"));
    }

    @Test
    void halvingTheGridChangesNothingForEightSchools() {
        assertGridConverged(HierarchicalNormalData.eightSchools());
    }

    @Test
    void halvingTheGridChangesNothingForHarderData() {
        // Equal estimates: the data favour tau near 0, so the posterior leans on the prior's left tail.
        assertGridConverged(new HierarchicalNormalData(5, new double[] {3, 3, 3, 3, 3}, new double[] {1, 2, 3, 4, 5}));
        // Many groups with spread-out estimates: tau is sharply identified, a narrow peak far from the prior scale.
        Random random = new Random(8L);
        int J = 400;
        double[] y = new double[J];
        double[] sigma = new double[J];
        for (int j = 0; j < J; j++) {
            y[j] = 100 + 40 * random.nextGaussian();
            sigma[j] = 0.5 + random.nextDouble();
        }
        assertGridConverged(new HierarchicalNormalData(J, y, sigma));
    }

    @Test
    void eightSchoolsLogTauIsNearTheMonteCarloFigure() {
        ExactPosterior exact = new HierarchicalNormalExact(HierarchicalNormalData.eightSchools()).posterior();
        double meanTauLog = exact.mean("tau_log");
        // The seed notebook's 0.7657852 is a Monte Carlo estimate with an error of a few hundredths.
        assertTrue(meanTauLog > 0.7 && meanTauLog < 0.85, "E[log tau] = " + meanTauLog);
        // Shrinkage: each school's posterior mean lies between its estimate and the posterior mean of mu.
        double mu = exact.mean("mu");
        double[] y = HierarchicalNormalData.eightSchools().y();
        for (int j = 0; j < y.length; j++) {
            double theta = exact.mean("theta[" + (j + 1) + "]");
            assertTrue((theta - mu) * (y[j] - theta) >= 0, "theta[" + (j + 1) + "] = " + theta);
        }
    }

    @Test
    void marginalOfTauLogIsTheModelDensityIntegratedOverMuAndTheta() {
        // exp(logDensityTauLog) ratios must equal ratios of the 2-D marginal p(tau_log | y), which at fixed tau is
        // a product of one-dimensional normal integrals; compare two points by direct summation over mu.
        double[] y = {1, 4};
        double[] sigma = {2, 3};
        HierarchicalNormalExact exact = new HierarchicalNormalExact(new HierarchicalNormalData(2, y, sigma));
        double[] mus = grid(-40, 40, 1601);
        double[] marginal = new double[2];
        double[] tauLogs = {-1.0, 2.0};
        for (int k = 0; k < 2; k++) {
            double tau = Math.exp(tauLogs[k]);
            double sum = 0;
            for (double mu : mus) {
                double lp = -mu * mu / 50;
                for (int j = 0; j < 2; j++) {
                    double v = sigma[j] * sigma[j] + tau * tau;
                    lp += -0.5 * Math.log(v) - (y[j] - mu) * (y[j] - mu) / (2 * v);
                }
                sum += Math.exp(lp);
            }
            marginal[k] = Math.log(sum) - Math.log1p(tau * tau / 25) + tauLogs[k];
        }
        assertEquals(marginal[1] - marginal[0],
                exact.logDensityTauLog(tauLogs[1]) - exact.logDensityTauLog(tauLogs[0]), 1e-10);
    }

    @Test
    void tenThousandGroupsAreCheap() {
        Random random = new Random(10_000L);
        int J = 10_000;
        double[] y = new double[J];
        double[] sigma = new double[J];
        for (int j = 0; j < J; j++) {
            y[j] = 5 + 8 * random.nextGaussian() + 10 * random.nextGaussian();
            sigma[j] = 10;
        }
        long start = System.nanoTime();
        ExactPosterior exact = new HierarchicalNormalExact(new HierarchicalNormalData(J, y, sigma)).posterior(1001);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(3 + 2 * J, exact.moments().size());
        // The estimates scatter with variance 8^2 + 10^2 around 5, so the posterior of tau concentrates near 8.
        assertEquals(8, exact.mean("tau"), 0.5);
        assertEquals(5, exact.mean("mu"), 0.5);
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void tableListsEveryQuantityOnItsOwnLine() {
        ExactPosterior exact = new HierarchicalNormalExact(HierarchicalNormalData.eightSchools()).posterior();
        String[] lines = exact.toTable().split("\n");
        assertEquals(2 + 3 + 16, lines.length);
        assertTrue(lines[0].startsWith("#"));
        assertTrue(lines[1].matches("quantity\\s+mean\\s+sd"), lines[1]);
        assertTrue(lines[2].startsWith("mu "), lines[2]);
        String[] theta1 = lines[5].trim().split("\\s+");
        assertEquals("theta[1]", theta1[0]);
        assertEquals(exact.mean("theta[1]"), Double.parseDouble(theta1[1]), 1e-8);
        assertEquals(exact.sd("theta[1]"), Double.parseDouble(theta1[2]), 1e-8);
    }

    private static void assertGridConverged(HierarchicalNormalData data) {
        HierarchicalNormalExact exact = new HierarchicalNormalExact(data);
        ExactPosterior fine = exact.posterior(HierarchicalNormalExact.DEFAULT_GRID_POINTS);
        ExactPosterior half = exact.posterior((HierarchicalNormalExact.DEFAULT_GRID_POINTS + 1) / 2);
        // The same range, so the grids are nested.
        assertEquals(fine.method().replaceFirst("\\d+ points", ""), half.method().replaceFirst("\\d+ points", ""));
        for (PosteriorMoments m : fine.moments()) {
            PosteriorMoments h = half.moments(m.name());
            assertEquals(m.mean(), h.mean(), 1e-9 * Math.max(1, Math.abs(m.mean())), m.name() + " mean");
            assertEquals(m.sd(), h.sd(), 1e-9 * Math.max(1, m.sd()), m.name() + " sd");
            assertTrue(Double.isFinite(m.mean()) && Double.isFinite(m.sd()) && m.sd() > 0, m.toString());
        }
    }

    private static void assertClose(double mean, double sd, PosteriorMoments exact) {
        assertEquals(mean, exact.mean(), 1e-8 * Math.max(1, Math.abs(mean)), exact.name() + " mean");
        assertEquals(sd, exact.sd(), 1e-8 * sd, exact.name() + " sd");
    }

    private static double[] grid(double low, double high, int points) {
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = low + (high - low) * i / (points - 1);
        }
        return grid;
    }

    private static double square(double x) {
        return x * x;
    }
}
