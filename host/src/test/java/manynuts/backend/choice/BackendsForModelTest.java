package manynuts.backend.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import manynuts.backend.choice.Backends;
import manynuts.backend.Backend;
import manynuts.backend.Precision;

/**
 * A model without CUDA kernels (a Java model that supplies none, or a Stan program where nvcc is absent to build its
 * generated ones) runs on the CPU under auto, and cuda refuses it in one line.
 */
class BackendsForModelTest {
    private static final Model PROGRAM = StanModels.compile("normal.stan",
            "parameters { real x; } model { x ~ normal(0, 1); }", null);

    /** A Java model without kernels. */
    private static final Model NO_KERNELS = new Model() {
        public String name() {
            return "normal";
        }

        public int dimension() {
            return 1;
        }

        public List<String> parameterNames() {
            return List.of("x");
        }

        public void logDensityGradient(double[] p, int s, int f, int t, double[] l, double[] g) {
            for (int c = f; c < t; c++) {
                l[c] = -0.5 * p[c] * p[c];
                g[c] = -p[c];
            }
        }

        public List<String> outputNames() {
            return List.of("x");
        }

        public void outputs(double[] u, double[] o) {
            o[0] = u[0];
        }
    };

    @AfterEach
    void restoreCompiler() {
        System.clearProperty("manynuts.nvcc");
    }

    @Test
    void autoRunsAModelWithoutKernelsOnTheCpuAndSaysWhy() {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", Precision.FLOAT32, NO_KERNELS, new PrintWriter(log, true))) {
            assertInstanceOf(CpuBackend.class, backend);
        }
        assertEquals("backend: cpu (auto: model normal has no CUDA kernels; the CPU computes in float64)",
                log.toString().strip());
    }

    @Test
    void cudaRefusesAModelWithoutKernelsBeforeOpeningADevice() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda:0", Precision.FLOAT64, NO_KERNELS, new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().startsWith("--backend cuda:0: model normal has no CUDA kernels"),
                refused.getMessage());
    }

    @Test
    void autoRunsAStanProgramOnTheCpuWithoutACompilerAndSaysWhy() {
        System.setProperty("manynuts.nvcc", "");
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", Precision.FLOAT64, PROGRAM, new PrintWriter(log, true))) {
            assertInstanceOf(CpuBackend.class, backend);
        }
        assertEquals("backend: cpu (auto: model normal: no compiler for its generated kernels (nvcc is not on the PATH, "
                + "libnvrtc.so.12 not on the library path))",
                log.toString().strip());
    }

    @Test
    void cudaRefusesAStanProgramWithoutACompilerInOneLine() {
        System.setProperty("manynuts.nvcc", "");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda", Precision.FLOAT64, PROGRAM, new PrintWriter(new StringWriter())));
        assertEquals("--backend cuda: model normal: no compiler for its generated kernels (nvcc is not on the "
                + "PATH, libnvrtc.so.12 not on the library path); use --backend cpu or auto", refused.getMessage());
    }
}
