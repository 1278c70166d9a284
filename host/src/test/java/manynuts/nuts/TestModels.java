package manynuts.nuts;

import java.util.ArrayList;
import java.util.List;
import manynuts.models.Model;

/** Small models with known answers for the sampler's own tests. */
final class TestModels {
    private TestModels() {
    }

    /** Independent normals with the given standard deviations: exact means 0 and variances scale^2. */
    static Model gaussian(double... scales) {
        return new Model() {
            @Override
            public String name() {
                return "gaussian";
            }

            @Override
            public int dimension() {
                return scales.length;
            }

            @Override
            public List<String> parameterNames() {
                List<String> names = new ArrayList<>();
                for (int d = 0; d < scales.length; d++) {
                    names.add("x[" + (d + 1) + "]");
                }
                return names;
            }

            @Override
            public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                    double[] gradient) {
                for (int c = from; c < to; c++) {
                    logDensity[c] = 0.0;
                }
                for (int d = 0; d < scales.length; d++) {
                    double precision = 1.0 / (scales[d] * scales[d]);
                    for (int c = from; c < to; c++) {
                        double x = position[d * stride + c];
                        logDensity[c] -= 0.5 * precision * x * x;
                        gradient[d * stride + c] = -precision * x;
                    }
                }
            }

            @Override
            public List<String> outputNames() {
                return parameterNames();
            }

            @Override
            public void outputs(double[] unconstrained, double[] out) {
                System.arraycopy(unconstrained, 0, out, 0, scales.length);
            }
        };
    }

    /**
     * Neal's funnel in {@code dimension} coordinates: v ~ N(0, 3), x_i ~ N(0, exp(v / 2)). Large steps diverge
     * in its neck.
     */
    static Model funnel(int dimension) {
        return new Model() {
            @Override
            public String name() {
                return "funnel";
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public List<String> parameterNames() {
                List<String> names = new ArrayList<>();
                names.add("v");
                for (int d = 1; d < dimension; d++) {
                    names.add("x[" + d + "]");
                }
                return names;
            }

            @Override
            public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                    double[] gradient) {
                for (int c = from; c < to; c++) {
                    double v = position[c];
                    double precision = Math.exp(-v);
                    double lp = -v * v / 18.0 - 0.5 * (dimension - 1) * v;
                    double dv = -v / 9.0 - 0.5 * (dimension - 1);
                    for (int d = 1; d < dimension; d++) {
                        double x = position[d * stride + c];
                        lp -= 0.5 * precision * x * x;
                        dv += 0.5 * precision * x * x;
                        gradient[d * stride + c] = -precision * x;
                    }
                    logDensity[c] = lp;
                    gradient[c] = dv;
                }
            }

            @Override
            public List<String> outputNames() {
                return parameterNames();
            }

            @Override
            public void outputs(double[] unconstrained, double[] out) {
                System.arraycopy(unconstrained, 0, out, 0, dimension);
            }
        };
    }
}
