package manynuts.examples;

import java.util.Random;
import manynuts.models.Model;
import manynuts.models.ModelContractTests;
import org.apache.commons.math3.distribution.NormalDistribution;

/** The worked example passes the contract every model passes. */
class BananaContractTest extends ModelContractTests {

    @Override
    protected Model model() {
        return new Banana(1.5);
    }

    /** x1 on its scale (further out for large knobs), x2 near its conditional mean. */
    @Override
    protected double[] randomPoint(Random random, double knob) {
        double x1 = random.nextGaussian() * Math.max(1, Math.abs(knob) / 4);
        return new double[] {x1, 1.5 * x1 * x1 + random.nextGaussian()};
    }

    /** The model statement with commons-math's normal densities: x1 ~ N(0, 1), x2 | x1 ~ N(1.5 x1^2, 1). */
    @Override
    protected double referenceLogDensity(double[] point) {
        return new NormalDistribution(0, 1).logDensity(point[0])
                + new NormalDistribution(1.5 * point[0] * point[0], 1).logDensity(point[1]);
    }
}
