package manynuts.diagnostics.stats;

import manynuts.diagnostics.draws.DiagnosticsInputException;
import manynuts.diagnostics.draws.DrawsShape;

/**
 * Nested R-hat for many short chains grouped into superchains of equal size (Margossian et al. 2024):
 * sqrt(1 + B / W), where B is the variance between superchain means and W the mean over superchains of the
 * variance between their chain means plus the mean within-chain variance. Consecutive chains form a superchain.
 */
public final class NestedRhat {

    private NestedRhat() {
    }

    /**
     * @param draws [chain][draw]; not modified
     * @param superchainSize chains per superchain; must divide the number of chains
     * @return nested R-hat, NaN for fewer than two superchains or non-finite draws
     */
    public static double of(double[][] draws, int superchainSize) {
        DrawsShape shape = DrawsShape.of(draws);
        if (superchainSize < 1 || shape.chains() % Math.max(superchainSize, 1) != 0) {
            throw new DiagnosticsInputException("superchain size " + superchainSize + " does not divide "
                    + shape.chains() + " chains");
        }
        int superchains = shape.chains() / superchainSize;
        int length = shape.drawsPerChain();
        if (superchains < 2 || length == 0) {
            return Double.NaN;
        }
        double[] superchainMeans = new double[superchains];
        double[] chainMeans = new double[superchainSize];
        double withinSum = 0.0;
        for (int k = 0; k < superchains; k++) {
            double withinChains = 0.0;
            for (int m = 0; m < superchainSize; m++) {
                double[] chain = draws[k * superchainSize + m];
                chainMeans[m] = Moments.mean(chain, 0, length);
                // One draw per chain carries no within-chain variance; the paper sets that term to zero.
                withinChains += length > 1 ? Moments.variance(chain, length) : 0.0;
            }
            superchainMeans[k] = Moments.mean(chainMeans, 0, superchainSize);
            // A superchain of one chain has no between-chain term; the paper sets it to zero.
            double betweenChains = superchainSize > 1 ? Moments.variance(chainMeans, superchainSize) : 0.0;
            withinSum += betweenChains + withinChains / superchainSize;
        }
        double betweenSuperchains = Moments.variance(superchainMeans, superchains);
        double within = withinSum / superchains;
        double value = Math.sqrt(1.0 + betweenSuperchains / within);
        return Double.isFinite(betweenSuperchains) && Double.isFinite(within) ? value : Double.NaN;
    }
}
