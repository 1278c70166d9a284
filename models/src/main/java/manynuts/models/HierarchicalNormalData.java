package manynuts.models;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Data of a normal-normal hierarchical model: J groups, each with an estimate y[j] and its known standard error
 * sigma[j] (Gelman's eight schools is J = 8).
 *
 * <p>Indices in error messages are 1-based like Stan's ({@code sigma[3]} is {@code sigma()[2]}). The arrays are
 * copied on the way in and out, so a record is immutable.
 */
public record HierarchicalNormalData(int J, double[] y, double[] sigma) {

    /** The data file shipped with the models, as a classpath resource. */
    public static final String EIGHT_SCHOOLS_RESOURCE = "/manynuts/data/eight_schools.json";

    /** @throws ModelException if the data cannot define the model (see {@link #check}) */
    public HierarchicalNormalData {
        check("data", J, y, sigma);
        y = y.clone();
        sigma = sigma.clone();
    }

    /** Reads a JSON file in Stan's data layout {@code {"J": 8, "y": [...], "sigma": [...]}}. */
    public static HierarchicalNormalData fromFile(Path file) {
        return StanJsonData.hierarchicalNormal(StanJsonData.readFile(file), file.toString());
    }

    /** Reads a classpath resource (absolute name, e.g. {@link #EIGHT_SCHOOLS_RESOURCE}) in Stan's data layout. */
    public static HierarchicalNormalData fromResource(String resource) {
        return StanJsonData.hierarchicalNormal(StanJsonData.readResource(resource), resource);
    }

    /**
     * Parses JSON text in Stan's data layout.
     *
     * @param source what to call the text in error messages, e.g. a file name
     */
    public static HierarchicalNormalData fromJson(String json, String source) {
        return StanJsonData.hierarchicalNormal(json, source);
    }

    /** The built-in eight schools data. */
    public static HierarchicalNormalData eightSchools() {
        return fromResource(EIGHT_SCHOOLS_RESOURCE);
    }

    /**
     * Checks that the values can define the model; every failure is a one-line message naming the source and
     * the field.
     */
    static void check(String source, int J, double[] y, double[] sigma) {
        if (J <= 0) {
            throw new ModelException(source + ": field \"J\" must be a positive integer, got " + J);
        }
        if (y == null || y.length != J) {
            throw new ModelException(source + ": field \"J\" = " + J + " does not match the length of \"y\" ("
                    + (y == null ? "missing" : y.length) + ")");
        }
        if (sigma == null || sigma.length != J) {
            throw new ModelException(source + ": field \"J\" = " + J + " does not match the length of \"sigma\" ("
                    + (sigma == null ? "missing" : sigma.length) + ")");
        }
        for (int j = 0; j < J; j++) {
            if (!Double.isFinite(y[j])) {
                throw new ModelException(source + ": field \"y\": y[" + (j + 1) + "] must be finite, got " + y[j]);
            }
            // A standard error of zero would make the likelihood a point mass; the models divide by sigma^2.
            if (!Double.isFinite(sigma[j]) || sigma[j] <= 0) {
                throw new ModelException(source + ": field \"sigma\": sigma[" + (j + 1)
                        + "] must be finite and > 0, got " + sigma[j]);
            }
            checkScale(source, j, y[j], sigma[j]);
        }
    }

    /**
     * Refuses values that pass as numbers but whose squares the models cannot form: the log density holds
     * (y - theta)^2 / sigma^2 and the exact posterior sigma^2 + tau^2, so y^2, sigma^2, 1/sigma^2 and (y/sigma)^2
     * must all be finite doubles, or no point has a finite density.
     */
    private static void checkScale(String source, int j, double y, double sigma) {
        String index = "[" + (j + 1) + "]";
        String rescale = " overflows a double; rescale y and sigma";
        if (!Double.isFinite(y * y)) {
            throw new ModelException(source + ": field \"y\": y" + index + " = " + y + " is too large: its square"
                    + rescale);
        }
        if (!Double.isFinite(sigma * sigma)) {
            throw new ModelException(source + ": field \"sigma\": sigma" + index + " = " + sigma
                    + " is too large: its square" + rescale);
        }
        if (!Double.isFinite(1.0 / (sigma * sigma))) {
            throw new ModelException(source + ": field \"sigma\": sigma" + index + " = " + sigma
                    + " is too small: 1/sigma^2" + rescale);
        }
        double standardised = y / sigma;
        if (!Double.isFinite(standardised * standardised)) {
            throw new ModelException(source + ": fields \"y\" and \"sigma\": y" + index + " / sigma" + index + " = "
                    + standardised + " is too large: its square" + rescale);
        }
    }

    /** A copy of the estimates. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** A copy of the standard errors. */
    @Override
    public double[] sigma() {
        return sigma.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HierarchicalNormalData d
                && J == d.J && Arrays.equals(y, d.y) && Arrays.equals(sigma, d.sigma);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * J + Arrays.hashCode(y)) + Arrays.hashCode(sigma);
    }

    @Override
    public String toString() {
        return "HierarchicalNormalData[J=" + J + ", y=" + Arrays.toString(y)
                + ", sigma=" + Arrays.toString(sigma) + "]";
    }
}
