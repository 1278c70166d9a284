package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Moments#pooled} against the way R computes the same numbers (the mean refined by its residual, then sums of
 * the second and fourth powers of x - mean, each in its own pass), against exact sums, and at the edges.
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

        double[] sorted = all.clone();
        Arrays.sort(sorted);
        Moments.PooledMoments moments = Moments.pooled(draws, sorted, sorted.length);

        assertEquals(mean, moments.mean(), 1e-15 * Math.abs(mean));
        assertEquals(squares, moments.squaresAboutMean(), 1e-12 * squares);
        assertEquals(fourthPowers, moments.fourthPowersAboutMean(), 1e-12 * fourthPowers);
        // About the unrounded mean the squares differ only by n (mean's rounding)^2, nothing here.
        assertEquals(squares, moments.squares(), 1e-12 * squares);
    }

    /**
     * A million draws a few hundred ulps apart around 1e15: a plain double sum of them is off by thousands of ulps, so
     * sums about a first mean from it would cancel away every digit of the fourth central sum. The references sum
     * exactly, in BigDecimal, about the exact mean and about the mean as a double (whose rounding, half an ulp, is not
     * small next to the spread here).
     */
    @Test
    void hugeMeanWithTinySpreadKeepsTheFourthCentralSum() {
        SplittableRandom random = new SplittableRandom(7);
        double base = 1e15;
        double ulp = Math.ulp(base);
        double[][] draws = new double[1000][1000];
        BigDecimal total = BigDecimal.ZERO;
        for (double[] chain : draws) {
            for (int t = 0; t < chain.length; t++) {
                chain[t] = base + ulp * random.nextInt(-256, 257);
                total = total.add(new BigDecimal(chain[t]));
            }
        }
        int count = 1_000_000;
        BigDecimal exactMean = total.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
        double[] sorted = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();

        Moments.PooledMoments moments = Moments.pooled(draws, sorted, count);

        assertEquals(exactMean.doubleValue(), moments.mean(), ulp);
        BigDecimal[] aboutExact = powerSums(draws, exactMean);
        BigDecimal[] aboutDouble = powerSums(draws, new BigDecimal(moments.mean()));
        assertEquals(aboutExact[0].doubleValue(), moments.squares(), 1e-9 * aboutExact[0].doubleValue());
        assertEquals(aboutDouble[0].doubleValue(), moments.squaresAboutMean(), 1e-9 * aboutDouble[0].doubleValue());
        assertEquals(aboutDouble[1].doubleValue(), moments.fourthPowersAboutMean(),
                1e-9 * aboutDouble[1].doubleValue());
    }

    /** Exact sums of the second and fourth powers of the deviations from {@code center}. */
    private static BigDecimal[] powerSums(double[][] draws, BigDecimal center) {
        BigDecimal squares = BigDecimal.ZERO;
        BigDecimal fourthPowers = BigDecimal.ZERO;
        for (double[] chain : draws) {
            for (double value : chain) {
                BigDecimal deviation = new BigDecimal(value).subtract(center);
                BigDecimal squared = deviation.multiply(deviation);
                squares = squares.add(squared);
                fourthPowers = fourthPowers.add(squared.multiply(squared));
            }
        }
        return new BigDecimal[] {squares, fourthPowers};
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, -3.7e5, 1e-300, -0.0})
    void constantDrawsGiveTheirValueAndExactZeros(double value) {
        double[][] draws = new double[3][5];
        for (double[] chain : draws) {
            Arrays.fill(chain, value);
        }
        double[] sorted = new double[15];
        Arrays.fill(sorted, value);
        Moments.PooledMoments moments = Moments.pooled(draws, sorted, 15);
        // R's mean of -0.0 draws is 0.0.
        assertEquals(Double.doubleToLongBits(value + 0.0), Double.doubleToLongBits(moments.mean()));
        assertEquals(0.0, moments.squares(), 0.0);
        assertEquals(0.0, moments.squaresAboutMean(), 0.0);
        assertEquals(0.0, moments.fourthPowersAboutMean(), 0.0);
    }

    /** As R: the mean is the infinity, or NaN when both occur, and the sd and its MCSE are NaN. */
    @ParameterizedTest
    @CsvSource({"Infinity, Infinity, Infinity", "1.0, -Infinity, -Infinity", "-Infinity, Infinity, NaN"})
    void infiniteDrawsGiveRsMeanAndNoCentralSums(double first, double second, double mean) {
        double[][] draws = {{first, 2.0}, {second, 3.0}};
        double[] sorted = Arrays.stream(draws).flatMapToDouble(Arrays::stream).sorted().toArray();
        Moments.PooledMoments moments = Moments.pooled(draws, sorted, 4);
        assertEquals(mean, moments.mean(), 0.0);
        assertTrue(Double.isNaN(moments.squares()));
        assertTrue(Double.isNaN(moments.squaresAboutMean()));
        assertTrue(Double.isNaN(moments.fourthPowersAboutMean()));
    }
}
