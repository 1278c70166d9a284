package manynuts.adapt;

/**
 * Nesterov dual averaging of log(step size) toward a target acceptance statistic (Hoffman and Gelman 2014,
 * algorithm 5), with Stan's constants gamma = 0.05, t0 = 10, kappa = 0.75.
 */
public final class DualAveraging {
    /** Regularisation scale of the dual averaging (Stan's adapt gamma). */
    public static final double GAMMA = 0.05;
    /** Iteration offset that damps the first updates (Stan's adapt t0). */
    public static final double T0 = 10.0;
    /** Decay exponent of the averaged iterate's weights (Stan's adapt kappa). */
    public static final double KAPPA = 0.75;

    /** The doubles {@link #saveTo} writes. */
    public static final int STATE_SIZE = 4;

    private final double targetAccept;
    private double mu;
    private int counter;
    private double sBar;
    private double xBar;

    public DualAveraging(double targetAccept, double initialStepSize) {
        this.targetAccept = targetAccept;
        restart(initialStepSize);
    }

    /** Starts over, shrinking toward {@code log(10 * stepSize)} (Stan's choice after each metric update). */
    public void restart(double stepSize) {
        mu = Math.log(10.0 * stepSize);
        counter = 0;
        sBar = 0.0;
        xBar = 0.0;
    }

    /** Takes one iteration's acceptance statistic and returns the step size for the next iteration. */
    public double learn(double acceptStat) {
        counter++;
        double stat = Math.min(acceptStat, 1.0);
        double eta = 1.0 / (counter + T0);
        sBar = (1.0 - eta) * sBar + eta * (targetAccept - stat);
        double x = mu - sBar * Math.sqrt(counter) / GAMMA;
        double weight = Math.pow(counter, -KAPPA);
        xBar = (1.0 - weight) * xBar + weight * x;
        return Math.exp(x);
    }

    /** The averaged step size used after warm-up. */
    public double finalStepSize() {
        return Math.exp(xBar);
    }

    /** Writes the state (everything but the target) to {@code out[offset..offset + STATE_SIZE)}. */
    public void saveTo(double[] out, int offset) {
        out[offset] = mu;
        out[offset + 1] = counter;
        out[offset + 2] = sBar;
        out[offset + 3] = xBar;
    }

    /** Takes the state {@link #saveTo} wrote. */
    public void restoreFrom(double[] in, int offset) {
        mu = in[offset];
        counter = (int) in[offset + 1];
        sBar = in[offset + 2];
        xBar = in[offset + 3];
    }
}
