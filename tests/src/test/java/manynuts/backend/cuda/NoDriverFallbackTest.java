package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.Backends;
import manynuts.cli.Main;
import org.junit.jupiter.api.Test;

/** A machine with no libcuda.so.1 at all (this JVM's library path has none): JCuda's natives fail to link. */
class NoDriverFallbackTest {

    @Test
    void autoUsesTheCpuBecauseThereIsNoDriver() {
        assumeFalse(CudaProbe.probe() instanceof CudaProbe.Available, "this machine has a CUDA driver and device");
        FallbackAssertions.assertFallsBackBecause("no CUDA driver: libcuda.so.1 not found", "JCudaDriver");
    }

    /** The command line's devices command answers without a driver, and says what runs instead. */
    @Test
    void devicesCommandSaysWhyThereAreNone() {
        assumeFalse(CudaProbe.probe() instanceof CudaProbe.Available, "this machine has a CUDA driver and device");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"devices"}, new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertTrue(out.toString().startsWith("no CUDA devices: no CUDA driver"), out.toString());
    }

    @Test
    void unknownBackendNamesAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("gpu", new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().equals("unknown backend 'gpu': expected auto, cpu, cuda or cuda:N[,M...]"),
                refused.getMessage());
    }
}
