package manynuts.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import manynuts.nuts.DrawSink;
import manynuts.nuts.SamplerStats;

/** Keeps every draw and its sampler statistics of a run, to compare two runs draw by draw. */
public final class DrawRecorder implements DrawSink {
    private final double[][][] positions;
    private final SamplerStats[][] stats;

    public DrawRecorder(int chains, int draws) {
        positions = new double[chains][draws][];
        stats = new SamplerStats[chains][draws];
    }

    @Override
    public void draw(int chain, int draw, double[] position, SamplerStats statistics) {
        // Chains write disjoint rows, so concurrent calls need no lock.
        positions[chain][draw] = position.clone();
        stats[chain][draw] = statistics;
    }

    /** The largest |value| coordinate {@code d} took over every draw of every chain. */
    public double largestMagnitude(int d) {
        double largest = 0;
        for (double[][] chain : positions) {
            for (double[] draw : chain) {
                largest = Math.max(largest, Math.abs(draw[d]));
            }
        }
        return largest;
    }

    /** Asserts that {@code other} made the same draws up to {@link Tolerance#RELATIVE}, with identical tree shapes. */
    public void assertMatches(DrawRecorder other) {
        assertMatches(other, Tolerance.RELATIVE);
    }

    /** As {@link #assertMatches(DrawRecorder)}, up to {@code relative}. */
    public void assertMatches(DrawRecorder other, double relative) {
        for (int c = 0; c < positions.length; c++) {
            for (int n = 0; n < positions[c].length; n++) {
                String where = "chain " + c + " draw " + n;
                SamplerStats expected = stats[c][n];
                SamplerStats actual = other.stats[c][n];
                assertEquals(expected.treeDepth(), actual.treeDepth(), where + " tree depth");
                assertEquals(expected.leapfrogSteps(), actual.leapfrogSteps(), where + " leapfrog steps");
                assertEquals(expected.divergent(), actual.divergent(), where + " divergent");
                Tolerance.assertClose(expected.logDensity(), actual.logDensity(), relative, where + " lp__");
                // The acceptance statistic is exp of energy differences: its rounding scales with the energies.
                Tolerance.assertClose(expected.acceptStat(), actual.acceptStat(),
                        relative * Math.max(1.0, Math.abs(expected.energy())), where + " accept_stat__");
                Tolerance.assertClose(expected.stepSize(), actual.stepSize(), relative, where + " stepsize__");
                // energy__ = -lp__ + kinetic energy: its rounding scales with its terms, which may nearly cancel.
                double terms = Math.abs(expected.energy()) + Math.abs(expected.logDensity());
                Tolerance.assertClose(expected.energy(), actual.energy(),
                        relative * Math.max(1.0, terms / Math.max(1.0, Math.abs(expected.energy()))),
                        where + " energy__");
                for (int d = 0; d < positions[c][n].length; d++) {
                    Tolerance.assertClose(positions[c][n][d], other.positions[c][n][d], relative,
                            where + " coordinate " + d);
                }
            }
        }
    }
}
