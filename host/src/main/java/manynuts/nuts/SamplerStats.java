package manynuts.nuts;

/**
 * Stan's per-draw sampler diagnostics: lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__,
 * divergent__, energy__.
 */
public record SamplerStats(double logDensity, double acceptStat, double stepSize, int treeDepth, int leapfrogSteps,
        boolean divergent, double energy) {

    /** Column names as Stan writes them. */
    public static final java.util.List<String> NAMES = java.util.List.of(
            "lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__");

    /** The stats as doubles in the order of {@link #NAMES}. */
    public void write(double[] out, int offset) {
        out[offset] = logDensity;
        out[offset + 1] = acceptStat;
        out[offset + 2] = stepSize;
        out[offset + 3] = treeDepth;
        out[offset + 4] = leapfrogSteps;
        out[offset + 5] = divergent ? 1 : 0;
        out[offset + 6] = energy;
    }
}
