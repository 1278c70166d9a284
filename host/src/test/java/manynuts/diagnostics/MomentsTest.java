package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Moments#pooled} against the way R computes the same numbers: the mean refined by its residual, then sums of
 * the second and fourth powers of x - mean, each in its own pass.
 */
class MomentsTest {

    private static double[][] draws(int kind, SplittableRandom random) {
        double[][] draws = new double[7][31];
        for (double[] chain : draws) {
            for (int t = 0; t < chain.length; t++) {
                double g = random.nextGaussian();
                chain[t] = switch (kind) {
                    case 0 -> g;
                    // A mean far above the spread, where the mean's rounding shows in every deviation.
                    case 1 -> 1e6 + 1e-3 * g;
                    case 2 -> random.nextInt(3);
                    case 3 -> Math.exp(3 * g);
                    default -> -5e8 + g;
                };
            }
        }
        return draws;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void matchesTwoPassesAboutTheRefinedMean(int kind) {
        double[][] draws = draws(kind, new SplittableRandom(40 + kind));
        double[] all = Arrays.stream(draws).flatMapToDouble(Arrays::stream).toArray();
        double sum = 0.0;
        for (double value : all) {
            sum += value;
        }
        double first = sum / all.length;
        double residual = 0.0;
        for (double value : all) {
            residual += value - first;
        }
        double mean = first + residual / all.length;
        double squares = 0.0;
        double fourthPowers = 0.0;
        for (double value : all) {
            double deviation = value - mean;
            squares += deviation * deviation;
            fourthPowers += deviation * deviation * deviation * deviation;
        }

        Moments.PooledMoments moments = Moments.pooled(draws, sum, all.length, false);

        assertEquals(mean, moments.mean(), 0.0);
        assertEquals(squares, moments.squares(), 1e-12 * squares);
        assertEquals(fourthPowers, moments.fourthPowers(), 1e-12 * fourthPowers);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, -3.7e5, 1e-300})
    void constantDrawsGiveTheirValueAndExactZeros(double value) {
        double[][] draws = new double[3][5];
        for (double[] chain : draws) {
            Arrays.fill(chain, value);
        }
        Moments.PooledMoments moments = Moments.pooled(draws, 15 * value, 15, true);
        assertEquals(value, moments.mean(), 0.0);
        assertEquals(0.0, moments.squares(), 0.0);
        assertEquals(0.0, moments.fourthPowers(), 0.0);
    }
}
