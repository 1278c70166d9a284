package manynuts.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One golden file of rstan's log density and gradient (made by {@code rstan/generate.R}): at each of a few
 * unconstrained points of a posteriordb program, rstan's {@code log_prob} and {@code grad_log_prob} with the
 * Jacobian of the constraints included. The file's header is {@code point,lp,grad_1..grad_D,u_1..u_D}.
 *
 * @param posterior the posteriordb name, the file's name without {@code .csv}
 * @param points    the unconstrained points, {@code points[k][d]}
 * @param logDensity rstan's log density at each point, up to a constant of rstan's choosing
 * @param gradient  rstan's gradient at each point, {@code gradient[k][d]}
 */
record RstanGolden(String posterior, double[][] points, double[] logDensity, double[][] gradient) {

    /** Our log density and gradient at one unconstrained point. */
    interface Evaluator {
        /** Writes the gradient at {@code u} into {@code gradient} and returns the log density. */
        double logDensityGradient(double[] u, double[] gradient);
    }

    /**
     * The largest differences from rstan, each relative to {@code max(1, |rstan's value|)}: of the gradient's
     * coordinates, and of the log density differences {@code lp[k] - lp[0]} (only differences are comparable, as
     * each side may drop other constants).
     */
    record Agreement(double gradient, String gradientWhere, double logDensityDifference, String differenceWhere) {
        boolean within(double tolerance) {
            return gradient <= tolerance && logDensityDifference <= tolerance;
        }

        String describe() {
            return String.format("largest relative difference from rstan: gradient %.3g (%s), log density "
                    + "difference %.3g (%s)", gradient, gradientWhere, logDensityDifference, differenceWhere);
        }
    }

    int dimension() {
        return points[0].length;
    }

    static RstanGolden read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",");
        int dimension = (header.length - 2) / 2;
        if (header.length != 2 + 2 * dimension || !header[0].equals("point") || !header[1].equals("lp")
                || !header[2].equals("grad_1") || !header[2 + dimension].equals("u_1")) {
            throw new IllegalArgumentException(file + ": header should be point,lp,grad_1..grad_D,u_1..u_D");
        }
        int count = lines.size() - 1;
        double[][] points = new double[count][dimension];
        double[] logDensity = new double[count];
        double[][] gradient = new double[count][dimension];
        for (int k = 0; k < count; k++) {
            String[] fields = lines.get(k + 1).split(",");
            if (fields.length != header.length) {
                throw new IllegalArgumentException(file + ": line " + (k + 2) + " has " + fields.length + " fields");
            }
            logDensity[k] = Double.parseDouble(fields[1]);
            for (int d = 0; d < dimension; d++) {
                gradient[k][d] = Double.parseDouble(fields[2 + d]);
                points[k][d] = Double.parseDouble(fields[2 + dimension + d]);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        return new RstanGolden(name, points, logDensity, gradient);
    }

    /** Evaluates ours at every point and measures how far it is from rstan. */
    Agreement compare(Evaluator ours) {
        double worstGradient = -1;
        String gradientWhere = "none";
        double worstDifference = -1;
        String differenceWhere = "none";
        double oursAtFirst = Double.NaN;
        for (int k = 0; k < points.length; k++) {
            double[] g = new double[dimension()];
            double lp = ours.logDensityGradient(points[k].clone(), g);
            if (k == 0) {
                oursAtFirst = lp;
            }
            for (int d = 0; d < dimension(); d++) {
                double relative = relative(g[d], gradient[k][d]);
                if (worse(relative, worstGradient)) {
                    worstGradient = relative;
                    gradientWhere = String.format("point %d, u_%d: ours %.17g, rstan %.17g", k + 1, d + 1, g[d],
                            gradient[k][d]);
                }
            }
            if (k > 0) {
                double theirs = logDensity[k] - logDensity[0];
                double mine = lp - oursAtFirst;
                double relative = relative(mine, theirs);
                if (worse(relative, worstDifference)) {
                    worstDifference = relative;
                    differenceWhere = String.format("lp at point %d minus point 1: ours %.17g, rstan %.17g", k + 1,
                            mine, theirs);
                }
            }
        }
        return new Agreement(worstGradient, gradientWhere, worstDifference, differenceWhere);
    }

    /** Whether a difference replaces the worst so far: NaN, once seen, stays the worst. */
    private static boolean worse(double relative, double worst) {
        return Double.isNaN(relative) ? !Double.isNaN(worst) : relative > worst;
    }

    /** |ours - theirs| / max(1, |theirs|); NaN (which fails every comparison) where ours is not finite. */
    private static double relative(double ours, double theirs) {
        if (!Double.isFinite(ours)) {
            return Double.NaN;
        }
        return Math.abs(ours - theirs) / Math.max(1.0, Math.abs(theirs));
    }
}
