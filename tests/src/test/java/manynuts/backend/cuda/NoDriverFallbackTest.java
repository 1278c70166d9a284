package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import manynuts.backend.choice.Backends;
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

    /** sample says why in one short line; --verbose adds what the loader said on the next. */
    @Test
    void verboseSampleGivesTheLoadersWords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        assumeFalse(CudaProbe.probe() instanceof CudaProbe.Available, "this machine has a CUDA driver and device");
        for (boolean verbose : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sample", "-m", "noncentered",
                    "--chains", "2", "--warmup", "20", "--draws", "20", "--threads", "1", "-o",
                    directory.resolve("run-" + verbose).toString()));
            if (verbose) {
                args.add("--verbose");
            }
            assertEquals(0, Main.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err)),
                    err.toString());
            java.util.List<String> lines = out.toString().lines().toList();
            assertEquals("backend: cpu (auto: no CUDA driver: libcuda.so.1 not found)", lines.get(0));
            assertEquals(verbose, lines.get(1).startsWith("backend detail: no CUDA driver: libcuda.so.1 not found ("),
                    lines.get(1));
            assertEquals(verbose, lines.get(1).contains("JCudaDriver"), lines.get(1));
        }
    }

    @Test
    void unknownBackendNamesAreRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("gpu", new PrintWriter(new StringWriter())));
        assertTrue(refused.getMessage().equals("unknown backend 'gpu': expected auto, cpu, cuda or cuda:N[,M...]"),
                refused.getMessage());
    }
}
