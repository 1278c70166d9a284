package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import manynuts.backend.Tolerance;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import manynuts.models.stan.java.ClassCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A GPU host without nvcc but with NVRTC: generated kernels are built through JCuda's NVRTC binding, against the
 * stand-in libnvrtc.so.12 (which compiles with nvcc, so the PTX is real), then loaded and run by the stand-in driver
 * exactly as nvcc's are. This JVM is told there is no nvcc ({@code manynuts.nvcc} empty) and has a PTX cache of its
 * own, so every build here goes through NVRTC.
 */
@Tag("standin-nvrtc")
class NvrtcStandInTest {

    private static CudaBackend backend;

    @BeforeAll
    static void open() throws IOException {
        StandIn.assumeBuilt();
        String nvrtc = System.getProperty("manynuts.standin.nvrtc");
        assumeTrue(nvrtc != null && Files.exists(Path.of(nvrtc)), "the stand-in NVRTC was not built (no nvcc)");
        System.setProperty("manynuts.nvcc", "");
        // A PTX left by an earlier run would be read instead of built: this JVM's cache starts empty.
        Path cached = ClassCache.folder().resolve("ptx");
        if (Files.isDirectory(cached)) {
            try (Stream<Path> files = Files.list(cached)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
        }
        backend = CudaBackend.open(0);
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
        System.clearProperty("manynuts.nvcc");
    }

    @Test
    void nvrtcStandsInForAMissingNvcc() {
        assertEquals(null, GeneratedKernels.nvcc());
        assertEquals(Optional.empty(), NvrtcCompiler.missing(), "JNvrtc loads against libnvrtc.so.12");
        assertEquals(Optional.empty(), GeneratedKernels.compilerMissing());
    }

    @Test
    void aProgramBuiltByNvrtcRunsAsOnTheCpu() throws Exception {
        Path folder = StanKernelsStandInTest.posteriorDb().resolve("reference")
                .resolve("eight_schools-eight_schools_noncentered");
        StanModel model = StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json"));
        Path work = Path.of("target", "stan-kernels-nvrtc").toAbsolutePath();
        Files.createDirectories(work);
        Path plugins = Files.createDirectories(Path.of(System.getProperty("manynuts.standin.kernels")));
        StanKernelsStandInTest.buildPlugin(GeneratedKernels.program(model), plugins, work);

        String ptx = new String(GeneratedKernels.of(model).ptx(), StandardCharsets.US_ASCII);
        // The stand-in driver says CUDA 12.6, whose PTX ISA is 8.5: nvcc 13's 9.0 (what the stand-in NVRTC
        // returns) must have been lowered to it, or a CUDA 12.6 driver would refuse the module.
        assertTrue(ptx.contains("\n.version 8.5\n") || ptx.matches("(?s).*\n\\.version [678]\\.[0-4]\n.*"),
                "the PTX ISA must not be newer than the driver's: " + ptx.lines().filter(l -> l.startsWith(".version"))
                        .findFirst().orElse("no .version line"));

        StanKernelsStandInTest.assertLogDensityAndGradientEqual("eight schools (NVRTC)", model, backend);
        StanKernelsStandInTest.assertTransitionsEqual(model, backend, Tolerance.RELATIVE);
    }

    @Test
    void aCompileErrorIsOneLineNamingTheProgramAndTheFirstError() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> NvrtcCompiler.ptx("broken", Map.of("program.cu",
                        "extern \"C\" __global__ void entry(double* x) { x[0] = undeclared_function(); }\n")));
        String message = refused.getMessage();
        assertTrue(message.startsWith("program broken: NVRTC failed to compile its generated kernels: "), message);
        assertTrue(message.contains("undeclared_function"), message);
        assertFalse(message.contains("\n"), message);
    }
}
