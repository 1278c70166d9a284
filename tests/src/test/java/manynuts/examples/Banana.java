package manynuts.examples;

import java.util.List;
import java.util.Map;
import manynuts.models.ExactPosterior;
import manynuts.models.KernelBinding;
import manynuts.models.Model;
import manynuts.models.WithExactPosterior;
import manynuts.models.WithKernels;
import manynuts.models.ModelFamily;
import manynuts.models.ModelOption;
import manynuts.models.NormalDensity;
import manynuts.models.PosteriorMoments;

/**
 * A banana-shaped density, the worked example of docs/models.md: x1 ~ N(0, 1), x2 | x1 ~ N(b x1^2, 1), with the
 * curvature b an option.
 *
 * <p>Exact moments: x1 has mean 0 and sd 1; x2 = b x1^2 + e has mean b and variance 1 + b^2 Var(x1^2) = 1 + 2 b^2.
 */
public final class Banana implements Model, WithKernels, WithExactPosterior {

    /** How far x2 bends with x1. */
    public static final ModelOption CURVATURE = ModelOption.real("curvature", "how far x2 bends with x1", 1.0, 0, 10);

    /** What the registry needs: name, description, options and how to build the model from their values. */
    public static final ModelFamily FAMILY = ModelFamily.ofOptions("banana",
            "A banana: x1 ~ N(0, 1), x2 ~ N(curvature x1^2, 1).", List.of(CURVATURE),
            (options, data) -> new Banana(options.real(CURVATURE.key())));

    private static final List<String> NAMES = List.of("x1", "x2");

    private final double curvature;

    public Banana(double curvature) {
        this.curvature = curvature;
    }

    @Override
    public String name() {
        return "banana";
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    /** log p = -x1^2/2 - (x2 - b x1^2)^2/2, constants dropped. */
    @Override
    public void logDensityGradient(double[] position, int stride, int from, int to, double[] logDensity,
                                   double[] gradient) {
        for (int c = from; c < to; c++) {
            double x1 = position[c];              // coordinate 0 of chain c
            double x2 = position[stride + c];     // coordinate 1 of chain c
            double residual = x2 - curvature * x1 * x1;
            logDensity[c] = -0.5 * (x1 * x1 + residual * residual);
            gradient[c] = -x1 + 2 * curvature * x1 * residual;
            gradient[stride + c] = -residual;
        }
    }

    @Override
    public List<String> outputNames() {
        return NAMES;
    }

    @Override
    public void outputs(double[] unconstrained, double[] out) {
        out[0] = unconstrained[0];
        out[1] = unconstrained[1];
    }

    /** Its CUDA kernels (tests/src/test/cuda/banana.cu) and their data: no integers, the reals {b}. */
    @Override
    public KernelBinding kernelBinding() {
        return new KernelBinding("banana", new int[0], new double[] {curvature});
    }

    @Override
    public ExactPosterior exact() {
        return new ExactPosterior(List.of(
                new PosteriorMoments("x1", 0, 1),
                new PosteriorMoments("x2", curvature, Math.sqrt(1 + 2 * curvature * curvature))),
                "closed form", Map.of("x1", x -> NormalDensity.of(x, 0, 1)));
    }
}
