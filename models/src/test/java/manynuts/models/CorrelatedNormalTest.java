package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The correlated normal: the contract, its closed-form inverse against a dense factorisation, its range of rho. */
class CorrelatedNormalTest extends ModelContractTests {

    private static final int DIMENSION = 9;
    private static final double RHO = 0.9;

    @Override
    protected Model model() {
        return new CorrelatedNormal(DIMENSION, RHO);
    }

    /** commons-math's multivariate normal on the dense covariance: an independent statement of the density. */
    @Override
    protected double referenceLogDensity(double[] point) {
        double[] mean = new double[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            mean[i] = i;
        }
        return Math.log(new MultivariateNormalDistribution(mean, covariance(DIMENSION, RHO).getData())
                .density(point));
    }

    /** Around the mean, pushed out along every coordinate by the scale knob when it is large. */
    @Override
    protected double[] randomPoint(Random random, double scale) {
        double[] point = new double[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            point[i] = i + random.nextGaussian() * Math.max(1, Math.abs(scale) / 3);
        }
        return point;
    }

    private static RealMatrix covariance(int dimension, double rho) {
        RealMatrix sigma = MatrixUtils.createRealMatrix(dimension, dimension);
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                sigma.setEntry(i, j, i == j ? 1 : rho);
            }
        }
        return sigma;
    }

    /** Against commons-math's multivariate normal, which factorises the full matrix: the closed-form inverse is right. */
    @ParameterizedTest
    @CsvSource({"5, 0.3", "5, -0.2", "9, 0.9", "1, 0.5", "12, -0.09"})
    void logDensityAndGradientMatchTheDenseComputation(int dimension, double rho) {
        Model model = new CorrelatedNormal(dimension, rho);
        double[] mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = i;
        }
        RealMatrix sigma = covariance(dimension, rho);
        MultivariateNormalDistribution dense = new MultivariateNormalDistribution(mean, sigma.getData());
        RealMatrix precision = new LUDecomposition(sigma).getSolver().getInverse();
        Random random = new Random(dimension);
        double[] reference = mean.clone();
        for (int k = 0; k < 5; k++) {
            double[] x = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                x[i] = mean[i] + 2 * random.nextGaussian();
            }
            double[] gradient = new double[dimension];
            double expected = Math.log(dense.density(x)) - Math.log(dense.density(reference));
            double actual = logDensity(model, x, gradient) - logDensity(model, reference, null);
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
            double[] residual = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                residual[i] = x[i] - mean[i];
            }
            double[] expectedGradient = precision.operate(residual);
            for (int i = 0; i < dimension; i++) {
                assertEquals(-expectedGradient[i], gradient[i], 1e-8 * Math.max(1, Math.abs(expectedGradient[i])));
            }
        }
    }

    @Test
    void exactMomentsAreTheMeanAndUnitSds() {
        ExactPosterior exact = WithExactPosterior.of(model()).orElseThrow();
        assertEquals(DIMENSION, exact.moments().size());
        assertEquals(4.0, exact.mean("x[5]"), 0.0);
        assertEquals(1.0, exact.sd("x[5]"), 0.0);
        assertTrue(WithFunnel.of(model()).isEmpty());
    }

    @Test
    void rhoMustKeepTheMatrixPositiveDefinite() {
        ModelException error = assertThrows(ModelException.class, () -> new CorrelatedNormal(100, -0.02));
        assertTrue(error.getMessage().startsWith("rho=-0.02: rho must be in (-0.010101"), error.getMessage());
        assertThrows(ModelException.class, () -> new CorrelatedNormal(3, 1.0));
        new CorrelatedNormal(100, -0.0101);
    }
}
