package manynuts.diagnostics;

/**
 * In-place radix-2 complex FFT of one power-of-two size, with its twiddle factors and bit-reversal order computed
 * once: {@code X_k = sum_n x_n exp(-2 pi i k n / N)} forward, and the inverse with the 1/N factor (the "standard"
 * normalisation). Immutable once built, so one instance may serve any number of threads.
 */
final class FourierTransform {

    private final int size;
    private final double[] cosines;
    private final double[] sines;
    private final int[] reversed;

    /** @param size a power of two, at least 1 */
    FourierTransform(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, got " + size);
        }
        this.size = size;
        int half = Math.max(1, size / 2);
        cosines = new double[half];
        sines = new double[half];
        for (int k = 0; k < half; k++) {
            double angle = 2.0 * Math.PI * k / size;
            cosines[k] = Math.cos(angle);
            sines[k] = Math.sin(angle);
        }
        reversed = new int[size];
        int bits = Integer.numberOfTrailingZeros(size);
        for (int k = 0; k < size; k++) {
            reversed[k] = bits == 0 ? 0 : Integer.reverse(k) >>> (32 - bits);
        }
    }

    int size() {
        return size;
    }

    /** Replaces (re, im)[0, size) by its discrete Fourier transform. Both arrays modified. */
    void forward(double[] re, double[] im) {
        transform(re, im, -1.0);
    }

    /** Replaces (re, im)[0, size) by its inverse transform, divided by size. Both arrays modified. */
    void inverse(double[] re, double[] im) {
        transform(re, im, 1.0);
        double scale = 1.0 / size;
        for (int k = 0; k < size; k++) {
            re[k] *= scale;
            im[k] *= scale;
        }
    }

    private void transform(double[] re, double[] im, double sign) {
        for (int k = 0; k < size; k++) {
            int j = reversed[k];
            if (j > k) {
                double swap = re[k];
                re[k] = re[j];
                re[j] = swap;
                swap = im[k];
                im[k] = im[j];
                im[j] = swap;
            }
        }
        for (int length = 2; length <= size; length <<= 1) {
            int half = length >>> 1;
            int stride = size / length;
            for (int start = 0; start < size; start += length) {
                for (int j = 0; j < half; j++) {
                    double cos = cosines[j * stride];
                    double sin = sign * sines[j * stride];
                    int top = start + j;
                    int bottom = top + half;
                    double bottomRe = re[bottom] * cos - im[bottom] * sin;
                    double bottomIm = re[bottom] * sin + im[bottom] * cos;
                    re[bottom] = re[top] - bottomRe;
                    im[bottom] = im[top] - bottomIm;
                    re[top] += bottomRe;
                    im[top] += bottomIm;
                }
            }
        }
    }
}
