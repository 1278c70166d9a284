package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.ChainBlock;
import manynuts.backend.Precision;
import manynuts.models.CorrelatedNormal;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.ExactPosterior;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import manynuts.models.Model;
import manynuts.models.NealsFunnel;
import manynuts.models.NealsFunnelNonCentered;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 kernels through the stand-in: the chain state in float, so they agree with the float64 CPU model to
 * float's precision (not 1e-12), take half the device memory, and sample the right posterior.
 */
@Tag("standin")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Float32StandInTest {
    /**
     * float's unit roundoff is 6e-8; a dozen operations per term and sums of ten terms (eight schools) or 60 terms
     * (the logistic regression's products and sums) stay far below this.
     */
    private static final double FLOAT_TOLERANCE = 2e-5;

    private CudaBackend backend;

    @BeforeAll
    void open() {
        StandIn.assumeBuilt();
        backend = CudaBackend.open(0, Precision.FLOAT32);
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    static Stream<Model> models() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        // The logistic regression runs split: drift, gemm_f32, its likelihood kernel, gemm_f32, kick, all in float.
        return Stream.of(new EightSchoolsCentered(data), new EightSchoolsNonCentered(data), new NealsFunnel(6),
                new NealsFunnelNonCentered(5), new CorrelatedNormal(12, 0.6),
                HierarchicalLogisticRegression.simulated(60, 3, 5, 7));
    }

    @ParameterizedTest
    @MethodSource("models")
    void logDensityAndGradientAgreeWithTheModelToFloatPrecision(Model model) {
        int chains = 131;
        int dimension = model.dimension();
        Random random = new Random(5);
        double[] positions = new double[dimension * chains];
        for (int i = 0; i < positions.length; i++) {
            // Rounded to float first, so the comparison measures the arithmetic, not the input's rounding.
            positions[i] = (float) (6.0 * random.nextDouble() - 3.0);
        }
        double[] expectedLogDensity = new double[chains];
        double[] expectedGradient = new double[dimension * chains];
        model.logDensityGradient(positions, chains, 0, chains, expectedLogDensity, expectedGradient);
        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        try (DeviceLogDensity device = backend.logDensity(model, chains)) {
            device.evaluate(positions, logDensity, gradient);
        }
        double worst = 0;
        for (int c = 0; c < chains; c++) {
            worst = Math.max(worst, relativeError(expectedLogDensity[c], logDensity[c]));
            for (int d = 0; d < dimension; d++) {
                worst = Math.max(worst, relativeError(expectedGradient[d * chains + c], gradient[d * chains + c]));
            }
        }
        assertTrue(worst < FLOAT_TOLERANCE, "largest relative error " + worst);
        assertTrue(worst > 1e-12, "float32 state must round like float, not double: largest error " + worst);
    }

    private static double relativeError(double expected, double actual) {
        return Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
    }

    /** For the logistic regression the split path's scratch (linear predictors, gradient, X) is in float too. */
    @ParameterizedTest
    @MethodSource("models")
    void aBlockTakesHalfTheDeviceMemory(Model model) {
        long single = blockBytes(backend, model);
        try (CudaBackend float64 = CudaBackend.open(0)) {
            long twice = blockBytes(float64, model);
            // The staging and per-chain buffers stay double, so a little more than half.
            assertTrue(single < 0.55 * twice && single > 0.45 * twice, single + " bytes against " + twice);
        }
    }

    private static long blockBytes(CudaBackend cuda, Model model) {
        long before = StandIn.freeMemory(cuda);
        try (ChainBlock block = cuda.allocate(model, 0, 2000, 10, 1)) {
            return before - StandIn.freeMemory(cuda);
        }
    }

    @Test
    void theBackendSaysItsPrecisionAndTheCpuRefusesFloat32() {
        assertTrue(backend.name().endsWith(", float32)"), backend.name());
        StringWriter log = new StringWriter();
        try (Backend chosen = Backends.choose("cuda", Precision.FLOAT32, new PrintWriter(log))) {
            assertEquals("backend: cuda:0 (manynuts stand-in 0 (kernels on the CPU), float32) (requested)",
                    log.toString().strip());
        }
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> Backends.choose("cpu", Precision.FLOAT32, new PrintWriter(new StringWriter())));
        assertEquals("--precision float32 needs a CUDA backend: the CPU backend computes in float64",
                refused.getMessage());
    }

    /**
     * Stan's warm-up and 400 draws of 64 chains in float32: the means of mu and tau_log within 4.5 standard errors
     * of the exact posterior (the chains are independent, so the spread of their means gives the error).
     */
    @Test
    @Tag("long")
    void float32ChainsSampleTheExactPosterior() {
        HierarchicalNormalData data = HierarchicalNormalData.eightSchools();
        Model model = new EightSchoolsNonCentered(data);
        SamplerSettings settings = SamplerSettings.defaults(64, 29).withWarmup(400).withDraws(400).withThreads(2);
        double[][] means = new double[model.dimension()][settings.chains()];
        new Sampler(model, backend, settings).run((chain, draw, position, stats) -> {
            synchronized (means) {
                for (int d = 0; d < position.length; d++) {
                    means[d][chain] += position[d] / settings.draws();
                }
            }
        }, new AtomicLong());
        ExactPosterior exact = new HierarchicalNormalExact(data).posterior();
        for (String name : new String[] {"mu", "tau_log"}) {
            double[] chainMeans = means[model.parameterNames().indexOf(name)];
            double mean = java.util.Arrays.stream(chainMeans).average().orElseThrow();
            double variance = java.util.Arrays.stream(chainMeans).map(m -> (m - mean) * (m - mean)).sum()
                    / (chainMeans.length - 1);
            double standardError = Math.sqrt(variance / chainMeans.length);
            assertTrue(Math.abs(mean - exact.mean(name)) < 4.5 * standardError,
                    name + ": float32 mean " + mean + ", exact " + exact.mean(name) + ", standard error "
                            + standardError);
        }
    }
}
