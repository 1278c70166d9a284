package manynuts.backend.cuda;

import static manynuts.backend.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.DrawRecorder;
import manynuts.backend.Precision;
import manynuts.backend.cpu.CpuBackend;
import manynuts.examples.Banana;
import manynuts.models.ExactPosterior;
import manynuts.models.PosteriorMoments;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import manynuts.models.WithExactPosterior;

/**
 * The worked example of docs/models.md on the GPU path: its device function (tests/src/test/cuda/banana.cuh), built
 * outside the product's kernels as a user's model is, runs through the real CUDA backend on the stand-in driver and
 * agrees with the Java model.
 */
@Tag("standin")
class BananaCudaTest {
    private static final Banana MODEL = new Banana(0.8);

    private static void assumeBuilt() {
        StandIn.assumeBuilt();
        org.junit.jupiter.api.Assumptions.assumeTrue(CudaModule.shipped("banana"), "no PTX for the example (no nvcc)");
    }

    @Test
    void kernelAgreesWithTheJavaModel() {
        assumeBuilt();
        int chains = 257;
        Random random = new Random(17);
        double[] positions = new double[2 * chains];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = 6.0 * random.nextDouble() - 3.0;
        }
        double[] expectedLogDensity = new double[chains];
        double[] expectedGradient = new double[2 * chains];
        MODEL.logDensityGradient(positions, chains, 0, chains, expectedLogDensity, expectedGradient);
        double[] logDensity = new double[chains];
        double[] gradient = new double[2 * chains];
        try (CudaBackend cuda = CudaBackend.open(0); DeviceLogDensity device = cuda.logDensity(MODEL, chains)) {
            device.evaluate(positions, logDensity, gradient);
        }
        for (int c = 0; c < chains; c++) {
            assertClose(expectedLogDensity[c], logDensity[c], "log density of chain " + c);
            assertClose(expectedGradient[c], gradient[c], "gradient of x1, chain " + c);
            assertClose(expectedGradient[chains + c], gradient[chains + c], "gradient of x2, chain " + c);
        }
    }

    @Test
    void nutsOnTheDeviceGivesTheCpusDraws() {
        assumeBuilt();
        SamplerSettings settings = SamplerSettings.defaults(8, 99).withWarmup(0).withDraws(100).withStepSize(0.5)
                .withThreads(1);
        DrawRecorder expected = new DrawRecorder(settings.chains(), settings.draws());
        try (CpuBackend cpu = new CpuBackend()) {
            new Sampler(MODEL, cpu, settings).run(expected, new AtomicLong());
        }
        DrawRecorder actual = new DrawRecorder(settings.chains(), settings.draws());
        try (CudaBackend cuda = CudaBackend.open(0)) {
            new Sampler(MODEL, cuda, settings).run(actual, new AtomicLong());
        }
        expected.assertMatches(actual);
    }

    /** 64 float32 chains after Stan's warm-up: each mean within 4.5 standard errors of the spread of chain means. */
    @Test
    @Tag("long")
    void float32ChainsSampleTheExactMoments() {
        assumeBuilt();
        SamplerSettings settings = SamplerSettings.defaults(64, 5).withWarmup(300).withDraws(300).withThreads(2);
        double[][] means = new double[2][settings.chains()];
        try (CudaBackend cuda = CudaBackend.open(0, Precision.FLOAT32)) {
            new Sampler(MODEL, cuda, settings).run((chain, draw, position, stats) -> {
                synchronized (means) {
                    means[0][chain] += position[0] / settings.draws();
                    means[1][chain] += position[1] / settings.draws();
                }
            }, new AtomicLong());
        }
        ExactPosterior exact = WithExactPosterior.of(MODEL).orElseThrow();
        for (int d = 0; d < 2; d++) {
            PosteriorMoments moments = exact.moments().get(d);
            double mean = Arrays.stream(means[d]).average().orElseThrow();
            double variance = Arrays.stream(means[d]).map(m -> (m - mean) * (m - mean)).sum() / (means[d].length - 1);
            double standardError = Math.sqrt(variance / means[d].length);
            assertTrue(Math.abs(mean - moments.mean()) < 4.5 * standardError, moments.name() + ": " + mean
                    + " against exact " + moments.mean() + ", standard error " + standardError);
        }
    }
}
