package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import manynuts.backend.Precision;
import manynuts.cli.Main;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cuBLAS path through the real JCublas on the stand-in libcublas.so.12 (which sums in another order than the own
 * kernel on purpose): it is chosen and says so, its products stay within the rounding-error bound of a dot product,
 * and the logistic regression's density and gradient through it agree with the CPU within {@link #CUBLAS_TOLERANCE}.
 */
@Tag("cublas")
class CublasStandInTest {
    /**
     * float64, relative with unit scale below 1. A k-term dot product summed in any order is within
     * gamma_k sum|a_l b_l| of the exact value (gamma_k = k u / (1 - k u), u = 2^-53), so two orders differ by at most
     * twice that. For the model below (n = 60 observations, 3 predictors, positions in (-3, 3)) the gradient's
     * product sums 60 terms |r_i x_ik| below about 3, so the worst case is about 2 * 60 * 1.1e-16 * 180 = 2.4e-12,
     * plus the linear predictors' (3 terms) effect through the likelihood, below 1e-13. 1e-10 leaves a factor 40
     * over that worst case and stays 10^5 below what a float32 or a wrong operand would show. The contract's 1e-12
     * is below the worst case: cuBLAS cannot honestly be held to it.
     */
    static final double CUBLAS_TOLERANCE = 1e-10;
    /** float32 against the float64 CPU: float rounding dominates whichever the order (as Float32StandInTest). */
    static final double FLOAT_TOLERANCE = 2e-5;

    private static final Model LOGISTIC = HierarchicalLogisticRegression.simulated(60, 3, 5, 7);

    @BeforeEach
    void standIns() {
        StandIn.assumeBuilt();
        StandIn.assumeCublasBuilt();
    }

    /** JCublas's natives resolved their 494 versioned cuBLAS imports against the stand-in this execution built. */
    @Test
    void theCublasInUseIsTheStandIn() throws IOException {
        try (CudaBackend backend = CudaBackend.open(0)) {
            backend.matrixProducts();
        }
        String maps = Files.readString(Path.of("/proc/self/maps"));
        String library = Path.of(System.getProperty("manynuts.standin.cublas")).toRealPath().toString();
        assertTrue(maps.contains(library), "libcublas.so.12 mapped from " + library);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void cublasIsChosenAndTheDescriptionSaysWhichRoutine(Precision precision) {
        String routine = precision == Precision.FLOAT32 ? "cublasSgemm" : "cublasDgemm";
        try (CudaBackend backend = CudaBackend.open(0, precision)) {
            String description = backend.matrixProducts().description();
            assertEquals("cuBLAS " + routine + " (libcublas.so.12 through JCublas)", description);
            assertEquals(Optional.of(description), backend.matrixProducts(LOGISTIC));
            Model eightSchools = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
            assertEquals(Optional.empty(), backend.matrixProducts(eightSchools), "no design matrix, no choice");
        }
    }

    @Test
    void theOwnKernelIsChosenWhenCublasIsSwitchedOff() {
        try (CudaBackend backend = OwnKernel.open(Precision.FLOAT64)) {
            assertEquals("own GEMM kernel (cuBLAS not used: -Dmanynuts.cublas=false)",
                    backend.matrixProducts().description());
        }
    }

    /**
     * C = A B^T and C = A B + C through cuBLAS and through the own kernel: every element within twice the bound of
     * a k-term dot product (plus the beta term's rounding), and some elements not equal, since the stand-in sums in
     * another order.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void productsAgreeWithTheOwnKernelWithinTheRoundingBound(Precision precision) {
        try (CudaBackend cublas = CudaBackend.open(0, precision);
             CudaBackend own = OwnKernel.open(precision)) {
            GemmComparison comparison = new GemmComparison(precision, 131, 40, 60, new Random(17));
            for (boolean transposeB : new boolean[] {false, true}) {
                double[] viaCublas = comparison.run(cublas, transposeB);
                double[] viaKernel = comparison.run(own, transposeB);
                int differing = 0;
                for (int i = 0; i < viaCublas.length; i++) {
                    double bound = comparison.bound(transposeB, i);
                    assertTrue(Math.abs(viaCublas[i] - viaKernel[i]) <= bound, "element " + i + ": cuBLAS "
                            + viaCublas[i] + ", own kernel " + viaKernel[i] + ", bound " + bound);
                    differing += viaCublas[i] != viaKernel[i] ? 1 : 0;
                }
                assertTrue(differing > 0, "the stand-in must sum in another order than the own kernel");
            }
        }
    }

    /** The logistic regression's batched density through cuBLAS: within the tolerance of the CPU, and not bitwise. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void logisticDensityAndGradientAgreeWithTheCpu(Precision precision) {
        int chains = 131;
        int dimension = LOGISTIC.dimension();
        Random random = new Random(5);
        double[] positions = new double[dimension * chains];
        for (int i = 0; i < positions.length; i++) {
            // Rounded to float first, so the float32 comparison measures the arithmetic, not the input's rounding.
            positions[i] = (float) (6.0 * random.nextDouble() - 3.0);
        }
        double[] expected = evaluate(null, positions, chains);
        double[] viaCublas;
        double[] viaKernel;
        try (CudaBackend cublas = CudaBackend.open(0, precision);
             CudaBackend own = OwnKernel.open(precision)) {
            viaCublas = evaluate(cublas, positions, chains);
            viaKernel = evaluate(own, positions, chains);
        }
        double tolerance = precision == Precision.FLOAT32 ? FLOAT_TOLERANCE : CUBLAS_TOLERANCE;
        double worst = 0;
        boolean orderShows = false;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - viaCublas[i]) / Math.max(1.0, Math.abs(expected[i])));
            orderShows |= viaCublas[i] != viaKernel[i];
        }
        System.out.printf("cuBLAS %s logistic density and gradient: largest relative difference from the CPU %.3g%n",
                precision.label(), worst);
        assertTrue(worst <= tolerance, "largest relative difference " + worst + " above " + tolerance);
        assertTrue(orderShows, "cuBLAS and the own kernel must not agree to the last bit everywhere");
    }

    /**
     * The stand-in refuses what cuBLAS refuses (a leading dimension below the rows, a destroyed handle) and fails
     * where a GPU would fault (a matrix reaching past its allocation), so the backend's calls are proven valid.
     */
    @Test
    void theStandInChecksArgumentsAsCublasDoes() {
        try (CudaBackend backend = CudaBackend.open(0)) {
            backend.makeCurrent();
            cublasHandle handle = new cublasHandle();
            assertEquals(0, JCublas2.cublasCreate(handle));
            Pointer one = Pointer.to(new double[] {1.0});
            try (DeviceBuffer a = DeviceBuffer.ofDoubles(4 * 3); DeviceBuffer b = DeviceBuffer.ofDoubles(3 * 2);
                 DeviceBuffer c = DeviceBuffer.ofDoubles(4 * 2)) {
                int n = cublasOperation.CUBLAS_OP_N;
                assertEquals(0, JCublas2.cublasDgemm(handle, n, n, 4, 2, 3, one, a.pointer(), 4, b.pointer(), 3,
                        one, c.pointer(), 4), "a valid product");
                assertEquals(cublasStatus.CUBLAS_STATUS_INVALID_VALUE, JCublas2.cublasDgemm(handle, n, n, 4, 2, 3,
                        one, a.pointer(), 3, b.pointer(), 3, one, c.pointer(), 4), "lda below m");
                assertEquals(cublasStatus.CUBLAS_STATUS_EXECUTION_FAILED, JCublas2.cublasDgemm(handle, n, n, 4, 3,
                        3, one, a.pointer(), 4, b.pointer(), 3, one, c.pointer(), 4), "C past its allocation");
            } finally {
                assertEquals(0, JCublas2.cublasDestroy(handle));
            }
            assertEquals(cublasStatus.CUBLAS_STATUS_NOT_INITIALIZED, JCublas2.cublasSetStream(handle, null),
                    "a destroyed handle");
        }
    }

    /** The command line says once which products a matrix model uses and records it in run.json. */
    @Test
    void sampleSaysAndRecordsTheChoice(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] sample = {"sample", "-m", "logistic", "--backend", "cuda", "--precision", "float32", "-o",
            output.toString(), "--chains", "4", "--warmup", "20", "--draws", "10", "--seed", "3"};
        assertEquals(0, Main.execute(sample, new PrintWriter(out), new PrintWriter(err)), err.toString());
        String choice = "cuBLAS cublasSgemm (libcublas.so.12 through JCublas)";
        assertEquals(1, err.toString().lines().filter(line -> line.equals("matrix products: " + choice)).count(),
                err.toString());
        assertEquals(choice, new ObjectMapper().readTree(output.resolve("run.json").toFile())
                .path("matrix_products").asText(), "run.json records the choice");
    }

    /** Log densities then gradients of every chain: on the CPU model when {@code backend} is null. */
    private static double[] evaluate(CudaBackend backend, double[] positions, int chains) {
        int dimension = LOGISTIC.dimension();
        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        if (backend == null) {
            LOGISTIC.logDensityGradient(positions, chains, 0, chains, logDensity, gradient);
        } else {
            try (DeviceLogDensity device = backend.logDensity(LOGISTIC, chains)) {
                device.evaluate(positions, logDensity, gradient);
            }
        }
        double[] both = new double[chains + dimension * chains];
        System.arraycopy(logDensity, 0, both, 0, chains);
        System.arraycopy(gradient, 0, both, chains, gradient.length);
        return both;
    }
}
