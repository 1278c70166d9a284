package manynuts.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import org.junit.jupiter.api.Test;

/**
 * The posteriordb comparison rule on synthetic draws: independent draws of one distribution pass; a shifted mean or a
 * scaled sd fails and names the output; the sd's 2 % tolerance; constants, missing outputs and NaN.
 */
class ReferenceRuleTest {
    private static final SummaryOptions OPTIONS = SummaryOptions.defaults().withThreads(2);

    /** {@code chains x draws} independent normal draws. */
    private static double[][] normal(long seed, int chains, int draws, double mean, double sd) {
        Random random = new Random(seed);
        double[][] values = new double[chains][draws];
        for (double[] chain : values) {
            for (int d = 0; d < draws; d++) {
                chain[d] = mean + sd * random.nextGaussian();
            }
        }
        return values;
    }

    /** A stationary AR(1) series per chain with unit marginal variance. */
    private static double[][] autoregressive(long seed, int chains, int draws, double rho) {
        Random random = new Random(seed);
        double innovation = Math.sqrt(1 - rho * rho);
        double[][] values = new double[chains][draws];
        for (double[] chain : values) {
            double x = random.nextGaussian();
            for (int d = 0; d < draws; d++) {
                x = rho * x + innovation * random.nextGaussian();
                chain[d] = x;
            }
        }
        return values;
    }

    private static double[][] constant(int chains, int draws, double value) {
        double[][] values = new double[chains][draws];
        for (double[] chain : values) {
            java.util.Arrays.fill(chain, value);
        }
        return values;
    }

    private static MomentEstimate estimate(double[][] draws) {
        return MomentEstimate.of(Summaries.summarise("x", draws, OPTIONS), draws);
    }

    private static ReferencePosterior reference(Map<String, double[][]> draws) {
        return new ReferencePosterior("synthetic", draws);
    }

    private static Map<String, double[][]> draws(Object... nameThenDraws) {
        Map<String, double[][]> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenDraws.length; i += 2) {
            map.put((String) nameThenDraws[i], (double[][]) nameThenDraws[i + 1]);
        }
        return map;
    }

    @Test
    void theRuleIsFiveCombinedMcsePlusTwoPercentOfTheReferenceSd() {
        // Combined MCSEs hypot(3, 4) = 5 for the mean and hypot(0.75, 1) = 1.25 for the sd; reference sd 50.
        MomentEstimate reference = new MomentEstimate(100, 50, 4, 1);
        assertTrue(OutputComparison.of("x", new MomentEstimate(124.99, 50, 3, 0.75), reference).passed());
        assertTrue(OutputComparison.of("x", new MomentEstimate(75.01, 50, 3, 0.75), reference).passed());
        assertFalse(OutputComparison.of("x", new MomentEstimate(125.01, 50, 3, 0.75), reference).passed());
        assertFalse(OutputComparison.of("x", new MomentEstimate(74.99, 50, 3, 0.75), reference).passed());
        // sd: 5 * 1.25 + 0.02 * 50 = 7.25 either way.
        assertTrue(OutputComparison.of("x", new MomentEstimate(100, 57.24, 3, 0.75), reference).passed());
        assertTrue(OutputComparison.of("x", new MomentEstimate(100, 42.76, 3, 0.75), reference).passed());
        assertFalse(OutputComparison.of("x", new MomentEstimate(100, 57.26, 3, 0.75), reference).passed());
        assertFalse(OutputComparison.of("x", new MomentEstimate(100, 42.74, 3, 0.75), reference).passed());

        OutputComparison shifted = OutputComparison.of("x", new MomentEstimate(90, 57.25, 3, 0.75), reference);
        assertEquals(-2.0, shifted.meanScore(), 1e-12, "(90 - 100) / 5");
        assertEquals(5.0, shifted.sdScore(), 1e-9, "(7.25 - 1) / 1.25");
        assertEquals(5.0, shifted.worstScore(), 1e-9);
    }

    @Test
    void mcsesComeFromTheBulkEssAndGrowWithAutocorrelation() {
        int chains = 10;
        int length = 2000;
        double[][] independent = normal(11, chains, length, 0, 2);
        MomentEstimate iid = estimate(independent);
        double total = chains * length;
        // For independent normal draws, MCSE(mean) = sd / sqrt(N) and MCSE(sd) = sd / sqrt(2 N).
        assertEquals(iid.sd() / Math.sqrt(total), iid.mcseMean(), 0.1 * iid.mcseMean());
        assertEquals(iid.sd() / Math.sqrt(2 * total), iid.mcseSd(), 0.1 * iid.mcseSd());
        double essBulk = Summaries.summarise("x", independent, OPTIONS).essBulk();
        assertEquals(iid.sd() / Math.sqrt(essBulk), iid.mcseMean(), 1e-15);

        // AR(1) with rho 0.8: the mean's ESS falls by (1 - rho) / (1 + rho) = 1/9, its MCSE triples.
        MomentEstimate correlated = estimate(autoregressive(12, chains, length, 0.8));
        double ratio = correlated.mcseMean() / (correlated.sd() / Math.sqrt(total));
        assertTrue(ratio > 2.5 && ratio < 3.5, "MCSE over the independent one: " + ratio);
    }

    @Test
    void independentDrawsOfOneDistributionPass() {
        ReferencePosterior reference = reference(draws("a", normal(1, 10, 1000, 3, 2), "b",
                normal(2, 10, 1000, -1, 0.5)));
        ReferenceComparison comparison = ReferenceComparison.compare(draws("a", normal(3, 64, 1000, 3, 2), "b",
                normal(4, 64, 1000, -1, 0.5), "unreferenced", normal(5, 64, 1000, 0, 1)), reference, OPTIONS);
        assertTrue(comparison.passed(), comparison.describe());
        assertEquals(List.of("a", "b"), comparison.outputs().stream().map(OutputComparison::name).toList(),
                "only the reference's names, in its order");
        assertTrue(comparison.worstScore() < OutputComparison.MCSE_LIMIT);
    }

    @Test
    void aShiftedMeanFailsAndIsNamed() {
        ReferencePosterior reference = reference(draws("a", normal(1, 10, 1000, 3, 2), "b",
                normal(2, 10, 1000, -1, 0.5)));
        // 0.3 is about 13 combined MCSEs of a (sd 2 over 10,000 and 64,000 draws).
        ReferenceComparison comparison = ReferenceComparison.compare(draws("a", normal(3, 64, 1000, 3.3, 2), "b",
                normal(4, 64, 1000, -1, 0.5)), reference, OPTIONS);
        assertFalse(comparison.passed());
        assertEquals("a", comparison.worstName());
        assertTrue(comparison.worstScore() > OutputComparison.MCSE_LIMIT);
        assertEquals(1, comparison.failures().size(), comparison.describe());
        assertTrue(comparison.failures().get(0).startsWith("a: mean "), comparison.failures().get(0));
        assertTrue(comparison.outputs().get(0).meanScore() > 0, "ours is above the reference");
    }

    @Test
    void theSdFailsBeyondItsTolerance() {
        double[][] referenceDraws = normal(1, 10, 10000, 0, 1);
        ReferencePosterior reference = reference(draws("s", referenceDraws));
        // With 100,000 draws on each side, 5 combined MCSEs of the sd are about 1.6 %: 2.5 % passes only by the 2 %
        // tolerance, 6 % fails.
        double[][] wider = normal(2, 10, 10000, 0, 1.025);
        ReferenceComparison within = ReferenceComparison.compare(draws("s", wider), reference, OPTIONS);
        assertTrue(within.passed(), within.describe());
        MomentEstimate ours = estimate(wider);
        MomentEstimate theirs = estimate(referenceDraws);
        assertTrue(Math.abs(ours.sd() - theirs.sd())
                > OutputComparison.MCSE_LIMIT * Math.hypot(ours.mcseSd(), theirs.mcseSd()),
                "without the tolerance the sd would fail");

        ReferenceComparison beyond = ReferenceComparison.compare(draws("s", normal(2, 10, 10000, 0, 1.06)),
                reference, OPTIONS);
        assertFalse(beyond.passed());
        assertTrue(beyond.failures().get(0).startsWith("s: sd "), beyond.describe());
    }

    @Test
    void constantsPassWhenEqualAndFailOtherwise() {
        ReferencePosterior reference = reference(draws("c", constant(10, 100, 2.5), "x", normal(1, 10, 100, 0, 1)));
        ReferenceComparison equal = ReferenceComparison.compare(draws("c", constant(4, 100, 2.5), "x",
                normal(2, 4, 100, 0, 1)), reference, OPTIONS);
        assertTrue(equal.passed(), equal.describe());
        assertEquals(0.0, equal.outputs().get(0).worstScore());

        ReferenceComparison different = ReferenceComparison.compare(draws("c", constant(4, 100, 2.5000001), "x",
                normal(2, 4, 100, 0, 1)), reference, OPTIONS);
        assertFalse(different.passed());
        assertEquals("c", different.worstName());
        assertEquals(Double.POSITIVE_INFINITY, different.worstScore());
    }

    @Test
    void aMissingOutputFailsAndIsNamed() {
        ReferencePosterior reference = reference(draws("a", normal(1, 10, 100, 0, 1), "theta[2]",
                normal(2, 10, 100, 0, 1)));
        ReferenceComparison comparison = ReferenceComparison.compare(draws("a", normal(3, 4, 100, 0, 1)), reference,
                OPTIONS);
        assertFalse(comparison.passed());
        assertEquals(List.of("theta[2]"), comparison.missing());
        assertEquals("theta[2]", comparison.worstName());
        assertEquals(Double.POSITIVE_INFINITY, comparison.worstScore());
        assertTrue(comparison.describe().contains("theta[2]: not among the run's outputs"), comparison.describe());
    }

    @Test
    void aNanDrawFails() {
        ReferencePosterior reference = reference(draws("a", normal(1, 10, 100, 0, 1)));
        double[][] ours = normal(2, 4, 100, 0, 1);
        ours[1][7] = Double.NaN;
        ReferenceComparison comparison = ReferenceComparison.compare(draws("a", ours), reference, OPTIONS);
        assertFalse(comparison.passed());
        assertEquals(Double.POSITIVE_INFINITY, comparison.worstScore());
    }
}
