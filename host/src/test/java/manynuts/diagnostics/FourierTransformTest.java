package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The FFT against the discrete Fourier transform summed term by term, forward and back. */
class FourierTransformTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 64, 256})
    void matchesTheDefiningSum(int size) {
        SplittableRandom random = new SplittableRandom(size);
        double[] re = new double[size];
        double[] im = new double[size];
        for (int k = 0; k < size; k++) {
            re[k] = random.nextGaussian();
            im[k] = random.nextGaussian();
        }
        double[] expectedRe = new double[size];
        double[] expectedIm = new double[size];
        for (int k = 0; k < size; k++) {
            for (int n = 0; n < size; n++) {
                double angle = -2.0 * Math.PI * ((long) k * n % size) / size;
                expectedRe[k] += re[n] * Math.cos(angle) - im[n] * Math.sin(angle);
                expectedIm[k] += re[n] * Math.sin(angle) + im[n] * Math.cos(angle);
            }
        }
        double[] originalRe = re.clone();
        double[] originalIm = im.clone();
        FourierTransform transform = new FourierTransform(size);
        transform.forward(re, im);
        for (int k = 0; k < size; k++) {
            assertEquals(expectedRe[k], re[k], 1e-10 * size, "real part " + k);
            assertEquals(expectedIm[k], im[k], 1e-10 * size, "imaginary part " + k);
        }
        transform.inverse(re, im);
        for (int k = 0; k < size; k++) {
            assertEquals(originalRe[k], re[k], 1e-12, "round trip real " + k);
            assertEquals(originalIm[k], im[k], 1e-12, "round trip imaginary " + k);
        }
    }
}
