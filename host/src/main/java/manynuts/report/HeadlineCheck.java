package manynuts.report;

import java.util.Locale;
import manynuts.diagnostics.summary.ParameterSummary;

/**
 * The seed notebook's test of a run, for the output a model's report follows (tau_log in eight schools, v in Neal's
 * funnel): is the MCMC estimate of its mean within its Monte Carlo standard error of the exact value? The centered
 * eight schools model's E[log tau] sits several MCSEs too high, because its chains cannot enter the funnel's neck.
 *
 * @param label    how the output is named in E[...], e.g. {@code log tau}
 * @param estimate the posterior mean from the draws
 * @param mcse     its Monte Carlo standard error
 * @param exact    the exact posterior mean
 */
public record HeadlineCheck(String label, double estimate, double mcse, double exact) {

    /** Differences beyond this many MCSEs are flagged: about 1 in 1,000 by chance if the chains are sound. */
    public static final double FLAG_AT = 3.3;

    public static HeadlineCheck of(String label, ParameterSummary summary, double exact) {
        return new HeadlineCheck(label, summary.mean(), summary.mcseMean(), exact);
    }

    /** The error in units of MCSE. */
    public double standardised() {
        return (estimate - exact) / mcse;
    }

    public boolean flagged() {
        return Math.abs(standardised()) > FLAG_AT;
    }

    /** E.g. {@code E[log tau] = 0.8563 +- 0.0121 (MCSE); exact 0.7658; off by +7.5 MCSE: biased}. */
    public String describe() {
        return String.format(Locale.ROOT, "E[%s] = %.4f +- %.4f (MCSE); exact %.4f; off by %+.1f MCSE%s",
                label, estimate, mcse, exact, standardised(),
                flagged() ? ": biased, the chains miss part of the posterior" : ": consistent with the exact value");
    }
}
