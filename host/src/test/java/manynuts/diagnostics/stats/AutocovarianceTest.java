package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FFT autocovariance agrees with the textbook O(n^2) sum, for both series packed into one transform. */
class AutocovarianceTest {

    private static double[] centred(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        double state = 0;
        for (int t = 0; t < length; t++) {
            state = 0.7 * state + random.nextDouble() - 0.5;
            values[t] = state;
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        for (int t = 0; t < length; t++) {
            values[t] -= mean;
        }
        return values;
    }

    private static double direct(double[] centred, int lag) {
        double sum = 0;
        for (int t = 0; t + lag < centred.length; t++) {
            sum += centred[t] * centred[t + lag];
        }
        return sum / centred.length;
    }

    @Test
    void packedPairMatchesDirectSums() {
        int length = 137;
        double[] a = centred(length, 1);
        double[] b = centred(length, 2);
        Autocovariance fft = new Autocovariance(length);
        System.arraycopy(a, 0, fft.first(), 0, length);
        System.arraycopy(b, 0, fft.second(), 0, length);
        fft.compute(length, direct(a, 0) * length, direct(b, 0) * length);
        for (int lag = 0; lag < length; lag++) {
            assertEquals(direct(a, lag), fft.first()[lag], 1e-12);
            assertEquals(direct(b, lag), fft.second()[lag], 1e-12);
        }
    }
}
