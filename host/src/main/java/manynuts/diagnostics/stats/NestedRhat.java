package manynuts.diagnostics.stats;

import manynuts.diagnostics.draws.ChainParts;
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
        return of(ChainParts.inMemory(draws, 1), superchainSize);
    }

    /**
     * As {@link #of(double[][], int)}, in one pass over parts of the chains that each hold whole superchains.
     * {@link ChainParts#inMemory} with more than one part cuts the chains into parts of about equal size whatever
     * the superchains, and so usually cuts one: give draws in memory as one part ({@link #of(double[][], int)}), or
     * parts whose every first chain and size are multiples of {@code superchainSize} (a sharded run's shards, each
     * of whole superchains).
     *
     * @throws IllegalArgumentException if a part cuts a superchain
     */
    public static double of(ChainParts draws, int superchainSize) {
        DrawsShape shape = draws.shape();
        if (superchainSize < 1 || shape.chains() % Math.max(superchainSize, 1) != 0) {
            throw new DiagnosticsInputException("superchain size " + superchainSize + " does not divide "
                    + shape.chains() + " chains");
        }
        int superchains = shape.chains() / superchainSize;
        if (superchains < 2 || shape.drawsPerChain() == 0) {
            return Double.NaN;
        }
        double[] superchainMeans = new double[superchains];
        double withinSum = 0.0;
        int k = 0;
        for (double[] terms : draws.run(superchainTerms(superchainSize))) {
            for (int i = 0; i < terms.length; i += 2) {
                superchainMeans[k++] = terms[i];
                withinSum += terms[i + 1];
            }
        }
        double betweenSuperchains = Moments.variance(superchainMeans, superchains);
        double within = withinSum / superchains;
        double value = Math.sqrt(1.0 + betweenSuperchains / within);
        return Double.isFinite(betweenSuperchains) && Double.isFinite(within) ? value : Double.NaN;
    }

    /** Per superchain of a part, its mean and its between-chain variance plus mean within-chain variance. */
    private static ChainParts.Pass<double[]> superchainTerms(int superchainSize) {
        return (draws, firstChain) -> {
            if (firstChain % superchainSize != 0 || draws.length % superchainSize != 0) {
                throw new IllegalArgumentException("chains " + (firstChain + 1) + " to " + (firstChain + draws.length)
                        + " cut a superchain of " + superchainSize);
            }
            int length = draws.length == 0 ? 0 : draws[0].length;
            double[] terms = new double[2 * (draws.length / superchainSize)];
            double[] chainMeans = new double[superchainSize];
            for (int k = 0; k < draws.length / superchainSize; k++) {
                double withinChains = 0.0;
                for (int m = 0; m < superchainSize; m++) {
                    double[] chain = draws[k * superchainSize + m];
                    chainMeans[m] = Moments.mean(chain, 0, length);
                    // One draw per chain carries no within-chain variance; the paper sets that term to zero.
                    withinChains += length > 1 ? Moments.variance(chain, length) : 0.0;
                }
                terms[2 * k] = Moments.mean(chainMeans, 0, superchainSize);
                // A superchain of one chain has no between-chain term; the paper sets it to zero.
                double betweenChains = superchainSize > 1 ? Moments.variance(chainMeans, superchainSize) : 0.0;
                terms[2 * k + 1] = betweenChains + withinChains / superchainSize;
            }
            return terms;
        };
    }
}
