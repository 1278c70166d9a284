package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * quad_form, quad_form_sym, the lower-triangular solves, sorting and ranks, and the symmetric eigendecomposition:
 * values against closed forms, Java's sort and commons-math, gradients against central finite differences.
 */
class MatrixFunctionsTest {

    @Test
    void quadFormsAreTheProductsTheyName() {
        String head = "parameters { matrix[3, 3] a; matrix[3, 2] b; vector[3] v; } model { ";
        StanPrograms.assertSameDensity(head + "matrix[2, 2] q = b' * a * b; target += -0.1 * sum(square(q))"
                + " + v' * a * v; }", head + "matrix[2, 2] q = quad_form(a, b); target += -0.1 * sum(square(q))"
                + " + quad_form(a, v); }", "{}");
        String symmetric = "parameters { vector[3] d; real c; matrix[3, 2] b; } model { matrix[3, 3] s ="
                + " [[d[1], c, 0.5], [c, d[2], -c], [0.5, -c, d[3]]]; ";
        StanPrograms.assertSameDensity(symmetric + "matrix[2, 2] q = b' * s * b;"
                + " target += -0.1 * (square(q[1, 1]) + 2 * square(q[1, 2]) + square(q[2, 2])) + q[1, 2]; }",
                symmetric + "matrix[2, 2] q = quad_form_sym(s, b);"
                        + " target += -0.1 * sum(square(q)) + q[2, 1]; }", "{}");
        StanModel asymmetric = StanPrograms.compile("parameters { matrix[2, 2] a; vector[2] v; }"
                + " model { target += quad_form_sym(a, v); }", "{}");
        assertEquals(Double.NEGATIVE_INFINITY, StanPrograms.logDensity(asymmetric, 1, 2, 3, 1, 0.5, 0.5));
    }

    @Test
    void triangularSolvesMatchTheClosedFormAndReadOnlyTheLowerTriangle() {
        // L = [[l11, junk], [l21, l22]]: L x = b gives x1 = b1 / l11, x2 = (b2 - l21 x1) / l22; x L = b gives
        // x2 = b2 / l22, x1 = (b1 - x2 l21) / l11.
        String head = "parameters { real<lower=0.5> l11; real<lower=0.5> l22; real l21; real junk; vector[2] b; }"
                + " model { matrix[2, 2] l = [[l11, junk], [l21, l22]]; ";
        StanPrograms.assertSameDensity(head + "real x1 = b[1] / l11; real x2 = (b[2] - l21 * x1) / l22;"
                + " target += -square(x1) - 2 * square(x2) + x2; }",
                head + "vector[2] x = mdivide_left_tri_low(l, b);"
                        + " target += -square(x[1]) - 2 * square(x[2]) + x[2]; }", "{}");
        StanPrograms.assertSameDensity(head + "real x2 = b[2] / l22; real x1 = (b[1] - x2 * l21) / l11;"
                + " target += -square(x1) - 2 * square(x2) + x1; }",
                head + "row_vector[2] x = mdivide_right_tri_low(b', l);"
                        + " target += -square(x[1]) - 2 * square(x[2]) + x[1]; }", "{}");
    }

    @Test
    void triangularSolvesOfMatricesAgreeWithCommonsMath() {
        Random random = new Random(5);
        int n = 4;
        double[][] l = new double[n][n];
        double[][] b = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                l[i][j] = i == j ? 1.0 + random.nextDouble() : random.nextGaussian();
            }
            for (int j = 0; j < 3; j++) {
                b[i][j] = random.nextGaussian();
            }
        }
        String data = "{\"L\": " + json(l) + ", \"B\": " + json(b) + "}";
        StanModel model = StanPrograms.compile("data { matrix[4, 4] L; matrix[4, 3] B; } parameters { real z; }"
                + " model { z ~ std_normal(); } generated quantities { matrix[4, 3] left = mdivide_left_tri_low(L, B);"
                + " matrix[3, 4] right = mdivide_right_tri_low(B', L); }", data);
        double[] out = outputs(model, 0.0);
        RealMatrix lower = new Array2DRowRealMatrix(l);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                lower.setEntry(i, j, 0.0);
            }
        }
        RealMatrix inverse = MatrixUtils.inverse(lower);
        RealMatrix left = inverse.multiply(new Array2DRowRealMatrix(b));
        RealMatrix right = new Array2DRowRealMatrix(b).transpose().multiply(inverse);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(left.getEntry(i, j), out[at(model, "left", i, j)], 1e-12, "left[" + i + ", " + j + "]");
                assertEquals(right.getEntry(j, i), out[at(model, "right", j, i)], 1e-12,
                        "right[" + j + ", " + i + "]");
            }
        }
    }

    @Test
    void sortsIndicesAndRanksAgreeWithJavasSort() {
        StanModel model = StanPrograms.compile("data { array[5] int k; } parameters { vector[5] v; }"
                + " model { v ~ std_normal(); } generated quantities { vector[5] up = sort_asc(v);"
                + " row_vector[5] down = sort_desc(v'); array[5] int iu = sort_indices_asc(v);"
                + " array[5] int id = sort_indices_desc(v); array[5] int r; array[5] int ku = sort_asc(k);"
                + " array[5] int kd = sort_indices_desc(k);"
                + " for (s in 1:5) r[s] = rank(v, s); }", "{\"k\": [3, 1, 3, 0, 2]}");
        double[] v = {0.3, -1.2, 0.3, 2.0, -0.1};
        double[] out = outputs(model, v);
        Integer[] ascending = {1, 4, 0, 2, 3};
        for (int s = 0; s < 5; s++) {
            assertEquals(v[ascending[s]], out[at(model, "up", s)], 0.0, "up");
            assertEquals(v[ascending[4 - s]], out[at(model, "down", s)], 0.0, "down");
            assertEquals(ascending[s] + 1, out[at(model, "iu", s)], 0.0, "iu");
            int smaller = 0;
            for (double x : v) {
                smaller += x < v[s] ? 1 : 0;
            }
            assertEquals(smaller, out[at(model, "r", s)], 0.0, "rank");
        }
        // Descending, ties keep their index order: 4, 1 and 3 (both 0.3), 5, 2.
        assertArrayEquals(new double[] {4, 1, 3, 5, 2}, slice(out, at(model, "id", 0), 5), 0.0);
        assertArrayEquals(new double[] {0, 1, 2, 3, 3}, slice(out, at(model, "ku", 0), 5), 0.0);
        assertArrayEquals(new double[] {1, 3, 5, 2, 4}, slice(out, at(model, "kd", 0), 5), 0.0);
    }

    @Test
    void aSortedVectorsGradientIsThePermutation() {
        String head = "data { vector[4] w; } parameters { vector[4] v; } model { v ~ normal(0, 2); ";
        StanModel model = StanPrograms.compile(head + "target += dot_product(w, sort_asc(v))"
                + " + 0.1 * dot_product(w, sort_desc(v)) + rank(v, 2); }", "{\"w\": [1, 2, 3, 4]}");
        double[] v = {0.5, -1.0, 2.0, 0.0};
        double[] g = StanPrograms.gradient(model, v);
        // Ascending places 2, 4, 1, 3 (weights 1..4), descending places 3, 1, 4, 2.
        double[] expected = {3 + 0.1 * 2, 1 + 0.1 * 4, 4 + 0.1 * 1, 2 + 0.1 * 3};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i] - v[i] / 4.0, g[i], 1e-14, "d/dv[" + (i + 1) + "]");
        }
        GradientCheck.check(model, 17, 3);
    }

    @Test
    void eigendecompositionsAgreeWithCommonsMath() {
        Random random = new Random(23);
        int n = 6;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        StanModel model = StanPrograms.compile("data { int n; matrix[n, n] A; } parameters { real z; }"
                + " model { z ~ std_normal(); } generated quantities { vector[n] lambda = eigenvalues_sym(A);"
                + " matrix[n, n] V = eigenvectors_sym(A); }", "{\"n\": " + n + ", \"A\": " + json(a) + "}");
        double[] out = outputs(model, 0.0);
        EigenDecomposition expected = new EigenDecomposition(new Array2DRowRealMatrix(a));
        double[] values = expected.getRealEigenvalues().clone();
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> values[k]));
        for (int k = 0; k < n; k++) {
            assertEquals(values[order[k]], out[at(model, "lambda", k)], 1e-12, "lambda[" + k + "]");
            RealVector vector = expected.getEigenvector(order[k]);
            // An eigenvector's sign is arbitrary: compare up to it.
            double sign = Math.signum(vector.getEntry(0) * out[at(model, "V", 0, k)]);
            for (int i = 0; i < n; i++) {
                assertEquals(vector.getEntry(i), sign * out[at(model, "V", i, k)], 1e-10, "V[" + i + ", " + k + "]");
            }
        }
    }

    @Test
    void eigendecompositionGradientsMatchFiniteDifferences() {
        // A symmetric matrix of the parameters; the target reads the eigenvalues and the eigenvectors' squares
        // (which do not depend on the arbitrary signs).
        String program = "parameters { vector[10] x; } model { matrix[4, 4] a; int t = 1;"
                + " for (i in 1:4) for (j in 1:i) { a[i, j] = x[t] + (i == j ? 2 * i : 0); a[j, i] = a[i, j];"
                + " t += 1; }"
                + " vector[4] lambda = eigenvalues_sym(a); matrix[4, 4] v = eigenvectors_sym(a);"
                + " x ~ normal(0, 1); target += dot_product(lambda, [1, -2, 0.5, 3]') + sum(square(v[2:3, 1:3])); }";
        StanModel model = StanPrograms.compile(program, "{}");
        GradientCheck.check(model, 29, 3);
        // The eigenvalues' gradient is v v' for each: sum of eigenvalues has the trace's gradient.
        StanModel trace = StanPrograms.compile("parameters { vector[3] d; real c; } model {"
                + " target += sum(eigenvalues_sym([[d[1], c, 0], [c, d[2], c], [0, c, d[3]]])); }", "{}");
        double[] g = StanPrograms.gradient(trace, 0.3, -0.2, 1.1, 0.7);
        assertArrayEquals(new double[] {1, 1, 1, 0}, g, 1e-12);
    }

    // ---- helpers

    private static double[] outputs(StanModel model, double... u) {
        double[] out = new double[model.outputNames().size()];
        model.outputs(u, out);
        return out;
    }

    /** Where output {@code name[i, j...]} (0-based) is among the outputs. */
    private static int at(StanModel model, String name, int... index) {
        StringBuilder label = new StringBuilder(name).append('[');
        for (int k = 0; k < index.length; k++) {
            label.append(k == 0 ? "" : ",").append(index[k] + 1);
        }
        int found = model.outputNames().indexOf(label.append(']').toString());
        if (found < 0) {
            throw new AssertionError("no output " + label + " among " + model.outputNames());
        }
        return found;
    }

    private static double[] slice(double[] out, int from, int length) {
        return Arrays.copyOfRange(out, from, from + length);
    }

    private static String json(double[][] m) {
        List<String> rows = Arrays.stream(m).map(Arrays::toString).toList();
        return rows.toString();
    }
}
