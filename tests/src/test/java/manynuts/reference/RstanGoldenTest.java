package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compiled posteriordb programs against rstan: at the unconstrained points of each golden file in {@code rstan/}
 * (made by its generate.R with rstan 2.21, to 17 digits), our gradient and our log density differences between
 * points equal rstan's {@code grad_log_prob} and {@code log_prob} (Jacobian included) to 1e-8, relative to
 * {@code max(1, |rstan's value|)}. The programs' parameters are scalars, vectors and one-dimensional arrays, whose
 * unconstrained order is the same in both; simplexes are Stan's stick-breaking coordinates.
 */
class RstanGoldenTest {

    private static final double RELATIVE_TOLERANCE = 1e-8;
    private static final int MINIMUM_PROGRAMS = 10;

    /** The posteriors with a golden file. */
    static Stream<String> posteriors() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".csv"))
                    .map(name -> name.substring(0, name.length() - ".csv".length())).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        try {
            return Path.of(RstanGoldenTest.class.getResource("/rstan/generate.R").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StanModel compile(String posterior) {
        Path folder = PosteriorDb.referenceFolder(posterior);
        return StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json"));
    }

    private static RstanGolden.Evaluator evaluator(StanModel model) {
        double[] scratch = new double[1];
        return (u, gradient) -> model.logDensityGradientAt(u, 0, gradient, scratch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void logDensityAndGradientEqualRstans(String posterior) {
        RstanGolden golden = RstanGolden.read(folder().resolve(posterior + ".csv"));
        StanModel model = compile(golden.posterior());
        assertEquals(golden.dimension(), model.dimension(), golden.posterior() + ": unconstrained dimension");
        RstanGolden.Agreement agreement = golden.compare(evaluator(model));
        System.out.println(golden.posterior() + ": " + agreement.describe());
        assertTrue(agreement.within(RELATIVE_TOLERANCE), golden.posterior() + ": " + agreement.describe());
    }

    @Test
    void atLeastTenProgramsAreCovered() {
        List<String> posteriors = posteriors().toList();
        assertTrue(posteriors.size() >= MINIMUM_PROGRAMS, "golden files in " + folder() + ": " + posteriors);
    }

    /**
     * The check can tell a missing Jacobian: eight schools' last coordinate is log tau, whose Jacobian term is the
     * coordinate itself (gradient 1). With that term taken out of ours, both the gradient and the log density
     * differences leave the tolerance.
     */
    @Test
    void aMissingJacobianTermFails() {
        RstanGolden golden = RstanGolden.read(folder().resolve("eight_schools-eight_schools_noncentered.csv"));
        StanModel model = compile(golden.posterior());
        assertEquals("tau", model.program().parameters().get(2).name());
        RstanGolden.Evaluator ours = evaluator(model);
        int logTau = golden.dimension() - 1;
        RstanGolden.Agreement agreement = golden.compare((u, gradient) -> {
            double lp = ours.logDensityGradient(u, gradient);
            gradient[logTau] -= 1.0;
            return lp - u[logTau];
        });
        System.out.println("without the Jacobian of tau: " + agreement.describe());
        assertFalse(agreement.within(RELATIVE_TOLERANCE), agreement.describe());
        assertTrue(agreement.gradient() > 1e-3, agreement.describe());
        assertTrue(agreement.logDensityDifference() > 1e-3, agreement.describe());
    }
}
