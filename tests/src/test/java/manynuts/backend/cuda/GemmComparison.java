package manynuts.backend.cuda;

import java.util.Random;
import manynuts.backend.Precision;

/**
 * One random product C = A op(B) + beta C run through a backend's matrix products, with the rounding-error bound
 * within which any two summation orders must agree: A is {@code m x k}, op(B) {@code k x n}, all column-major; with B
 * transposed, beta = 1 and C starts random, else beta = 0.
 */
final class GemmComparison {
    private final Precision precision;
    private final int m;
    private final int n;
    private final int k;
    private final double[] a;
    private final double[] b;
    private final double[] c;

    /** Entries uniform in (-1, 1), rounded to {@code precision}, so cancellation makes the summation order show. */
    GemmComparison(Precision precision, int m, int n, int k, Random random) {
        this.precision = precision;
        this.m = m;
        this.n = n;
        this.k = k;
        a = values(m * k, random);
        b = values(k * n, random);
        c = values(m * n, random);
    }

    private double[] values(int count, Random random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = round(2.0 * random.nextDouble() - 1.0);
        }
        return values;
    }

    private double round(double value) {
        return precision == Precision.FLOAT32 ? (float) value : value;
    }

    /** B as stored: {@code k x n} (ldb = k), or transposed {@code n x k} (ldb = n), holding the same op(B). */
    private double[] storedB(boolean transposeB) {
        if (!transposeB) {
            return b;
        }
        double[] stored = new double[k * n];
        for (int l = 0; l < k; l++) {
            for (int column = 0; column < n; column++) {
                stored[column + l * n] = b[l + column * k];
            }
        }
        return stored;
    }

    /** C after the product on {@code backend}'s matrix products, column-major. */
    double[] run(CudaBackend backend, boolean transposeB) {
        backend.makeCurrent();
        long largest = Math.max(Math.max(a.length, b.length), c.length);
        try (CudaStream stream = new CudaStream();
             PinnedBuffer host = new PinnedBuffer(largest * Double.BYTES);
             DeviceBuffer deviceA = DeviceBuffer.ofReals(a.length, precision);
             DeviceBuffer deviceB = DeviceBuffer.ofReals(b.length, precision);
             DeviceBuffer deviceC = DeviceBuffer.ofReals(c.length, precision)) {
            upload(a, deviceA, host, stream);
            upload(storedB(transposeB), deviceB, host, stream);
            upload(c, deviceC, host, stream);
            double beta = transposeB ? 1.0 : 0.0;
            backend.matrixProducts().bind(transposeB, m, n, k, deviceA, m, deviceB, transposeB ? n : k, beta,
                    deviceC, m).launch(stream);
            deviceC.download(host, (long) c.length * precision.bytes(), stream);
            stream.synchronize();
            double[] result = new double[c.length];
            host.getReals(precision, result, result.length);
            return result;
        }
    }

    private void upload(double[] values, DeviceBuffer device, PinnedBuffer host, CudaStream stream) {
        host.putReals(precision, values, values.length);
        device.upload(host, (long) values.length * precision.bytes(), stream);
        stream.synchronize();
    }

    /**
     * Twice gamma_(k+2) (|A| |op(B)| + |beta C|) at element {@code index}: each order is within gamma of the exact
     * value, counting the beta term and the final combination as two more terms (Higham, Accuracy and Stability of
     * Numerical Algorithms, 3.1), with or without fused multiply-adds.
     */
    double bound(boolean transposeB, int index) {
        int row = index % m;
        int column = index / m;
        double magnitude = transposeB ? Math.abs(c[index]) : 0.0;
        for (int l = 0; l < k; l++) {
            magnitude += Math.abs(a[row + l * m] * b[l + column * k]);
        }
        double unitRoundoff = precision == Precision.FLOAT32 ? 0x1p-24 : 0x1p-53;
        double gamma = (k + 2) * unitRoundoff / (1 - (k + 2) * unitRoundoff);
        return 2 * gamma * magnitude;
    }
}
