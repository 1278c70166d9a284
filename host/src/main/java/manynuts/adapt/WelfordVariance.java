package manynuts.adapt;

/** Running mean and variance of draws, one coordinate at a time (Welford 1962), poolable across chains. */
public final class WelfordVariance {
    private final double[] mean;
    private final double[] sumSquares;
    private long count;

    public WelfordVariance(int dimension) {
        mean = new double[dimension];
        sumSquares = new double[dimension];
    }

    /** Adds one draw; {@code x} is read from {@code offset}. */
    public void add(double[] x, int offset) {
        count++;
        for (int d = 0; d < mean.length; d++) {
            double delta = x[offset + d] - mean[d];
            mean[d] += delta / count;
            sumSquares[d] += delta * (x[offset + d] - mean[d]);
        }
    }

    /** Folds another estimate into this one (Chan et al. 1979). */
    public void combine(WelfordVariance other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        for (int d = 0; d < mean.length; d++) {
            double delta = other.mean[d] - mean[d];
            sumSquares[d] += other.sumSquares[d] + delta * delta * count * other.count / total;
            mean[d] += delta * other.count / total;
        }
        count = total;
    }

    public long count() {
        return count;
    }

    /**
     * Stan's regularised inverse metric: the sample variance shrunk toward 1e-3 with weight 5 / (n + 5).
     *
     * @param out modified: one value per coordinate
     */
    public void regularizedVariance(double[] out, int offset) {
        double n = count;
        for (int d = 0; d < mean.length; d++) {
            double variance = sumSquares[d] / (n - 1.0);
            out[offset + d] = (n / (n + 5.0)) * variance + 1e-3 * (5.0 / (n + 5.0));
        }
    }

    public void reset() {
        count = 0;
        java.util.Arrays.fill(mean, 0.0);
        java.util.Arrays.fill(sumSquares, 0.0);
    }

    /** Writes the mean and the sums of squares to {@code mean} and {@code squares} from {@code offset}. */
    public void saveTo(double[] mean, double[] squares, int offset) {
        System.arraycopy(this.mean, 0, mean, offset, this.mean.length);
        System.arraycopy(sumSquares, 0, squares, offset, sumSquares.length);
    }

    /** Takes the state {@link #saveTo} wrote, with its count. */
    public void restoreFrom(long count, double[] mean, double[] squares, int offset) {
        this.count = count;
        System.arraycopy(mean, offset, this.mean, 0, this.mean.length);
        System.arraycopy(squares, offset, sumSquares, 0, sumSquares.length);
    }
}
