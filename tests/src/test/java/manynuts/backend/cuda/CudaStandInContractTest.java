package manynuts.backend.cuda;

import static manynuts.backend.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import manynuts.backend.Backend;
import manynuts.backend.BackendContractTest;
import manynuts.backend.ChainBlock;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA backend, unchanged, on JCuda and the stand-in driver that runs the kernels' own sources on the CPU:
 * the backend contract, plus what only a device backend has (the batched log density kernel, memory released
 * on close, a full eight schools run).
 */
@Tag("standin")
class CudaStandInContractTest extends BackendContractTest {

    @Override
    protected Backend openBackend() {
        StandIn.assumeBuilt();
        return CudaBackend.open(0);
    }

    @ParameterizedTest
    @MethodSource("models")
    void logDensityKernelMatchesTheModel(Model model) {
        int chains = 257;
        int dimension = model.dimension();
        Random random = new Random(99);
        double[] positions = new double[dimension * chains];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = 8.0 * random.nextDouble() - 4.0;
        }
        positions[chains + 3] = 30.0;
        positions[chains + 4] = -30.0;
        double[] expectedLogDensity = new double[chains];
        double[] expectedGradient = new double[dimension * chains];
        model.logDensityGradient(positions, chains, 0, chains, expectedLogDensity, expectedGradient);
        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        try (DeviceLogDensity device = ((CudaBackend) backend()).logDensity(model, chains)) {
            device.evaluate(positions, logDensity, gradient);
        }
        for (int c = 0; c < chains; c++) {
            assertClose(expectedLogDensity[c], logDensity[c], "log density of chain " + c);
            for (int d = 0; d < dimension; d++) {
                assertClose(expectedGradient[d * chains + c], gradient[d * chains + c],
                        "gradient " + d + " of chain " + c);
            }
        }
    }

    @Test
    void closingABlockReleasesItsDeviceMemory() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        CudaBackend cuda = (CudaBackend) backend();
        long before = StandIn.freeMemory(cuda);
        try (ChainBlock block = cuda.allocate(model, 0, 1000, 10, 1)) {
            // Three checkpoint vectors (momentum, sum before, previous momentum) in maxDepth + 1 slots.
            assertTrue(StandIn.freeMemory(cuda) < before - 1000L * model.dimension() * 8 * 11 * 3,
                    "a block of 1000 chains holds its checkpoints on the device");
        }
        assertEquals(before, StandIn.freeMemory(cuda), "every device allocation is freed on close");
    }

    @Test
    void oneBlockHoldsAllChains() {
        assertEquals(5000, backend().preferredBlockSize(5000));
        assertEquals(CudaBackend.MAX_BLOCK_SIZE, backend().preferredBlockSize(10_000_000));
        assertTrue(backend().name().startsWith("cuda:0 (manynuts stand-in"), backend().name());
    }

    @Test
    void aModelWithoutKernelsIsRefusedByName() {
        Model gaussian = new Model() {
            public String name() {
                return "gaussian";
            }

            public int dimension() {
                return 1;
            }

            public List<String> parameterNames() {
                return List.of("x");
            }

            public void logDensityGradient(double[] p, int s, int f, int t, double[] l, double[] g) {
            }

            public List<String> outputNames() {
                return List.of("x");
            }

            public void outputs(double[] u, double[] o) {
            }
        };
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> backend().allocate(gaussian, 0, 4, 5, 1));
        assertTrue(refused.getMessage().contains("gaussian has no CUDA kernels"), refused.getMessage());
    }

    /** 2000 transitions of four chains without warm-up: every draw as on the CPU. */
    @Test
    @Tag("long")
    void fullEightSchoolsNonCenteredRunMatchesTheCpu() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        assertSameDraws(model, SamplerSettings.defaults(4, 8).withWarmup(0).withDraws(2000).withStepSize(0.4)
                .withThreads(2));
    }

    /**
     * Stan's defaults (1000 warm-up, 1000 draws): adaptation makes the chains part from the CPU's after a few
     * hundred iterations (last-bit exp/log differences fed back through the step size), so the posterior means
     * must agree within Monte Carlo error instead.
     */
    @Test
    @Tag("long")
    void warmedUpRunAgreesWithTheCpuWithinMonteCarloError() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        SamplerSettings settings = SamplerSettings.defaults(8, 11).withThreads(2);
        double[][] cpu = chainMeans(model, new manynuts.backend.cpu.CpuBackend(), settings);
        double[][] cuda = chainMeans(model, backend(), settings);
        for (int d = 0; d < model.dimension(); d++) {
            double[] a = cpu[d];
            double[] b = cuda[d];
            double difference = mean(a) - mean(b);
            double standardError = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
            assertTrue(Math.abs(difference) < 5 * standardError,
                    model.parameterNames().get(d) + ": CPU mean " + mean(a) + ", CUDA mean " + mean(b)
                            + ", standard error of the difference " + standardError);
        }
    }

    /** Per coordinate, each chain's mean of its draws. */
    private static double[][] chainMeans(Model model, Backend backend, SamplerSettings settings) {
        double[][] means = new double[model.dimension()][settings.chains()];
        new manynuts.nuts.Sampler(model, backend, settings).run((chain, draw, position, stats) -> {
            synchronized (means) {
                for (int d = 0; d < position.length; d++) {
                    means[d][chain] += position[d] / settings.draws();
                }
            }
        }, new java.util.concurrent.atomic.AtomicLong());
        return means;
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        return java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
    }
}
