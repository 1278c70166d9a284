package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped PTX, and Stan programs' generated PTX, load on CUDA 12 drivers: JCuda 12.6 bundles the CUDA 12.0 PTX compiler (libJNvPTXCompiler, the
 * same ptxas a CUDA 12.0 driver JIT-compiles with, and it needs no GPU), which must assemble every module for the
 * architectures users run, and must refuse the PTX ISA 9.0 that nvcc 13 writes unlowered.
 */
class Cuda12PtxCompilerTest {

    /** The compiler's exit code and its error log. */
    private record Compilation(int status, String errors) {
    }

    private static List<String> modules() {
        List<String> modules = CudaModule.shippedModules();
        assumeTrue(!modules.isEmpty(), "no PTX was built (no nvcc)");
        return modules;
    }

    private static Compilation compile(byte[] ptx, String architecture) {
        nvPTXCompilerHandle compiler = new nvPTXCompilerHandle();
        int created = JNvPTXCompiler.nvPTXCompilerCreate(compiler, ptx.length, ptx);
        assertEquals(0, created, "nvPTXCompilerCreate");
        try {
            int status = JNvPTXCompiler.nvPTXCompilerCompile(compiler, 1, new String[] {"--gpu-name=" + architecture});
            long[] size = {0};
            JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(compiler, size);
            byte[] log = new byte[(int) size[0]];
            JNvPTXCompiler.nvPTXCompilerGetErrorLog(compiler, log);
            return new Compilation(status, new String(log, StandardCharsets.US_ASCII).strip());
        } finally {
            JNvPTXCompiler.nvPTXCompilerDestroy(compiler);
        }
    }

    @Test
    void theBundledCompilerIsCuda12() {
        int[] major = {0};
        int[] minor = {0};
        assertEquals(0, JNvPTXCompiler.nvPTXCompilerGetVersion(major, minor));
        assertEquals(12, major[0], "PTX compiler version " + major[0] + "." + minor[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm_75", "sm_80", "sm_86", "sm_90"})
    void everyShippedModuleAssembles(String architecture) {
        for (String module : modules()) {
            Compilation compilation = compile(CudaModule.ptx(module), architecture);
            assertEquals(0, compilation.status(), module + ".ptx for " + architecture + ": " + compilation.errors());
        }
    }

    /** A Stan program's generated kernels, as the backend builds them at run time, assemble for CUDA 12.0 too. */
    @ParameterizedTest
    @ValueSource(strings = {"eight_schools-eight_schools_noncentered", "arK-arK", "low_dim_gauss_mix-low_dim_gauss_mix",
            "diamonds-diamonds"})
    void generatedKernelsAssemble(String program) throws Exception {
        assumeTrue(GeneratedKernels.nvcc() != null, "nvcc is not installed: no generated PTX");
        Path folder = StanKernelsStandInTest.posteriorDb().resolve("reference").resolve(program);
        StanModel model = StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json"));
        byte[] ptx = GeneratedKernels.of(model).ptx();
        for (String architecture : List.of("sm_75", "sm_80", "sm_90")) {
            Compilation compilation = compile(ptx, architecture);
            assertEquals(0, compilation.status(), program + " for " + architecture + ": " + compilation.errors());
        }
    }

    @Test
    void theIsaThatNvcc13WritesIsRefused() {
        String module = modules().get(0);
        String ptx = new String(CudaModule.ptx(module), StandardCharsets.US_ASCII);
        String unlowered = ptx.replaceFirst("(?m)^\\.version \\d+\\.\\d+$", ".version 9.0");
        assertTrue(unlowered.contains("\n.version 9.0\n"), "the PTX of " + module + " has a .version line");
        Compilation compilation = compile(unlowered.getBytes(StandardCharsets.US_ASCII), "sm_80");
        assertNotEquals(0, compilation.status(), "a CUDA 12.0 compiler must refuse PTX ISA 9.0");
        assertTrue(compilation.errors().contains("Unsupported .version"), compilation.errors());
    }
}
