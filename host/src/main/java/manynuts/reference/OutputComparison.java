package manynuts.reference;

import java.util.Locale;

/**
 * One output's mean and sd against the reference's, by the posteriordb rule: the mean passes when
 * {@code |m - m_r| <= 5 sqrt(mcse_mean^2 + mcse_mean_r^2)}, the sd when
 * {@code |s - s_r| <= 5 sqrt(mcse_sd^2 + mcse_sd_r^2) + 0.02 s_r}. Both scores are in units of the combined MCSE, so
 * that each passes at {@value #MCSE_LIMIT} or below.
 *
 * @param meanScore {@code (m - m_r) / sqrt(mcse_mean^2 + mcse_mean_r^2)}, signed: positive where ours is above
 * @param sdScore   {@code (|s - s_r| - 0.02 s_r) / sqrt(mcse_sd^2 + mcse_sd_r^2)}: the sd's difference beyond the
 *     relative tolerance; 0 or below when inside it
 */
public record OutputComparison(String name, double mean, double refMean, double meanScore, double sd, double refSd,
        double sdScore, boolean passed) {

    /** How many combined MCSEs a difference may reach. */
    public static final double MCSE_LIMIT = 5.0;

    /** The share of the reference sd that an sd may differ by beyond its MCSEs. */
    public static final double SD_RELATIVE_TOLERANCE = 0.02;

    /** Applies the rule to our estimate and the reference's. */
    public static OutputComparison of(String name, MomentEstimate ours, MomentEstimate reference) {
        double meanError = Math.hypot(ours.mcseMean(), reference.mcseMean());
        double meanScore = meanScore(ours.mean() - reference.mean(), meanError);
        double sdError = Math.hypot(ours.mcseSd(), reference.mcseSd());
        double sdExcess = Math.abs(ours.sd() - reference.sd()) - SD_RELATIVE_TOLERANCE * reference.sd();
        double sdScore = sdScore(sdExcess, sdError);
        // NaN fails both comparisons: a NaN draw or an undefined MCSE never passes.
        boolean passed = Math.abs(meanScore) <= MCSE_LIMIT && sdScore <= MCSE_LIMIT;
        return new OutputComparison(name, ours.mean(), reference.mean(), meanScore, ours.sd(), reference.sd(),
                sdScore, passed);
    }

    /** The larger of the two scores, in combined MCSE units; NaN counts as infinitely bad. */
    public double worstScore() {
        double worst = Math.max(Math.abs(meanScore), sdScore);
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
    }

    /** One line: the worse of the two comparisons, e.g. {@code mu: mean 5.41 vs 4.39, 12.3 MCSE}. */
    public String describe() {
        if (Math.abs(meanScore) >= sdScore || Double.isNaN(meanScore)) {
            return String.format(Locale.ROOT, "%s: mean %.6g vs reference %.6g, %s MCSE", name, mean,
                    refMean, units(meanScore));
        }
        return String.format(Locale.ROOT, "%s: sd %.6g vs reference %.6g, %s MCSE beyond the %.0f %% "
                + "tolerance", name, sd, refSd, units(sdScore), 100 * SD_RELATIVE_TOLERANCE);
    }

    /** A difference in units of its standard error; with no error (constants on both sides), infinite unless 0. */
    private static double meanScore(double difference, double error) {
        if (error == 0.0 && !Double.isNaN(difference)) {
            return difference == 0.0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        }
        return difference / error;
    }

    /** An excess over the tolerance in units of its standard error; with no error, 0 inside it, infinite beyond. */
    private static double sdScore(double excess, double error) {
        if (error == 0.0 && !Double.isNaN(excess)) {
            return excess <= 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return excess / error;
    }

    private static String units(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }
}
