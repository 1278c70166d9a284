package manynuts.examples;

import java.util.Random;
import manynuts.models.Model;
import manynuts.models.ModelContractTests;

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
}
