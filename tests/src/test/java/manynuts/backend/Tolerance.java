package manynuts.backend;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The agreement asked of two backends: 1e-12 relative, with unit scale below 1 so that values that cancel to
 * nearly zero are compared absolutely (an ulp of difference in exp or log between the JVM and C libm stays far
 * inside it).
 */
public final class Tolerance {
    public static final double RELATIVE = 1e-12;

    private Tolerance() {
    }

    public static boolean close(double expected, double actual, double relative) {
        if (expected == actual || (Double.isNaN(expected) && Double.isNaN(actual))) {
            return true;
        }
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        return Math.abs(expected - actual) <= relative * scale;
    }

    public static void assertClose(double expected, double actual, String what) {
        assertClose(expected, actual, RELATIVE, what);
    }

    public static void assertClose(double expected, double actual, double relative, String what) {
        if (!close(expected, actual, relative)) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative tolerance " + relative + ")");
        }
    }
}
