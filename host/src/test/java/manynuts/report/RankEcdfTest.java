package manynuts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rank ECDF band holds whole lines of chains that sample one distribution about 95 % of the time, and a chain
 * that samples another leaves it.
 */
class RankEcdfTest {

    @Test
    void chainsOfOneDistributionLeaveTheBandAboutFivePercentOfTheTime() {
        int outside = 0;
        int chains = 0;
        for (long seed = 1; seed <= 20; seed++) {
            RankEcdf test = RankEcdf.of(independent(64, 100, seed, 0.0));
            outside += test.outside();
            chains += test.chains();
        }
        double rate = (double) outside / chains;
        // 1280 chains: a binomial sd of 0.6 % around 5 %; the discreteness of the counts makes the band a little wide.
        assertTrue(rate > 0.02 && rate < 0.08, "rate " + rate + " (" + outside + " of " + chains + ")");
    }

    @Test
    void aShiftedChainLeavesTheBandBelowTheDiagonal() {
        double[][] draws = independent(8, 200, 5, 0.0);
        for (int draw = 0; draw < draws[3].length; draw++) {
            draws[3][draw] += 1.0;
        }
        RankEcdf test = RankEcdf.of(draws);
        // The other chains rank higher among all draws for it, so some of them may leave the band too.
        assertTrue(test.outside() >= 1, "outside: " + test.outside());
        int middle = test.z().length / 2;
        assertTrue(test.difference()[3][middle] < test.lower()[middle], "chain 4 at z = 0.5: "
                + test.difference()[3][middle] + " below " + test.lower()[middle]);
    }

    @Test
    void theBandIsWiderThanThePointwiseOneAndClosesAtTheEnds() {
        RankEcdf test = RankEcdf.of(independent(4, 100, 9, 0.0));
        assertEquals(99, test.z().length);
        int middle = 49;
        // Pointwise 95 % for a hypergeometric count of 100 of 400 at z = 0.5: about +-0.085 around 0.
        assertTrue(test.upper()[middle] > 0.09 && test.lower()[middle] < -0.09,
                test.lower()[middle] + " .. " + test.upper()[middle]);
        assertTrue(test.upper()[0] - test.lower()[0] < test.upper()[middle] - test.lower()[middle]);
        for (int i = 0; i < test.z().length; i++) {
            assertTrue(test.lower()[i] <= 0 && test.upper()[i] >= 0, "band excludes 0 at " + test.z()[i]);
        }
    }

    @Test
    void theSameDrawsGiveTheSameBand() {
        double[][] draws = independent(16, 50, 3, 0.0);
        RankEcdf first = RankEcdf.of(draws);
        RankEcdf second = RankEcdf.of(draws);
        assertEquals(java.util.Arrays.toString(first.lower()), java.util.Arrays.toString(second.lower()));
        assertEquals(first.outside(), second.outside());
    }

    private static double[][] independent(int chains, int draws, long seed, double shift) {
        Random random = new Random(seed);
        double[][] values = new double[chains][draws];
        for (int chain = 0; chain < chains; chain++) {
            for (int draw = 0; draw < draws; draw++) {
                values[chain][draw] = shift + random.nextGaussian();
            }
        }
        return values;
    }
}
