package manynuts.models;

/** The density of a normal distribution, for the exact marginals that models hand to the reports. */
public final class NormalDensity {

    private static final double LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private NormalDensity() {
    }

    /** The N(mean, sd) density at x. */
    public static double of(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z - LOG_SQRT_TWO_PI) / sd;
    }
}
