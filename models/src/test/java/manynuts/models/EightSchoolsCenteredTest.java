package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class EightSchoolsCenteredTest extends HierarchicalContractTests {

    private static final HierarchicalNormalData DATA = HierarchicalNormalData.eightSchools();

    @Override
    protected Model model() {
        return new EightSchoolsCentered(DATA);
    }

    @Override
    protected double[] randomPoint(Random random, double tauLog) {
        double[] point = new double[DATA.J() + 2];
        point[0] = 5 * random.nextGaussian();
        point[1] = tauLog;
        double tau = Math.exp(tauLog);
        for (int j = 0; j < DATA.J(); j++) {
            point[j + 2] = point[0] + tau * random.nextGaussian();
        }
        return point;
    }

    /**
     * The full log density written from the model statement with commons-math densities, including the
     * log-Jacobian tau_log of tau = exp(tau_log) and the factor 2 of the half-Cauchy.
     */
    static double fullLogDensity(HierarchicalNormalData data, double[] point) {
        double mu = point[0];
        double tauLog = point[1];
        double tau = Math.exp(tauLog);
        double lp = new NormalDistribution(0, 5).logDensity(mu)
                + Math.log(2 * new CauchyDistribution(0, 5).density(tau))
                + tauLog;
        NormalDistribution group = new NormalDistribution(mu, tau);
        for (int j = 0; j < data.J(); j++) {
            double theta = point[j + 2];
            lp += group.logDensity(theta) + new NormalDistribution(theta, data.sigma()[j]).logDensity(data.y()[j]);
        }
        return lp;
    }

    @Override
    protected double referenceLogDensity(double[] point) {
        return fullLogDensity(DATA, point);
    }

    @Test
    void namesFollowStan() {
        Model model = new EightSchoolsCentered(new HierarchicalNormalData(2, new double[] {1, 2}, new double[] {3, 4}));
        assertEquals("eight_schools_centered", model.name());
        assertEquals(List.of("mu", "tau_log", "theta[1]", "theta[2]"), model.parameterNames());
        assertEquals(List.of("mu", "tau", "theta[1]", "theta[2]", "tau_log"), model.outputNames());
    }

    @Test
    void outputsCopyTheta() {
        Model model = model();
        double[] point = randomPoint(new Random(9L), 0.5);
        double[] out = new double[model.outputNames().size()];
        model.outputs(point, out);
        for (int j = 0; j < DATA.J(); j++) {
            assertEquals(point[j + 2], out[j + 2], 0.0);
        }
    }
}
