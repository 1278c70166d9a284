package manynuts.diagnostics;

import org.apache.commons.math3.special.Erf;

/** The standard normal quantile function, Phi^-1(p), used to map rank-based probabilities onto the normal scale. */
final class NormalQuantile {

    private static final double SQRT2 = Math.sqrt(2.0);

    private NormalQuantile() {
    }

    /** Phi^-1(p) for 0 < p < 1; +-infinity at 1 and 0, NaN outside [0, 1]. */
    static double of(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            return Double.NaN;
        }
        // Work in the lower half and reflect: erfInv(2p - 1) near p = 1 would lose the bits that 1 - p keeps.
        if (p > 0.5) {
            return -lowerHalf(1.0 - p);
        }
        return lowerHalf(p);
    }

    private static double lowerHalf(double p) {
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        return -SQRT2 * Erf.erfcInv(2.0 * p);
    }
}
