package manynuts.api;

/**
 * The summary of one column of the draws, with posterior's definitions (rank-normalised split R-hat, bulk and tail
 * ESS, Monte Carlo standard errors); NaN where a statistic is not defined (draws that are constant or not finite).
 *
 * @param name       the column, e.g. {@code theta[1]}
 * @param q5         the 5 % quantile
 * @param q95        the 95 % quantile
 * @param hdiLower   lower end of the highest-density interval (95 % unless the summary was asked otherwise)
 * @param hdiUpper   upper end of that interval
 * @param mcseMean   Monte Carlo standard error of the mean
 * @param mcseSd     Monte Carlo standard error of the standard deviation
 * @param essBulk    bulk effective sample size
 * @param essTail    tail effective sample size: the smaller of those of the 5 % and 95 % quantiles
 * @param rhat       the larger of the bulk and folded rank-normalised split R-hat
 * @param nestedRhat nested R-hat over superchains, NaN unless superchains were asked for
 */
public record SummaryRow(String name, double mean, double sd, double median, double mad, double q5, double q95,
        double hdiLower, double hdiUpper, double mcseMean, double mcseSd, double essBulk, double essTail,
        double rhat, double nestedRhat) {
}
