package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The counted lag sums of indicator series against centring the 0/1 doubles and multiplying them out. */
class IndicatorSeriesTest {

    /** The straightforward sum: centre the 0/1 series on its mean and add up the lagged products. */
    private static double directLagSum(double[] source, int offset, int length, double threshold, int lag) {
        double[] centred = new double[length];
        double mean = 0.0;
        for (int t = 0; t < length; t++) {
            centred[t] = source[offset + t] <= threshold ? 1.0 : 0.0;
            mean += centred[t];
        }
        mean /= length;
        for (int t = 0; t < length; t++) {
            centred[t] -= mean;
        }
        double sum = 0.0;
        for (int t = 0; t + lag < length; t++) {
            sum += centred[t] * centred[t + lag];
        }
        return sum / length;
    }

    @ParameterizedTest(name = "{0} draws, autocorrelation {1}, threshold {2}")
    @CsvSource({"1, 0.0, 0.0", "3, 0.0, 0.0", "63, 0.5, 0.0", "64, 0.9, -1.0", "65, -0.7, 0.5", "128, 0.99, 1.5",
            "500, 0.95, -1.6", "500, 0.0, 9.0", "777, 0.3, -9.0", "1000, 0.995, 0.0"})
    void countedSumsMatchTheProductsOfCentredIndicators(int length, double rho, double threshold) {
        SplittableRandom random = new SplittableRandom(length * 31L + (long) (rho * 1000));
        int chains = 5;
        int offset = 3;
        double[][] draws = new double[chains][offset + length];
        for (double[] chain : draws) {
            double state = random.nextGaussian();
            for (int t = 0; t < chain.length; t++) {
                state = rho * state + Math.sqrt(1.0 - rho * rho) * random.nextGaussian();
                chain[t] = state;
            }
        }
        // One chain all below, one all above: both constant indicators add nothing.
        java.util.Arrays.fill(draws[3], -100.0);
        java.util.Arrays.fill(draws[4], 100.0);
        IndicatorSeries indicator = new IndicatorSeries();
        indicator.reset(chains, length);
        for (int chain = 0; chain < chains; chain++) {
            indicator.fill(chain, draws[chain], offset, threshold);
        }
        double[] counted = new double[length];
        // Two calls over different lag ranges and chain ranges add up to one over all.
        int middle = length / 2;
        indicator.addLagSums(0, 2, 0, middle, counted);
        indicator.addLagSums(2, chains, 0, middle, counted);
        indicator.addLagSums(0, chains, middle, length, counted);
        for (int lag = 0; lag < length; lag++) {
            double direct = 0.0;
            for (int chain = 0; chain < chains; chain++) {
                direct += directLagSum(draws[chain], offset, length, threshold, lag);
            }
            assertEquals(direct, counted[lag], 1e-12 * (1.0 + Math.abs(direct)), "lag " + lag);
        }
        for (int chain = 0; chain < chains; chain++) {
            double[] values = new double[length];
            for (int t = 0; t < length; t++) {
                values[t] = draws[chain][offset + t] <= threshold ? 1.0 : 0.0;
            }
            assertEquals(Moments.mean(values, 0, length), indicator.chainMean(chain), 1e-14);
            if (length > 1) {
                assertEquals(Moments.variance(values, length), indicator.chainVariance(chain), 1e-13);
            }
        }
    }
}
