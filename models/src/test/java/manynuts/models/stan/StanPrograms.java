package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small Stan programs written inline in tests: compiled with inline JSON data, and compared with each other. */
final class StanPrograms {
    private StanPrograms() {
    }

    /** The model of {@code text} with the data {@code json} (a JSON object; "{}" for none). */
    static StanModel compile(String text, String json) {
        try {
            Path data = Files.createTempFile("stan-test-data", ".json");
            try {
                Files.writeString(data, json);
                return StanModels.compile("test.stan", text, data);
            } finally {
                Files.deleteIfExists(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log density at {@code u}. */
    static double logDensity(StanModel model, double... u) {
        return model.logDensityGradientAt(u, 0, new double[u.length], new double[1]);
    }

    /** The gradient at {@code u}. */
    static double[] gradient(StanModel model, double... u) {
        double[] g = new double[u.length];
        model.logDensityGradientAt(u, 0, g, new double[1]);
        return g;
    }

    /**
     * Asserts that two programs with the same parameters have the same log density and gradient at random points,
     * and that the first one's gradient matches finite differences.
     */
    static void assertSameDensity(String expected, String actual, String json) {
        StanModel a = compile(expected, json);
        StanModel b = compile(actual, json);
        assertEquals(a.dimension(), b.dimension(), "dimensions");
        Random random = new Random(7);
        for (int p = 0; p < 3; p++) {
            double[] u = new double[a.dimension()];
            for (int i = 0; i < u.length; i++) {
                u[i] = 2.0 * random.nextDouble() - 1.0;
            }
            double lpA = logDensity(a, u);
            double lpB = logDensity(b, u);
            assertEquals(lpA, lpB, 1e-10 * Math.max(1.0, Math.abs(lpA)), "log density");
            double[] gA = gradient(a, u);
            double[] gB = gradient(b, u);
            for (int i = 0; i < u.length; i++) {
                assertEquals(gA[i], gB[i], 1e-9 * Math.max(1.0, Math.abs(gA[i])), "gradient " + i);
            }
        }
        GradientCheck.check(b, 11, 2);
    }
}
