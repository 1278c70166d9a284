package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import manynuts.models.Model;
import org.junit.jupiter.api.Test;

/** Compiled programs' gradients against central finite differences of their own log densities. */
class StanGradientTest {

    /** Checks the gradient at {@code points} random points uniform in (-2, 2); returns the largest error seen. */
    static double checkGradient(Model model, long seed, int points) {
        Random random = new Random(seed);
        int n = model.dimension();
        double worst = 0.0;
        for (int p = 0; p < points; p++) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = 4.0 * random.nextDouble() - 2.0;
            }
            double[] g = new double[n];
            double lp = model.logDensityGradientAt(u, 0, g, new double[1]);
            assertTrue(Double.isFinite(lp), model.name() + ": log density " + lp + " at a random point");
            for (int i = 0; i < n; i++) {
                double h = 1e-5 * Math.max(1.0, Math.abs(u[i]));
                double[] a = u.clone();
                double[] b = u.clone();
                a[i] += h;
                b[i] -= h;
                double fd = (model.logDensityGradientAt(a, 0, new double[n], new double[1])
                        - model.logDensityGradientAt(b, 0, new double[n], new double[1])) / (2 * h);
                double error = Math.abs(fd - g[i]) / Math.max(1.0, Math.abs(fd));
                worst = Math.max(worst, error);
                assertEquals(fd, g[i], 1e-5 * Math.max(1.0, Math.abs(fd)),
                        model.name() + ": d/d " + model.parameterNames().get(i));
            }
        }
        return worst;
    }

    @Test
    void eightSchoolsNonCenteredFromPosteriorDb() {
        Path dir = PosteriorDbPrograms.root().resolve("reference/eight_schools-eight_schools_noncentered");
        StanModel model = StanModels.compile(dir.resolve("model.stan"), dir.resolve("data.json"));
        assertEquals(10, model.dimension());
        assertEquals("theta[8]", model.outputNames().get(model.outputNames().size() - 1));
        checkGradient(model, 1, 3);
    }
}
