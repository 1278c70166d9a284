package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The centered and non-centered models describe one posterior: the map nu -> theta = mu + tau nu has Jacobian
 * tau^J, so lp_noncentered(mu, tau_log, nu) = lp_centered(mu, tau_log, mu + tau nu) + J tau_log + constant.
 */
class ParametrisationEquivalenceTest {

    @Test
    void nonCenteredIsCenteredPlusTheLogJacobianOfTheta() {
        checkOn(HierarchicalNormalData.eightSchools());
        checkOn(new HierarchicalNormalData(3, new double[] {-40, 0.5, 100}, new double[] {0.1, 2, 50}));
    }

    private static void checkOn(HierarchicalNormalData data) {
        Model centered = new EightSchoolsCentered(data);
        Model nonCentered = new EightSchoolsNonCentered(data);
        int J = data.J();
        Random random = new Random(42L);
        Double constant = null;
        for (int repeat = 0; repeat < 50; repeat++) {
            double mu = 10 * random.nextGaussian();
            double tauLog = -6 + 10 * random.nextDouble();
            double tau = Math.exp(tauLog);
            double[] nuPoint = new double[J + 2];
            double[] thetaPoint = new double[J + 2];
            nuPoint[0] = thetaPoint[0] = mu;
            nuPoint[1] = thetaPoint[1] = tauLog;
            for (int j = 0; j < J; j++) {
                double nu = 2 * random.nextGaussian();
                nuPoint[j + 2] = nu;
                thetaPoint[j + 2] = mu + tau * nu;
            }
            double difference = ModelContractTests.logDensity(nonCentered, nuPoint, null)
                    - ModelContractTests.logDensity(centered, thetaPoint, null) - J * tauLog;
            if (constant == null) {
                constant = difference;
            }
            double scale = Math.abs(ModelContractTests.logDensity(nonCentered, nuPoint, null));
            assertEquals(constant, difference, 1e-10 * Math.max(1, scale), "at mu=" + mu + ", tau_log=" + tauLog);
        }
    }
}
