package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.Backends;
import org.junit.jupiter.api.Test;

/** A machine with no libcuda.so.1 at all (this JVM's library path has none): JCuda's natives fail to link. */
class NoDriverFallbackTest {

    @Test
    void autoUsesTheCpuBecauseThereIsNoDriver() {
        assumeFalse(CudaProbe.probe() instanceof CudaProbe.Available, "this machine has a CUDA driver and device");
        FallbackAssertions.assertFallsBackBecause("no CUDA driver: libcuda.so.1 could not be loaded");
    }

    @Test
    void unknownBackendNamesAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("gpu", new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().equals("unknown backend 'gpu': expected auto, cpu or cuda"),
                refused.getMessage());
    }
}
