package manynuts.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.Model;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.Test;

/** A model without CUDA kernels (a Stan program) runs on the CPU under auto, and cuda refuses it in one line. */
class BackendsForModelTest {
    private static final Model PROGRAM = StanModels.compile("normal.stan",
            "parameters { real x; } model { x ~ normal(0, 1); }", null);

    @Test
    void autoRunsAModelWithoutKernelsOnTheCpuAndSaysWhy() {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", Precision.FLOAT32, PROGRAM, new PrintWriter(log, true))) {
            assertInstanceOf(CpuBackend.class, backend);
        }
        assertEquals("backend: cpu (auto: model normal has no CUDA kernels; the CPU computes in float64)",
                log.toString().strip());
    }

    @Test
    void cudaRefusesAModelWithoutKernelsBeforeOpeningADevice() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda:0", Precision.FLOAT64, PROGRAM, new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().startsWith("--backend cuda:0: model normal has no CUDA kernels"),
                refused.getMessage());
    }
}
