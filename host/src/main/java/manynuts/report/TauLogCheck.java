package manynuts.report;

import java.util.Locale;
import manynuts.diagnostics.ParameterSummary;

/**
 * The seed notebook's test of a run: is the MCMC estimate of E[log tau] within its Monte Carlo standard error of
 * the exact value? The centered model's estimate sits several MCSEs too high, because its chains cannot enter
 * the funnel's neck.
 *
 * @param estimate the posterior mean of tau_log from the draws
 * @param mcse     its Monte Carlo standard error
 * @param exact    the exact posterior mean by quadrature
 */
public record TauLogCheck(double estimate, double mcse, double exact) {

    /** Differences beyond this many MCSEs are flagged: about 1 in 1,000 by chance if the chains are sound. */
    public static final double FLAG_AT = 3.3;

    public static TauLogCheck of(ParameterSummary tauLog, double exact) {
        return new TauLogCheck(tauLog.mean(), tauLog.mcseMean(), exact);
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
        return String.format(Locale.ROOT, "E[log tau] = %.4f +- %.4f (MCSE); exact %.4f; off by %+.1f MCSE%s",
                estimate, mcse, exact, standardised(),
                flagged() ? ": biased, the chains miss part of the posterior" : ": consistent with the exact value");
    }
}
