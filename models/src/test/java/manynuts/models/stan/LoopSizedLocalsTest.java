package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import manynuts.models.stan.syntax.StanException;

/**
 * Locals of the differentiated blocks whose sizes read loop counters: each chain's storage is allocated once for the
 * largest sizes the loops reach, and the values and gradients equal those of code that needs no such local.
 */
class LoopSizedLocalsTest {
    private static final String DATA = "{\"N\": 3, \"m\": [2, 0, 3], \"start\": [1, 3, 3]}";
    private static final String HEAD = "data { int N; array[N] int m; array[N] int start; }"
            + " parameters { vector[5] v; } model { ";

    @Test
    void aVectorSizedByTheLoopCounterHoldsEachIterationsSegment() {
        // Segments v[1:2], v[3:2] (empty) and v[3:5], weighted by the iteration.
        StanPrograms.assertSameDensity(HEAD + "target += -0.5 * (square(v[1]) + square(v[2]))"
                + " - 0.75 * (square(v[3]) + square(v[4]) + square(v[5])) + v[2] + 3 * v[5]; }",
                HEAD + "for (n in 1:N) { vector[m[n]] x = segment(v, start[n], m[n]);"
                        + " target += -0.5 * n * dot_self(x) / (n == 3 ? 2 : 1);"
                        + " if (m[n] > 0) target += n * x[m[n]]; } }", DATA);
    }

    @Test
    void nestedLoopsFunctionsAndLibraryResultsSizedByCounters() {
        String functions = "functions { vector running(vector x) { return cumulative_sum(x); } }";
        // For n in 1..3 and k in 1..n: the k x n matrix of v[i] * v[j], and running sums of v[1:k].
        StringBuilder plain = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            for (int k = 1; k <= n; k++) {
                for (int i = 1; i <= k; i++) {
                    for (int j = 1; j <= n; j++) {
                        plain.append(" + v[").append(i).append("] * v[").append(j).append("]");
                    }
                    // The i-th running sum of v[1:k], squared.
                    StringBuilder sum = new StringBuilder("0");
                    for (int t = 1; t <= i; t++) {
                        sum.append(" + v[").append(t).append("]");
                    }
                    plain.append(" - square(").append(sum).append(")");
                }
            }
        }
        StanPrograms.assertSameDensity(HEAD + "target += -0.1 * dot_self(v) + 0.01 * (0" + plain + "); }",
                functions + HEAD + "target += -0.1 * dot_self(v); for (n in 1:N) for (k in 1:n) {"
                        + " matrix[k, n] a = v[1:k] * v[1:n]'; vector[k] r = running(v[1:k]);"
                        + " target += 0.01 * (sum(a) - dot_self(r)); } }", DATA);
    }

    @Test
    void aSizeReadingALocalVariableIsRefusedInOneLine() {
        StanException e = assertThrows(StanException.class, () -> StanPrograms.compile(
                "parameters { real x; } model { int k = 2; vector[k] a = rep_vector(x, k); target += -sum(a); }",
                "{}"));
        String first = e.getMessage().lines().findFirst().orElse("");
        assertTrue(first.contains("containers whose sizes depend on parameters or on variables other than data and"
                + " loop counters are not supported"), first);
        assertTrue(first.contains("the size of a"), first);
    }
}
