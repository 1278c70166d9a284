package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * Constraining transforms: each value satisfies its constraint, and the log-Jacobian the program adds to the target
 * equals the log absolute determinant of the transform's Jacobian matrix, worked out here by finite differences of
 * the outputs with respect to the unconstrained coordinates (with respect to the value's free entries: those that
 * determine the rest, such as a correlation matrix's lower triangle).
 */
class StanTransformTest {

    /** A parameter with no other term in the model: its log density is the log-Jacobian alone. */
    private static StanModel parameterOnly(String declaration) {
        return StanPrograms.compile("parameters { " + declaration + "; } model { }", "{}");
    }

    /**
     * Asserts that the log density of a parameter-only model equals log |det d(free entries)/du| (plus a constant
     * where the transform has one Stan keeps) at random points.
     */
    private static void assertLogJacobian(StanModel model, IntPredicate free, double constant) {
        Random random = new Random(5);
        int n = model.dimension();
        List<Integer> entries = new ArrayList<>();
        for (int k = 0; k < model.outputNames().size(); k++) {
            if (free.test(k)) {
                entries.add(k);
            }
        }
        assertEquals(n, entries.size(), "free entries " + model.outputNames());
        for (int p = 0; p < 3; p++) {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = 2.0 * random.nextDouble() - 1.0;
            }
            double[][] jacobian = new double[n][n];
            for (int j = 0; j < n; j++) {
                double h = 1e-6;
                double[] a = u.clone();
                double[] b = u.clone();
                a[j] += h;
                b[j] -= h;
                double[] up = new double[model.outputNames().size()];
                double[] down = new double[up.length];
                model.outputs(a, up);
                model.outputs(b, down);
                for (int i = 0; i < n; i++) {
                    jacobian[i][j] = (up[entries.get(i)] - down[entries.get(i)]) / (2 * h);
                }
            }
            double expected = logAbsDeterminant(jacobian) + constant;
            assertEquals(expected, StanPrograms.logDensity(model, u), 1e-6, "log-Jacobian at point " + p);
            GradientCheck.check(model, p, 1);
        }
    }

    /** log |det a| by Gaussian elimination with partial pivoting. */
    static double logAbsDeterminant(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double log = 0.0;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = m[c];
            m[c] = m[pivot];
            m[pivot] = swap;
            log += Math.log(Math.abs(m[c][c]));
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return log;
    }

    private static double[] outputsAt(StanModel model, double... u) {
        double[] out = new double[model.outputNames().size()];
        model.outputs(u, out);
        return out;
    }

    /** Entry (i, j), 0-based, of a K x K matrix in Stan's column-major output order. */
    private static double entry(double[] out, int k, int i, int j) {
        return out[j * k + i];
    }

    @Test
    void choleskyFactorCorrHasUnitRowsAndItsLogJacobian() {
        int k = 4;
        StanModel model = parameterOnly("cholesky_factor_corr[" + k + "] L");
        assertEquals(k * (k - 1) / 2, model.dimension());
        double[] out = outputsAt(model, 0.3, -1.2, 0.5, 2.0, -0.1, 0.7);
        for (int i = 0; i < k; i++) {
            double norm = 0.0;
            for (int j = 0; j < k; j++) {
                double x = entry(out, k, i, j);
                if (j > i) {
                    assertEquals(0.0, x, 0.0);
                }
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-12, "row " + i);
            assertTrue(entry(out, k, i, i) > 0);
        }
        // The free entries are those below the diagonal: position j * k + i with j < i.
        assertLogJacobian(model, position -> position % k > position / k, 0.0);
    }

    @Test
    void corrMatrixIsACorrelationMatrixAndItsLogJacobian() {
        int k = 4;
        StanModel model = parameterOnly("corr_matrix[" + k + "] Omega");
        double[] out = outputsAt(model, 0.3, -1.2, 0.5, 2.0, -0.1, 0.7);
        for (int i = 0; i < k; i++) {
            assertEquals(1.0, entry(out, k, i, i), 1e-12);
            for (int j = 0; j < k; j++) {
                assertEquals(entry(out, k, i, j), entry(out, k, j, i), 1e-15);
                assertTrue(Math.abs(entry(out, k, i, j)) <= 1.0);
            }
        }
        assertLogJacobian(model, position -> position % k > position / k, 0.0);
    }

    @Test
    void covMatrixLogJacobianOverTheLowerTriangle() {
        int k = 3;
        StanModel model = parameterOnly("cov_matrix[" + k + "] Sigma");
        assertEquals(k * (k + 1) / 2, model.dimension());
        double[] out = outputsAt(model, 0.3, -1.2, 0.5, 2.0, -0.1, 0.7);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                assertEquals(entry(out, k, i, j), entry(out, k, j, i), 1e-15);
            }
        }
        assertLogJacobian(model, position -> position % k >= position / k, 0.0);
    }

    @Test
    void choleskyFactorCovLogJacobianOverItsFreeEntries() {
        int m = 4;
        int n = 2;
        StanModel model = parameterOnly("cholesky_factor_cov[" + m + ", " + n + "] L");
        assertEquals(n * (n + 1) / 2 + (m - n) * n, model.dimension());
        double[] out = outputsAt(model, 0.3, -1.2, 0.5, 2.0, -0.1, 0.7, 0.2);
        assertEquals(0.0, entry(out, m, 0, 1), 0.0, "L[1, 2] is above the diagonal");
        assertEquals(Math.exp(0.3), out[0], 1e-15, "L[1, 1] is exp of the first coordinate");
        assertLogJacobian(model, position -> position % m >= position / m, 0.0);
        StanModel square = parameterOnly("cholesky_factor_cov[3] L");
        assertLogJacobian(square, position -> position % 3 >= position / 3, 0.0);
    }

    @Test
    void sumToZeroVectorIsAnIsometryOntoVectorsSummingToZero() {
        int k = 5;
        StanModel model = parameterOnly("sum_to_zero_vector[" + k + "] x");
        assertEquals(k - 1, model.dimension());
        double[] u = {0.3, -1.2, 0.5, 2.0};
        double[] out = outputsAt(model, u);
        double sum = 0.0;
        double squares = 0.0;
        double coordinateSquares = 0.0;
        for (int i = 0; i < k; i++) {
            sum += out[i];
            squares += out[i] * out[i];
        }
        for (double y : u) {
            coordinateSquares += y * y;
        }
        assertEquals(0.0, sum, 1e-14);
        assertEquals(coordinateSquares, squares, 1e-12, "an orthonormal basis keeps lengths");
        assertEquals(0.0, StanPrograms.logDensity(model, u), 0.0);
    }

    @Test
    void unitVectorHasLengthOneAndPenalisesTheRadius() {
        StanModel model = parameterOnly("unit_vector[3] x");
        double[] u = {0.3, -1.2, 0.5};
        double[] out = outputsAt(model, u);
        double norm = Math.sqrt(0.09 + 1.44 + 0.25);
        for (int i = 0; i < 3; i++) {
            assertEquals(u[i] / norm, out[i], 1e-15);
        }
        assertEquals(-0.5 * norm * norm, StanPrograms.logDensity(model, u), 1e-14);
        GradientCheck.check(model, 1, 2);
    }

    @Test
    void simplexOrderedAndBoundsLogJacobians() {
        assertLogJacobian(parameterOnly("simplex[4] x"), position -> position < 3, 0.0);
        assertLogJacobian(parameterOnly("ordered[3] x"), position -> true, 0.0);
        assertLogJacobian(parameterOnly("positive_ordered[3] x"), position -> true, 0.0);
        assertLogJacobian(parameterOnly("array[2] real<lower=-1, upper=3> x"), position -> true, 0.0);
        assertLogJacobian(parameterOnly("vector<offset=1, multiplier=2>[2] x"), position -> true, 0.0);
    }

    @Test
    void arraysOfMatricesTakeConsecutiveCoordinates() {
        StanModel model = parameterOnly("array[2] cholesky_factor_corr[3] L");
        assertEquals(6, model.dimension());
        // The array's first index runs fastest in Stan's output order; the free entries are below each diagonal.
        assertLogJacobian(model, position -> {
            int within = position / 2;
            return within % 3 > within / 3;
        }, 0.0);
    }
}
