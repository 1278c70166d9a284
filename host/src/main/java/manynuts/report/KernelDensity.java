package manynuts.report;

/**
 * A Gaussian kernel density estimate on a grid, with Silverman's rule-of-thumb bandwidth
 * {@code 0.9 min(sd, IQR / 1.34) n^(-1/5)}; draws are first binned on a fine grid so the cost is linear in the
 * number of draws.
 *
 * @param x       grid points, increasing
 * @param density the estimate at each grid point (integrates to about 1)
 */
public record KernelDensity(double[] x, double[] density) {

    private static final int GRID = 256;
    private static final int BINS = 2048;

    /** The density of every finite value in {@code draws} (all chains pooled). */
    public static KernelDensity of(double[][] draws) {
        int n = 0;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (Double.isFinite(value)) {
                    n++;
                }
            }
        }
        double[] values = new double[n];
        int i = 0;
        for (double[] chain : draws) {
            for (double value : chain) {
                if (Double.isFinite(value)) {
                    values[i++] = value;
                }
            }
        }
        return of(values);
    }

    public static KernelDensity of(double[] values) {
        if (values.length == 0) {
            return new KernelDensity(new double[0], new double[0]);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= n;
        double variance = 0;
        for (double v : sorted) {
            variance += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(variance / Math.max(1, n - 1));
        double iqr = sorted[(int) (0.75 * (n - 1))] - sorted[(int) (0.25 * (n - 1))];
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        double bandwidth = 0.9 * spread * Math.pow(n, -0.2);
        if (!(bandwidth > 0)) {
            bandwidth = Math.max(1e-3, Math.abs(mean) * 1e-3);
        }
        double low = sorted[0] - 3 * bandwidth;
        double high = sorted[n - 1] + 3 * bandwidth;
        double binWidth = (high - low) / BINS;
        double[] counts = new double[BINS];
        for (double v : sorted) {
            counts[Math.min(BINS - 1, (int) ((v - low) / binWidth))]++;
        }
        double[] x = new double[GRID];
        double[] density = new double[GRID];
        double norm = 1.0 / (n * bandwidth * Math.sqrt(2 * Math.PI));
        int reach = (int) Math.ceil(4 * bandwidth / binWidth);
        for (int g = 0; g < GRID; g++) {
            x[g] = low + (high - low) * g / (GRID - 1);
            int centre = (int) ((x[g] - low) / binWidth);
            double sum = 0;
            for (int b = Math.max(0, centre - reach); b < Math.min(BINS, centre + reach + 1); b++) {
                if (counts[b] > 0) {
                    double z = (x[g] - (low + (b + 0.5) * binWidth)) / bandwidth;
                    sum += counts[b] * Math.exp(-0.5 * z * z);
                }
            }
            density[g] = sum * norm;
        }
        return new KernelDensity(x, density);
    }
}
