package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.CauchyDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class EightSchoolsNonCenteredTest extends HierarchicalContractTests {

    private static final HierarchicalNormalData DATA = HierarchicalNormalData.eightSchools();

    @Override
    protected Model model() {
        return new EightSchoolsNonCentered(DATA);
    }

    @Override
    protected double[] randomPoint(Random random, double tauLog) {
        return nonCenteredPoint(random, tauLog, DATA.J());
    }

    /** The full log density written from the model statement with commons-math densities. */
    static double fullLogDensity(HierarchicalNormalData data, double[] point) {
        double mu = point[0];
        double tauLog = point[1];
        double tau = Math.exp(tauLog);
        double lp = new NormalDistribution(0, 5).logDensity(mu)
                + Math.log(2 * new CauchyDistribution(0, 5).density(tau))
                + tauLog;
        NormalDistribution standard = new NormalDistribution(0, 1);
        for (int j = 0; j < data.J(); j++) {
            double nu = point[j + 2];
            lp += standard.logDensity(nu)
                    + new NormalDistribution(mu + tau * nu, data.sigma()[j]).logDensity(data.y()[j]);
        }
        return lp;
    }

    @Override
    protected double referenceLogDensity(double[] point) {
        return fullLogDensity(DATA, point);
    }

    @Test
    void namesFollowStan() {
        Model model = new EightSchoolsNonCentered(new HierarchicalNormalData(2, new double[] {1, 2}, new double[] {3, 4}));
        assertEquals("eight_schools_noncentered", model.name());
        assertEquals(List.of("mu", "tau_log", "nu[1]", "nu[2]"), model.parameterNames());
        assertEquals(List.of("mu", "tau", "nu[1]", "nu[2]", "theta[1]", "theta[2]", "tau_log"), model.outputNames());
    }

    @Test
    void outputsGenerateTheta() {
        Model model = model();
        double[] point = randomPoint(new Random(9L), 0.5);
        double[] out = new double[model.outputNames().size()];
        model.outputs(point, out);
        int J = DATA.J();
        for (int j = 0; j < J; j++) {
            assertEquals(point[j + 2], out[j + 2], 0.0);
            assertEquals(point[0] + Math.exp(0.5) * point[j + 2], out[J + j + 2], 1e-12);
        }
    }
}
