package manynuts.models.stan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import manynuts.models.Model;

/**
 * A model's gradient against central finite differences of its own log density at random points uniform in (-2, 2),
 * Stan's default initialisation: a point whose log density is not finite is redrawn, and the outputs of every point
 * are computed too and must not be NaN, so that the generated quantities run.
 */
final class GradientCheck {
    /** Points drawn at most, per point checked, before the model is declared to have no finite density. */
    static final int DRAWS = 50;
    /** Coordinates checked per point at most (chosen at random): finite differences cost two evaluations each. */
    static final int COORDINATES = 40;
    /**
     * Time per point after which no more coordinates are checked, once {@link #AT_LEAST} have been: a few programs
     * take 0.1 s per evaluation, and the sweep over all programs must stay short.
     */
    static final long BUDGET_NANOS = 1_500_000_000L;
    static final int AT_LEAST = 6;

    /** The largest error seen, relative to the tolerance it had to meet (at most 1 when the check passes). */
    record Result(double worstRatio, int coordinatesChecked) {
        @Override
        public String toString() {
            return String.format("%.2g of tolerance over %d coordinates", worstRatio, coordinatesChecked);
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks the gradient at {@code points} random points.
     *
     * @throws AssertionError naming the coordinate whose derivative is wrong, or when no point has a finite density
     */
    static Result check(Model model, long seed, int points) {
        return check(model, seed, points, 1e-5);
    }

    /** As {@link #check(Model, long, int)}, with {@code relative} in place of 1e-5 as the truncation tolerance. */
    static Result check(Model model, long seed, int points, double relative) {
        Random random = new Random(seed);
        int n = model.dimension();
        double worst = 0.0;
        int checked = 0;
        double[] outputs = new double[model.outputNames().size()];
        for (int p = 0; p < points; p++) {
            double[] u = new double[n];
            double[] g = new double[n];
            double lp = Double.NaN;
            for (int draw = 0; draw < DRAWS && !Double.isFinite(lp); draw++) {
                for (int i = 0; i < n; i++) {
                    u[i] = 4.0 * random.nextDouble() - 2.0;
                }
                lp = model.logDensityGradientAt(u, 0, g, new double[1]);
            }
            if (!Double.isFinite(lp)) {
                throw new AssertionError(model.name() + ": no finite log density at " + DRAWS + " random points");
            }
            model.outputs(u, outputs);
            // A rejected draw's outputs are all NaN: generated quantities must run at a point of finite density.
            for (int k = 0; k < outputs.length; k++) {
                if (Double.isNaN(outputs[k])) {
                    throw new AssertionError(model.name() + ": output " + model.outputNames().get(k) + " is NaN");
                }
            }
            long start = System.nanoTime();
            int checkedHere = 0;
            for (int i : coordinates(n, random)) {
                if (checkedHere >= AT_LEAST && System.nanoTime() - start > BUDGET_NANOS) {
                    break;
                }
                checkedHere++;
                double h = 1e-5 * Math.max(1.0, Math.abs(u[i]));
                double[] a = u.clone();
                double[] b = u.clone();
                a[i] += h;
                b[i] -= h;
                double up = model.logDensityGradientAt(a, 0, new double[n], new double[1]);
                double down = model.logDensityGradientAt(b, 0, new double[n], new double[1]);
                double fd = (up - down) / (2 * h);
                // Truncation error of order h^2 relative to the derivative, plus the rounding error of two log
                // densities of size |lp| (summed over many terms, so well above one ulp) divided by 2h.
                double tolerance = relative * Math.max(1.0, Math.max(Math.abs(fd), Math.abs(g[i])))
                        + 1e-12 * Math.max(1.0, Math.abs(lp)) / h;
                double error = Math.abs(fd - g[i]);
                if (!(error <= tolerance)) {
                    throw new AssertionError(String.format("%s: d/d %s is %.10g, finite differences give %.10g "
                            + "(log density %.6g)", model.name(), model.parameterNames().get(i), g[i], fd, lp));
                }
                worst = Math.max(worst, error / tolerance);
                checked++;
            }
        }
        return new Result(worst, checked);
    }

    private static List<Integer> coordinates(int n, Random random) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        if (n <= COORDINATES) {
            return all;
        }
        Collections.shuffle(all, random);
        return all.subList(0, COORDINATES);
    }
}
