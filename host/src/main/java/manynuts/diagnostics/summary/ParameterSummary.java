package manynuts.diagnostics.summary;

/**
 * Everything reported for one parameter: location and spread, the highest-density interval, convergence
 * diagnostics and Monte Carlo standard errors, named after posterior's functions. NaN stands for NA.
 *
 * @param rhat rank-normalised split R-hat, the larger of the bulk and folded versions
 * @param rhatBasic classic split R-hat on the draws themselves
 * @param essTail the smaller of the ESS of the 5 % and 95 % quantiles
 * @param essBasic split ESS of the draws themselves (posterior's ess_basic; equals essMean)
 * @param nestedRhat nested R-hat over superchains, NaN when no superchain size was given
 */
public record ParameterSummary(
        String name,
        double mean,
        double median,
        double sd,
        double mad,
        double q5,
        double q95,
        double hdiLower,
        double hdiUpper,
        double rhat,
        double rhatBasic,
        double essBulk,
        double essTail,
        double essBasic,
        double essMean,
        double essSd,
        double essQ5,
        double essQ95,
        double mcseMean,
        double mcseSd,
        double mcseQ5,
        double mcseQ95,
        double nestedRhat) {

    /** A summary with every statistic NA, for draws that are empty or contain NaN. */
    public static ParameterSummary missing(String name) {
        double na = Double.NaN;
        return new ParameterSummary(name, na, na, na, na, na, na, na, na, na, na, na, na, na, na, na, na, na, na,
                na, na, na, na);
    }

    /** The same summary under another name. */
    public ParameterSummary withName(String newName) {
        return new ParameterSummary(newName, mean, median, sd, mad, q5, q95, hdiLower, hdiUpper, rhat, rhatBasic,
                essBulk, essTail, essBasic, essMean, essSd, essQ5, essQ95, mcseMean, mcseSd, mcseQ5, mcseQ95,
                nestedRhat);
    }

    /** The same summary with nested R-hat filled in. */
    public ParameterSummary withNestedRhat(double value) {
        return new ParameterSummary(name, mean, median, sd, mad, q5, q95, hdiLower, hdiUpper, rhat, rhatBasic,
                essBulk, essTail, essBasic, essMean, essSd, essQ5, essQ95, mcseMean, mcseSd, mcseQ5, mcseQ95,
                value);
    }
}
