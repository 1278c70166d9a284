package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import manynuts.models.registry.ModelRegistry;

/** Many schools: the contract on generated data, the generator as documented, the quadrature at 10,000 groups. */
class ManySchoolsTest extends HierarchicalContractTests {

    private static final HierarchicalNormalData DATA = ManySchools.generate(40, 7);

    @Override
    protected Model model() {
        return new EightSchoolsNonCentered(ManySchools.NONCENTERED_NAME, DATA);
    }

    @Override
    protected double[] randomPoint(Random random, double tauLog) {
        return nonCenteredPoint(random, tauLog, DATA.J());
    }

    @Override
    protected double referenceLogDensity(double[] point) {
        return EightSchoolsNonCenteredTest.fullLogDensity(DATA, point);
    }

    /** The generator as its documentation states it, written out again. */
    @Test
    void generatorFollowsItsDocumentation() {
        Random random = new Random(11);
        double mu = 5 * random.nextGaussian();
        double tau = 1 + 4 * random.nextDouble();
        HierarchicalNormalData data = ManySchools.generate(3, 11);
        for (int j = 0; j < 3; j++) {
            double sigma = 5 + 15 * random.nextDouble();
            double theta = mu + tau * random.nextGaussian();
            assertEquals(sigma, data.sigma()[j], 0.0);
            assertEquals(theta + sigma * random.nextGaussian(), data.y()[j], 0.0);
        }
        assertEquals(data, ManySchools.generate(3, 11));
    }

    @Test
    void registryBuildsBothFormsFromTheirOptions() {
        ConfiguredModel chosen = ModelRegistry.configure("many_schools_centered", null,
                Map.of("groups", "25", "seed", "3"));
        assertInstanceOf(EightSchoolsCentered.class, chosen.model());
        assertEquals("many_schools_centered", chosen.model().name());
        assertEquals(27, chosen.model().dimension());
        assertEquals(Map.of("groups", "25", "seed", "3"), chosen.options().asText());
        Model nonCentered = ModelRegistry.create("many_schools_noncentered");
        assertEquals(1002, nonCentered.dimension());
    }

    /**
     * At J = 10,000 the generated data leave tau_log broad, with a long tail toward tau = 0 (each group's data are
     * weak): the quadrature's range must reach it. Halving the grid must not move any moment, and a plain trapezoid
     * sum over a fixed range (which knows nothing of the adaptive one) must give the same mean and sd of tau_log.
     */
    @Test
    void quadratureCoversTheTailAtTenThousandGroups() {
        HierarchicalNormalExact exact = new HierarchicalNormalExact(ManySchools.generate(10_000, 3));
        ExactPosterior fine = assertGridConverged(exact);
        double[] direct = directMoments(exact, -50, 5, 5501);
        assertEquals(direct[0], fine.mean("tau_log"), 1e-7);
        assertEquals(direct[1], fine.sd("tau_log"), 1e-6 * direct[1]);
        assertTrue(direct[1] > 0.3, "a broad posterior, sd " + direct[1]);
    }

    /**
     * Strong data (sigma = 1 against tau = 5) make tau_log's posterior narrow at J = 10,000: the grid must be
     * narrowed to it and still resolve it.
     */
    @Test
    void quadratureResolvesANarrowPosteriorAtTenThousandGroups() {
        Random random = new Random(5);
        int groups = 10_000;
        double[] y = new double[groups];
        double[] sigma = new double[groups];
        for (int j = 0; j < groups; j++) {
            sigma[j] = 1;
            y[j] = 3 + 5 * random.nextGaussian() + random.nextGaussian();
        }
        HierarchicalNormalExact exact = new HierarchicalNormalExact(new HierarchicalNormalData(groups, y, sigma));
        ExactPosterior fine = assertGridConverged(exact);
        double[] direct = directMoments(exact, 0, 3.5, 7001);
        assertEquals(direct[0], fine.mean("tau_log"), 1e-9);
        assertEquals(direct[1], fine.sd("tau_log"), 1e-6 * direct[1]);
        double[] range = exact.range();
        assertTrue(direct[1] < 0.02, "a narrow posterior, sd " + direct[1]);
        assertTrue(range[1] - range[0] < 40 * direct[1], "the grid is narrowed to the mass: " + range[0] + " to "
                + range[1]);
        assertEquals(1.0, integrate(fine.density("tau_log").orElseThrow(), range[0], range[1]), 1e-9);
    }

    private static ExactPosterior assertGridConverged(HierarchicalNormalExact exact) {
        ExactPosterior fine = exact.posterior();
        ExactPosterior half = exact.posterior((HierarchicalNormalExact.DEFAULT_GRID_POINTS + 1) / 2);
        for (String name : new String[] {"mu", "tau", "tau_log", "theta[1]", "theta[10000]", "nu[77]"}) {
            assertEquals(fine.mean(name), half.mean(name), 1e-9 * Math.max(1, Math.abs(fine.mean(name))), name);
            assertEquals(fine.sd(name), half.sd(name), 1e-9 * fine.sd(name), name);
        }
        return fine;
    }

    /** Mean and sd of tau_log by a trapezoid sum of its marginal density over a fixed grid. */
    private static double[] directMoments(HierarchicalNormalExact exact, double low, double high, int points) {
        double step = (high - low) / (points - 1);
        double[] logDensity = new double[points];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points; i++) {
            logDensity[i] = exact.logDensityTauLog(low + i * step);
            max = Math.max(max, logDensity[i]);
        }
        double total = 0, first = 0, second = 0;
        for (int i = 0; i < points; i++) {
            double u = low + i * step;
            double w = Math.exp(logDensity[i] - max) * (i == 0 || i == points - 1 ? 0.5 : 1.0);
            total += w;
            first += w * u;
            second += w * u * u;
        }
        double mean = first / total;
        return new double[] {mean, Math.sqrt(second / total - mean * mean)};
    }

    private static double integrate(java.util.function.DoubleUnaryOperator f, double low, double high) {
        int points = 4001;
        double step = (high - low) / (points - 1);
        double sum = 0;
        for (int i = 0; i < points; i++) {
            sum += (i == 0 || i == points - 1 ? 0.5 : 1.0) * f.applyAsDouble(low + i * step);
        }
        return sum * step;
    }
}
