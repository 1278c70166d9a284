package manynuts.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The centered funnel: the contract, its log density against commons-math, its exact sd of x by integration. */
class NealsFunnelTest extends ModelContractTests {

    private static final int DIMENSION = 7;

    @Override
    protected Model model() {
        return new NealsFunnel(DIMENSION);
    }

    @Override
    protected double[] randomPoint(Random random, double v) {
        double[] point = new double[DIMENSION];
        point[0] = v;
        for (int i = 1; i < DIMENSION; i++) {
            point[i] = Math.exp(v / 2) * random.nextGaussian();
        }
        return point;
    }

    /** The full log density written from the model statement with commons-math densities. */
    static double fullLogDensity(double[] point) {
        double v = point[0];
        double lp = new NormalDistribution(0, 3).logDensity(v);
        NormalDistribution x = new NormalDistribution(0, Math.exp(v / 2));
        for (int i = 1; i < point.length; i++) {
            lp += x.logDensity(point[i]);
        }
        return lp;
    }

    @Override
    protected double referenceLogDensity(double[] point) {
        return fullLogDensity(point);
    }

    /** Var(x[i]) = E[exp(v)] over v ~ N(0, 3), by the trapezoid rule here rather than the moment generating function. */
    @Test
    void exactSdOfXMatchesANumericIntegral() {
        NormalDistribution prior = new NormalDistribution(0, 3);
        double low = -40;
        double high = 50;
        int points = 90_001;
        double step = (high - low) / (points - 1);
        double integral = 0;
        for (int i = 0; i < points; i++) {
            double v = low + i * step;
            integral += (i == 0 || i == points - 1 ? 0.5 : 1.0) * prior.density(v) * Math.exp(v);
        }
        double sd = Math.sqrt(integral * step);
        ExactPosterior exact = WithExactPosterior.of(model()).orElseThrow();
        assertEquals(sd, exact.sd("x[1]"), 1e-9 * sd);
        assertEquals(sd, exact.sd("x[6]"), 1e-9 * sd);
        assertEquals(3.0, exact.sd("v"), 0.0);
        assertEquals(0.0, exact.mean("x[3]"), 0.0);
        assertEquals(prior.density(1.7), exact.density("v").orElseThrow().applyAsDouble(1.7), 1e-15);
    }

    @Test
    void namesAndFunnel() {
        Model model = new NealsFunnel(3);
        assertEquals("funnel", model.name());
        assertEquals(List.of("v", "x[1]", "x[2]"), model.parameterNames());
        assertEquals(List.of("v", "x[1]", "x[2]"), model.outputNames());
        assertEquals(new FunnelPair("v", "v", "x[1]"), WithFunnel.of(model).orElseThrow());
    }
}
