package manynuts.diagnostics.stats;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Autocovariances of two real series of equal length at once, by FFT: the series travel as the real and imaginary
 * parts of one complex signal, so each pair costs one forward and one inverse transform. Results follow posterior's
 * {@code autocovariance}: the biased estimate (divide by n, Geyer 1992) and all zeros for a constant series.
 * Holds its own buffers; not thread-safe.
 */
public final class Autocovariance {

    private final double[][] signal;
    private final double[] spectrumSum;
    private final int capacity;

    /** Buffers for series of up to {@code maxLength} values, zero-padded to a power of two of at least twice that. */
    public Autocovariance(int maxLength) {
        int size = 1;
        while (size < 2 * Math.max(maxLength, 1)) {
            size <<= 1;
        }
        this.signal = new double[2][size];
        this.spectrumSum = new double[size];
        this.capacity = maxLength;
    }

    /** Where the caller writes the first series (already centred), positions [0, length). Modified by compute. */
    public double[] first() {
        return signal[0];
    }

    /** Where the caller writes the second series (already centred), positions [0, length). Modified by compute. */
    public double[] second() {
        return signal[1];
    }

    /**
     * Replaces the two centred series in {@link #first()} and {@link #second()} by their autocovariances at lags
     * [0, length). {@code sumOfSquaresFirst} and {@code sumOfSquaresSecond} are the sums of squared centred values;
     * they fix the scale exactly as posterior does (lag 0 equals the biased variance).
     */
    void compute(int length, double sumOfSquaresFirst, double sumOfSquaresSecond) {
        transformForward(length);
        double[] re = signal[0];
        double[] im = signal[1];
        int size = re.length;
        // With c = a + ib, A_k = (C_k + conj C_{-k}) / 2 and B_k = (C_k - conj C_{-k}) / 2i; keep |A_k|^2, |B_k|^2.
        for (int k = 0; k <= size / 2; k++) {
            int mirror = (size - k) & (size - 1);
            double realSum = re[k] + re[mirror];
            double realDifference = re[k] - re[mirror];
            double imaginarySum = im[k] + im[mirror];
            double imaginaryDifference = im[k] - im[mirror];
            double powerFirst = 0.25 * (realSum * realSum + imaginaryDifference * imaginaryDifference);
            double powerSecond = 0.25 * (imaginarySum * imaginarySum + realDifference * realDifference);
            re[k] = powerFirst;
            re[mirror] = powerFirst;
            im[k] = powerSecond;
            im[mirror] = powerSecond;
        }
        // Both power spectra are real and even, so the inverse of P_a + i P_b is acov_a + i acov_b.
        FastFourierTransformer.transformInPlace(signal, DftNormalization.STANDARD, TransformType.INVERSE);
        rescale(re, length, sumOfSquaresFirst);
        rescale(im, length, sumOfSquaresSecond);
    }

    /**
     * The forward transform of first() + i second(), zero-padded from {@code length}: the padding to at least 2n
     * turns the circular correlation into the linear one for lags below n.
     */
    private void transformForward(int length) {
        if (length > capacity) {
            throw new IllegalArgumentException("series of " + length + " exceeds buffer for " + capacity);
        }
        java.util.Arrays.fill(signal[0], length, signal[0].length, 0.0);
        java.util.Arrays.fill(signal[1], length, signal[1].length, 0.0);
        FastFourierTransformer.transformInPlace(signal, DftNormalization.STANDARD, TransformType.FORWARD);
    }

    /** Starts a sum of power spectra for {@link #addPowerSpectra}. */
    public void clearSpectrum() {
        java.util.Arrays.fill(spectrumSum, 0.0);
    }

    /**
     * Adds the power spectra of the two centred series in {@link #first()} and {@link #second()} (modified) to the
     * running sum; a constant series, centred to zeros, adds nothing.
     */
    public void addPowerSpectra(int length) {
        transformForward(length);
        double[] re = signal[0];
        double[] im = signal[1];
        int size = re.length;
        for (int k = 0; k <= size / 2; k++) {
            int mirror = (size - k) & (size - 1);
            double realSum = re[k] + re[mirror];
            double realDifference = re[k] - re[mirror];
            double imaginarySum = im[k] + im[mirror];
            double imaginaryDifference = im[k] - im[mirror];
            double power = 0.25 * (realSum * realSum + imaginaryDifference * imaginaryDifference
                    + imaginarySum * imaginarySum + realDifference * realDifference);
            spectrumSum[k] += power;
            if (mirror != k) {
                spectrumSum[mirror] += power;
            }
        }
    }

    /** A copy of the sum of power spectra added since {@link #clearSpectrum}, to add to another's. */
    public double[] spectrum() {
        return spectrumSum.clone();
    }

    /** Adds a sum of power spectra that {@link #spectrum} gave, from series of the same length. */
    public void addSpectrum(double[] spectrum) {
        addSpectra(spectrumSum, spectrum);
    }

    /**
     * Adds {@code other} to {@code sum} element by element: two sums of power spectra that {@link #spectrum} gave,
     * from series of the same length, merged into one.
     *
     * @param sum modified
     * @param other not modified
     * @return {@code sum}
     */
    public static double[] addSpectra(double[] sum, double[] other) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += other[k];
        }
        return sum;
    }

    /**
     * Writes to {@code sums[0, length)} the biased autocovariances summed over every series whose spectrum was
     * added: one inverse transform for all of them. Overwrites {@link #first()} and {@link #second()}.
     */
    public void summedAutocovariance(int length, double[] sums) {
        double[] re = signal[0];
        double[] im = signal[1];
        System.arraycopy(spectrumSum, 0, re, 0, re.length);
        java.util.Arrays.fill(im, 0.0);
        FastFourierTransformer.transformInPlace(signal, DftNormalization.STANDARD, TransformType.INVERSE);
        for (int lag = 0; lag < length; lag++) {
            sums[lag] = re[lag] / length;
        }
    }

    private static void rescale(double[] autocovariance, int length, double sumOfSquares) {
        if (sumOfSquares == 0.0 || autocovariance[0] == 0.0) {
            java.util.Arrays.fill(autocovariance, 0, length, 0.0);
            return;
        }
        // Scale so lag 0 is the biased variance, which removes the FFT's round-off in the overall scale.
        double scale = (sumOfSquares / length) / autocovariance[0];
        for (int lag = 0; lag < length; lag++) {
            autocovariance[lag] *= scale;
        }
    }
}
