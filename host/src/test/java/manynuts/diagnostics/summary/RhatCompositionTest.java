package manynuts.diagnostics.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import manynuts.diagnostics.draws.DrawsDataFrameReader;
import manynuts.diagnostics.draws.GoldenFiles;
import manynuts.diagnostics.stats.RankNormalisedRhat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R-hat written as posterior composes it ({@link RankNormalisedRhat}) agrees with posterior on the golden fixtures,
 * and with the summary's fused sweep on draws of several shapes.
 */
class RhatCompositionTest {

    static Stream<Arguments> rhatCases() throws java.io.IOException {
        return PosteriorGoldenTest.fixtureStatistics().filter(arguments -> arguments.get()[1].equals("rhat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rhatCases")
    void compositionAgreesWithPosterior(String fixture, String statistic, double expected) {
        double[][] draws = DrawsDataFrameReader.read(GoldenFiles.diagnosticsDirectory().resolve(fixture + ".csv"))
                .of("x");
        List<Double> candidates = new ArrayList<>(List.of(RankNormalisedRhat.of(draws)));
        // As in PosteriorGoldenTest: the file's rounding can untie the folded middle pair that tied for posterior.
        double[][] tied = MiddlePair.tiedAsWritten(draws, 15);
        if (tied != null) {
            candidates.add(RankNormalisedRhat.of(tied));
        }
        assertTrue(candidates.stream().anyMatch(actual -> PosteriorGoldenTest.agrees(actual, expected)),
                "expected " + expected + " (NA as NaN), computed " + candidates);
    }

    @Test
    void fusedSweepComputesTheComposition() {
        SplittableRandom random = new SplittableRandom(20261206L);
        int[][] shapes = {{4, 100}, {4, 101}, {2, 7}, {8, 1000}, {3, 250}};
        for (int[] shape : shapes) {
            for (boolean ties : new boolean[] {false, true}) {
                double[][] draws = autoregressive(random, shape[0], shape[1], ties);
                double composed = RankNormalisedRhat.of(draws);
                double fused = ConvergenceDiagnostics.rhat(draws);
                assertTrue(Double.isFinite(composed), "R-hat of ordinary draws is a number");
                assertEquals(composed, fused, 1e-12 * composed,
                        shape[0] + " x " + shape[1] + (ties ? " with ties" : ""));
            }
        }
    }

    @Test
    void constantOrNonFiniteDrawsHaveNoRhat() {
        assertTrue(Double.isNaN(RankNormalisedRhat.of(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})));
        assertTrue(Double.isNaN(RankNormalisedRhat.of(new double[][] {{1, 2, Double.NaN, 4}, {1, 2, 3, 4}})));
        assertTrue(Double.isNaN(ConvergenceDiagnostics.rhat(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})));
    }

    /** AR(1) chains with different centres, so R-hat is away from 1; with ties, rounded to one decimal. */
    private static double[][] autoregressive(SplittableRandom random, int chains, int length, boolean ties) {
        double[][] draws = new double[chains][length];
        for (int chain = 0; chain < chains; chain++) {
            double x = 0.3 * chain;
            for (int draw = 0; draw < length; draw++) {
                x = 0.3 * chain + 0.7 * (x - 0.3 * chain) + random.nextGaussian();
                draws[chain][draw] = ties ? Math.round(x * 10) / 10.0 : x;
            }
        }
        return draws;
    }
}
