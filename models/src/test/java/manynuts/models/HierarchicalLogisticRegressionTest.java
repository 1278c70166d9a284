package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hierarchical logistic regression: the contract, its density against the model statement, its data and CSV. */
class HierarchicalLogisticRegressionTest extends ModelContractTests {

    private static final SimulatedLogisticRegression SIMULATED = SimulatedLogisticRegression.generate(120, 3, 5, 42);

    @Override
    protected Model model() {
        return new HierarchicalLogisticRegression(SIMULATED.data());
    }

    /** Coefficients and z on their prior scale, sigma_alpha_log as given. */
    @Override
    protected double[] randomPoint(Random random, double tauLog) {
        LogisticRegressionData data = SIMULATED.data();
        double[] point = new double[data.p() + 2 + data.groups()];
        for (int d = 0; d < point.length; d++) {
            point[d] = random.nextGaussian();
        }
        point[data.p() + 1] = tauLog;
        return point;
    }

    /** The model statement with the Bernoulli terms in a form that stays finite however large |eta| is. */
    @Override
    protected double referenceLogDensity(double[] point) {
        LogisticRegressionData data = SIMULATED.data();
        int p = data.p();
        double sigma = Math.exp(point[p + 1]);
        org.apache.commons.math3.distribution.NormalDistribution prior =
                new org.apache.commons.math3.distribution.NormalDistribution(0, 2.5);
        double lp = prior.logDensity(point[p]) - sigma + point[p + 1];
        for (int k = 0; k < p; k++) {
            lp += prior.logDensity(point[k]);
        }
        for (int g = 0; g < data.groups(); g++) {
            lp -= 0.5 * point[p + 2 + g] * point[p + 2 + g];
        }
        for (int i = 0; i < data.n(); i++) {
            double eta = point[p] + sigma * point[p + 2 + data.group()[i]];
            for (int k = 0; k < p; k++) {
                eta += data.x()[i * p + k] * point[k];
            }
            // log P(y) = -log(1 + exp(-eta)) for y = 1 and -log(1 + exp(eta)) for y = 0.
            double t = data.y()[i] == 1 ? -eta : eta;
            lp -= t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
        }
        return lp;
    }

    /** The log density written from the model statement, term by term, with the naive Bernoulli form. */
    private static double statedLogDensity(LogisticRegressionData data, double[] point) {
        int p = data.p();
        double sigma = Math.exp(point[p + 1]);
        double lp = -point[p] * point[p] / (2 * 6.25) - sigma + point[p + 1];
        for (int k = 0; k < p; k++) {
            lp -= point[k] * point[k] / (2 * 6.25);
        }
        for (int g = 0; g < data.groups(); g++) {
            lp -= 0.5 * point[p + 2 + g] * point[p + 2 + g];
        }
        int[] group = data.group();
        int[] y = data.y();
        double[] x = data.x();
        for (int i = 0; i < data.n(); i++) {
            double eta = point[p] + sigma * point[p + 2 + group[i]];
            for (int k = 0; k < p; k++) {
                eta += x[i * p + k] * point[k];
            }
            double probability = 1 / (1 + Math.exp(-eta));
            lp += y[i] == 1 ? Math.log(probability) : Math.log(1 - probability);
        }
        return lp;
    }

    @Test
    void logDensityIsTheModelStatement() {
        Random random = new Random(8);
        for (int repeat = 0; repeat < 10; repeat++) {
            double[] point = randomPoint(random, random.nextGaussian());
            assertEquals(statedLogDensity(SIMULATED.data(), point), logDensity(model(), point, null), 1e-9);
        }
    }

    @Override
    @Test
    public void namesAreDistinctAndMatchTheDimensions() {
        Model model = model();
        assertEquals(model.dimension(), model.parameterNames().size());
        assertEquals(model.dimension(), new HashSet<>(model.parameterNames()).size());
        assertEquals(List.of("beta[1]", "beta[2]", "beta[3]", "mu_alpha", "sigma_alpha_log", "z[1]"),
                model.parameterNames().subList(0, 6));
        List<String> outputs = model.outputNames();
        assertEquals(outputs.size(), new HashSet<>(outputs).size());
        assertEquals(List.of("mu_alpha", "sigma_alpha", "alpha[1]"), outputs.subList(3, 6));
        assertEquals("sigma_alpha_log", outputs.get(outputs.size() - 1));
    }

    @Test
    void outputsReportSigmaAlphaOnItsConstrainedScale() {
        Model model = model();
        double[] point = randomPoint(new Random(3L), 1.25);
        double[] out = new double[model.outputNames().size()];
        model.outputs(point, out);
        assertEquals(Math.exp(1.25), out[4], 1e-12);
        assertEquals(point[3] + Math.exp(1.25) * point[5], out[5], 1e-12, "alpha[1]");
        assertEquals(1.25, out[out.length - 1], 0.0);
    }

    @Test
    void simulationKeepsItsTruthAndIsReproducible() {
        SimulatedLogisticRegression again = SimulatedLogisticRegression.generate(120, 3, 5, 42);
        assertTrue(java.util.Arrays.equals(SIMULATED.data().y(), again.data().y()));
        double[] truth = SIMULATED.truth();
        assertEquals(List.of(0.5, -0.75, 1.0), List.of(truth[0], truth[1], truth[2]));
        assertEquals(0.3, truth[3], 0.0);
        assertEquals(Math.log(0.8), truth[4], 0.0);
        int ones = java.util.Arrays.stream(SIMULATED.data().y()).sum();
        assertTrue(ones > 20 && ones < 100, "both outcomes occur: " + ones + " ones");
    }

    @Test
    void csvDataAreRead() {
        LogisticRegressionData data = LogisticRegressionData.parse("d.csv",
                List.of("group,y,x1,x2", "1,0,0.5,-1", "3,1,2,1e-1", ""));
        assertEquals(2, data.n());
        assertEquals(2, data.p());
        assertEquals(3, data.groups());
        assertEquals(List.of(0, 2), java.util.Arrays.stream(data.group()).boxed().toList());
        assertEquals(0.1, data.x()[3], 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "group,y,x1;1,0,0.5;2,1          | d.csv line 3: expected 3 columns (group, y and 1 predictors) but found 2",
        "group,y,x1;1,2,0.5              | d.csv line 2: y must be 0 or 1, not 2",
        "group,y,x1;0,1,0.5              | d.csv line 2: the group must be a positive integer, not 0",
        "group,y,x1;a,1,0.5              | d.csv line 2: the group must be a positive integer, not \"a\"",
        "group,y,x1;1,1,NaN              | d.csv line 2: x1 must be a finite number, not \"NaN\"",
        "y,group,x1;1,1,2                | d.csv line 1: the header must be group,y,x1,...,xp",
        "group,y                         | d.csv line 1: the header must be group,y,x1,...,xp",
        "group,y,x1                      | d.csv: no observations after the header",
    })
    void badCsvIsOneLine(String lines, String message) {
        ModelException e = assertThrows(ModelException.class,
                () -> LogisticRegressionData.parse("d.csv", List.of(lines.split(";"))));
        assertEquals(message, e.getMessage());
    }
}
