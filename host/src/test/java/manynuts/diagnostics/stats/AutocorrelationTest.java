package manynuts.diagnostics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Autocorrelation by FFT against the sums written out, and against an AR(1) chain's phi^k. */
class AutocorrelationTest {

    @Test
    void agreesWithTheDirectSumsOverChains() {
        double[][] draws = IndicatorEssTest.autoregressive(3, 257, 0.7, 21);
        double[] fast = Autocorrelation.ofChains(draws, 40);
        assertEquals(41, fast.length);
        double[] numerator = new double[41];
        double denominator = 0;
        for (double[] chain : draws) {
            double mean = java.util.Arrays.stream(chain).average().orElseThrow();
            for (int lag = 0; lag <= 40; lag++) {
                for (int t = 0; t + lag < chain.length; t++) {
                    numerator[lag] += (chain[t] - mean) * (chain[t + lag] - mean);
                }
            }
            for (double value : chain) {
                denominator += (value - mean) * (value - mean);
            }
        }
        for (int lag = 0; lag <= 40; lag++) {
            assertEquals(numerator[lag] / denominator, fast[lag], 1e-12, "lag " + lag);
        }
    }

    @Test
    void anAutoregressiveChainDecaysAsPhiToTheLag() {
        double[] correlation = Autocorrelation.ofChain(IndicatorEssTest.autoregressive(1, 200_000, 0.8, 4)[0], 10);
        for (int lag = 0; lag <= 10; lag++) {
            assertEquals(Math.pow(0.8, lag), correlation[lag], 0.02, "lag " + lag);
        }
    }

    @Test
    void lagsStopBeforeTheChainEndsAndAConstantChainIsUncorrelated() {
        double[] constant = Autocorrelation.ofChain(new double[] {2, 2, 2, 2, 2}, 100);
        assertEquals(5, constant.length);
        assertEquals(1.0, constant[0]);
        assertEquals(0.0, constant[3]);
    }
}
