package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The non-centered funnel: the contract, the same distribution as the centered form, its outputs. */
class NealsFunnelNonCenteredTest extends ModelContractTests {

    private static final int DIMENSION = 6;

    @Override
    protected Model model() {
        return new NealsFunnelNonCentered(DIMENSION);
    }

    @Override
    protected double[] randomPoint(Random random, double v) {
        double[] point = new double[DIMENSION];
        point[0] = v;
        for (int i = 1; i < DIMENSION; i++) {
            point[i] = random.nextGaussian();
        }
        return point;
    }

    /** v ~ N(0, 3) and z ~ N(0, 1) from commons-math: an independent statement of the density. */
    @Override
    protected double referenceLogDensity(double[] point) {
        double logDensity = new org.apache.commons.math3.distribution.NormalDistribution(0, 3).logDensity(point[0]);
        org.apache.commons.math3.distribution.NormalDistribution standard =
                new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
        for (int i = 1; i < DIMENSION; i++) {
            logDensity += standard.logDensity(point[i]);
        }
        return logDensity;
    }

    /** Both forms describe one distribution of (v, x): log densities differ by the Jacobian (n-1) v/2 of x = exp(v/2) z. */
    @Test
    void sameDistributionAsTheCenteredForm() {
        Model centered = new NealsFunnel(DIMENSION);
        Model nonCentered = model();
        Random random = new Random(41L);
        double[] differences = new double[TAU_LOGS.length];
        for (int k = 0; k < TAU_LOGS.length; k++) {
            double[] z = randomPoint(random, TAU_LOGS[k]);
            double[] x = new double[2 * DIMENSION - 1];
            nonCentered.outputs(z, x);
            double[] centeredPoint = new double[DIMENSION];
            centeredPoint[0] = z[0];
            System.arraycopy(x, DIMENSION, centeredPoint, 1, DIMENSION - 1);
            double jacobian = (DIMENSION - 1) * z[0] / 2;
            differences[k] = logDensity(centered, centeredPoint, null) + jacobian - logDensity(nonCentered, z, null);
        }
        for (double difference : differences) {
            assertEquals(differences[0], difference, 1e-9);
        }
    }

    @Test
    void namesAndOutputs() {
        Model model = new NealsFunnelNonCentered(3);
        assertEquals("funnel_noncentered", model.name());
        assertEquals(List.of("v", "z[1]", "z[2]"), model.parameterNames());
        assertEquals(List.of("v", "z[1]", "z[2]", "x[1]", "x[2]"), model.outputNames());
        double[] out = new double[5];
        model.outputs(new double[] {2.0, 0.5, -1.5}, out);
        assertEquals(Math.E * 0.5, out[3], 1e-15);
        assertEquals(-Math.E * 1.5, out[4], 1e-15);
        ExactPosterior exact = WithExactPosterior.of(model).orElseThrow();
        assertEquals(1.0, exact.sd("z[2]"), 0.0);
        assertEquals(Math.exp(2.25), exact.sd("x[2]"), 1e-12);
    }
}
