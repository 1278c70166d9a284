package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Stan program's kernels built with nvcc at run time: the PTX a CUDA 12 driver loads, and compiler errors. */
class GeneratedKernelsTest {

    @AfterEach
    void restoreCompiler() {
        System.clearProperty("manynuts.nvcc");
    }

    @Test
    void aCompilerErrorIsOneLineNamingTheProgram(@TempDir Path dir) throws IOException {
        Path nvcc = dir.resolve("nvcc");
        Files.writeString(nvcc, "#!/bin/sh\necho 'program.cu(7): warning: unused'\n"
                + "echo 'program.cu(12): error: identifier \"x__\" is undefined' >&2\necho 'second error' >&2\nexit 1\n");
        Files.setPosixFilePermissions(nvcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("manynuts.nvcc", nvcc.toString());
        StanModel model = StanModels.compile("broken.stan",
                "parameters { real y; } model { y ~ normal(0, 2.5); }", null);
        IllegalArgumentException failed = assertThrows(IllegalArgumentException.class, () -> GeneratedKernels.of(model));
        assertEquals("program broken: nvcc failed to compile its generated kernels: program.cu(12): error: "
                + "identifier \"x__\" is undefined", failed.getMessage());
    }

    @Test
    void thePtxTargetsCompute75AtAnIsaCuda12DriversLoad() {
        assumeTrue(GeneratedKernels.nvcc() != null, "nvcc is not installed");
        StanModel model = StanModels.compile("normal.stan",
                "parameters { real y; } model { y ~ normal(0, 1); }", null);
        GeneratedKernels kernels = GeneratedKernels.of(model);
        String ptx = new String(kernels.ptx(), StandardCharsets.US_ASCII);
        assertTrue(ptx.contains("\n.version 6.3\n"), "PTX ISA lowered to 6.3");
        assertTrue(ptx.contains("\n.target sm_75\n"), "targets compute_75");
        String prefix = kernels.program().prefix();
        assertTrue(prefix.startsWith("stan_normal_"), prefix);
        for (String entry : new String[] {"_log_density_gradient", "_initialize", "_leapfrog"}) {
            assertTrue(ptx.contains(".entry " + prefix + entry + "("), entry);
            assertTrue(ptx.contains(".entry " + prefix + entry + "_f32("), entry + "_f32");
        }
    }
}
