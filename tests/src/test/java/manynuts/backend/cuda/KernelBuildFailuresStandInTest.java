package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jcuda.driver.CUresult;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.backend.Precision;
import manynuts.backend.cpu.CpuBackend;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated kernels that cannot be built or loaded: a compiler that fails sends {@code auto} to the CPU with one
 * line naming the program and the compiler's first error, and stops {@code cuda} with that line; PTX newer than the
 * driver reads is refused by the (stand-in) driver and named as such, with what to do.
 */
@Tag("standin-generated")
class KernelBuildFailuresStandInTest {

    /** A program of its own, so no cached PTX stands in for the failing build. */
    private static final String PROGRAM = """
            parameters {
              real x;
            }
            model {
              x ~ normal(1.2345, 0.5);
            }
            """;

    @TempDir
    Path directory;

    @Test
    void aCompilerErrorSendsAutoToTheCpuAndStopsCudaInOneLine() throws IOException {
        StandIn.assumeBuilt();
        Path failing = directory.resolve("nvcc");
        Files.writeString(failing, "#!/bin/sh\necho 'program.cu(7): error: simulated compiler failure' >&2\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path source = Files.writeString(directory.resolve("failing_build.stan"), PROGRAM);
        StanModel model = StanModels.compile(source, null);
        System.setProperty("manynuts.nvcc", failing.toString());
        try {
            StringWriter log = new StringWriter();
            try (Backend backend = Backends.choose("auto", Precision.FLOAT64, model, new PrintWriter(log, true))) {
                assertInstanceOf(CpuBackend.class, backend);
            }
            String expected = "program failing_build: nvcc failed to compile its generated kernels: program.cu(7): "
                    + "error: simulated compiler failure";
            assertEquals("backend: cpu (auto: " + expected + ")", log.toString().strip());

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Backends.choose(
                    "cuda", Precision.FLOAT64, model, new PrintWriter(new StringWriter())));
            assertEquals(expected, refused.getMessage());
        } finally {
            System.clearProperty("manynuts.nvcc");
        }
    }

    @Test
    void ptxNewerThanTheDriverIsRefusedNamingItsIsa() {
        StandIn.assumeBuilt();
        String shipped = new String(CudaModule.ptx("trajectory"), StandardCharsets.US_ASCII);
        try (CudaBackend backend = CudaBackend.open(0)) {
            backend.makeCurrent();
            // The stand-in is a CUDA 12.6 driver: ISA 8.5 is the newest it reads.
            CudaModule.load("at_the_limit", withVersion(shipped, "8.5")).close();
            CudaFailure refused = assertThrows(CudaFailure.class,
                    () -> CudaModule.load("too_new", withVersion(shipped, "9.0")));
            assertEquals(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, refused.code());
            assertTrue(refused.getMessage().startsWith("cuModuleLoadData(too_new.ptx) failed: "
                    + "CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222): its PTX is ISA 9.0, newer than this driver reads; "
                    + "update the NVIDIA driver"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));
        }
    }

    private static byte[] withVersion(String ptx, String version) {
        return ptx.replaceFirst("(?m)^\\.version [0-9.]+$", ".version " + version).getBytes(StandardCharsets.US_ASCII);
    }
}
