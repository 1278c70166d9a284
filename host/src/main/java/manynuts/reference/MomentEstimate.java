package manynuts.reference;

import manynuts.diagnostics.summary.ParameterSummary;

/**
 * One output's posterior mean and sd estimated from draws, with the Monte Carlo standard errors of both from the bulk
 * ESS, as the posteriordb comparison rule asks: the mean's is {@code sd / sqrt(ess_bulk)}; the sd's is posterior's
 * (the variance of the variance estimate, Kenney and Keeping 1951, carried to the sd by a first-order Taylor
 * expansion) with the bulk ESS in place of the ESS of the squared deviations.
 *
 * <p>Draws that never vary have sd and both MCSEs exactly 0, whatever their (undefined) ESS.
 */
public record MomentEstimate(double mean, double sd, double mcseMean, double mcseSd) {

    /**
     * The estimate from a summary of the draws and the draws themselves (for their fourth central moment).
     *
     * @param draws {@code [chain][draw]}, the draws {@code summary} summarises; not modified
     */
    public static MomentEstimate of(ParameterSummary summary, double[][] draws) {
        double mean = summary.mean();
        double sd = summary.sd();
        if (sd == 0.0) {
            return new MomentEstimate(mean, 0.0, 0.0, 0.0);
        }
        long total = 0;
        double squares = 0.0;
        double fourthPowers = 0.0;
        for (double[] chain : draws) {
            for (double draw : chain) {
                double deviation = draw - mean;
                double square = deviation * deviation;
                squares += square;
                fourthPowers += square * square;
            }
            total += chain.length;
        }
        double meanSquare = squares / total;
        double meanFourthPower = fourthPowers / total;
        double ess = summary.essBulk();
        double mcseSd = Math.sqrt((meanFourthPower - meanSquare * meanSquare) / ess / meanSquare / 4.0);
        return new MomentEstimate(mean, sd, sd / Math.sqrt(ess), mcseSd);
    }
}
