package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The built-in models' prior simulations draw from their priors: moments within 4.5 Monte Carlo standard errors of
 * the exact ones over many simulations, the deterministic outputs as the model computes them, the data as the model's
 * data file names them.
 */
class PriorSimulationTest {
    private static final int SIMULATIONS = 40_000;
    private static final double TOLERANCE = 4.5;

    private static final HierarchicalNormalData DATA = HierarchicalNormalData.eightSchools();

    /** Every simulation of {@code model}, row by row. */
    private static double[][] simulations(Model model, long seed) {
        WithPriorSimulation simulator = WithPriorSimulation.of(model).orElseThrow();
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[SIMULATIONS][simulator.simulationNames().size()];
        for (double[] row : rows) {
            simulator.simulate(random::nextDouble, row);
        }
        return rows;
    }

    private static double[] column(double[][] rows, List<String> names, String name) {
        int index = names.indexOf(name);
        assertTrue(index >= 0, "no " + name + " among " + names);
        return Arrays.stream(rows).mapToDouble(row -> row[index]).toArray();
    }

    /** The mean and sd of {@code values} match a normal's within Monte Carlo error (for the sd: its normal-theory). */
    private static void assertNormal(double[] values, double mean, double sd, String what) {
        double m = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - m) * (v - m)).sum() / (values.length - 1);
        double n = values.length;
        assertEquals(mean, m, TOLERANCE * sd / Math.sqrt(n), what + " mean");
        assertEquals(sd, Math.sqrt(var), TOLERANCE * sd / Math.sqrt(2 * n), what + " sd");
    }

    /** The fraction of {@code values} below {@code point} is {@code probability} within Monte Carlo error. */
    private static void assertBelow(double[] values, double point, double probability, String what) {
        double below = Arrays.stream(values).filter(v -> v < point).count() / (double) values.length;
        assertEquals(probability, below, TOLERANCE * Math.sqrt(probability * (1 - probability) / values.length),
                what);
    }

    @Test
    void eightSchoolsDrawTheirPriorThenTheirData() {
        for (HierarchicalNormalModel model : List.of(new EightSchoolsCentered(DATA), new EightSchoolsNonCentered(DATA))) {
            List<String> names = model.simulationNames();
            assertEquals(model.outputNames(), names.subList(0, model.outputNames().size()));
            double[][] rows = simulations(model, 11);
            assertNormal(column(rows, names, "mu"), 0.0, 5.0, model.name() + " mu");
            double[] tau = column(rows, names, "tau");
            // Half-Cauchy(0, 5): quartiles at 5 tan(pi/8), 5 and 5 tan(3 pi/8).
            assertBelow(tau, 5 * Math.tan(Math.PI / 8), 0.25, model.name() + " tau's first quartile");
            assertBelow(tau, 5.0, 0.5, model.name() + " tau's median");
            assertBelow(tau, 5 * Math.tan(3 * Math.PI / 8), 0.75, model.name() + " tau's third quartile");
            double[] mu = column(rows, names, "mu");
            for (int j = 1; j <= DATA.J(); j++) {
                double[] theta = column(rows, names, "theta[" + j + "]");
                double[] y = column(rows, names, "y[" + j + "]");
                double sigma = DATA.sigma()[j - 1];
                double[] standardised = new double[SIMULATIONS];
                double[] effect = new double[SIMULATIONS];
                for (int s = 0; s < SIMULATIONS; s++) {
                    standardised[s] = (y[s] - theta[s]) / sigma;
                    effect[s] = (theta[s] - mu[s]) / tau[s];
                }
                assertNormal(standardised, 0.0, 1.0, model.name() + " (y - theta) / sigma [" + j + "]");
                assertNormal(effect, 0.0, 1.0, model.name() + " (theta - mu) / tau [" + j + "]");
                assertTrue(Arrays.stream(column(rows, names, "sigma[" + j + "]")).allMatch(v -> v == sigma));
            }
            assertTrue(Arrays.stream(column(rows, names, "J")).allMatch(v -> v == DATA.J()));
            double[] tauLog = column(rows, names, "tau_log");
            for (int s = 0; s < SIMULATIONS; s++) {
                assertEquals(Math.log(tau[s]), tauLog[s], 1e-12 * Math.max(1, Math.abs(tauLog[s])));
            }
        }
    }

    @Test
    void funnelsDrawTheirPrior() {
        for (NealsFunnelModel model : List.of(new NealsFunnel(4), new NealsFunnelNonCentered(4))) {
            List<String> names = model.simulationNames();
            assertEquals(model.outputNames(), names);
            double[][] rows = simulations(model, 12);
            double[] v = column(rows, names, "v");
            assertNormal(v, 0.0, 3.0, model.name() + " v");
            for (int i = 1; i < 4; i++) {
                double[] x = column(rows, names, "x[" + i + "]");
                double[] z = new double[SIMULATIONS];
                for (int s = 0; s < SIMULATIONS; s++) {
                    z[s] = x[s] * Math.exp(-0.5 * v[s]);
                }
                assertNormal(z, 0.0, 1.0, model.name() + " x[" + i + "] exp(-v/2)");
            }
        }
    }

    @Test
    void theSameUniformsGiveTheSameSimulation() {
        Model model = new EightSchoolsNonCentered(DATA);
        assertArrayEquals(simulations(model, 5)[SIMULATIONS - 1], simulations(model, 5)[SIMULATIONS - 1]);
        assertTrue(!Arrays.equals(simulations(model, 5)[0], simulations(model, 6)[0]));
    }
}
