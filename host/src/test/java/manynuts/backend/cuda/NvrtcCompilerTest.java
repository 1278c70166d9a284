package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The parts of the NVRTC path that need no NVRTC: the PTX ISA of a driver, lowering, the first error of a log. */
class NvrtcCompilerTest {

    @Test
    void ptxIsaOfEachCudaRelease() {
        assertEquals(0, NvrtcCompiler.isaOfCuda(11080), "JCuda 12 drives no CUDA 11");
        assertEquals(80, NvrtcCompiler.isaOfCuda(12000));
        assertEquals(84, NvrtcCompiler.isaOfCuda(12040));
        assertEquals(85, NvrtcCompiler.isaOfCuda(12050));
        assertEquals(85, NvrtcCompiler.isaOfCuda(12060), "CUDA 12.6 kept ISA 8.5");
        assertEquals(87, NvrtcCompiler.isaOfCuda(12080));
        assertEquals(88, NvrtcCompiler.isaOfCuda(12090));
        assertEquals(90, NvrtcCompiler.isaOfCuda(13000));
    }

    @Test
    void lowersOnlyANewerVersion() {
        String ptx = "//\n.version 9.0\n.target sm_75\n";
        assertEquals("//\n.version 8.5\n.target sm_75\n", NvrtcCompiler.lowered(ptx, 85));
        assertEquals(ptx, NvrtcCompiler.lowered(ptx, 90));
        assertEquals(ptx, NvrtcCompiler.lowered(ptx, 0), "an unknown driver leaves it");
        assertEquals("\n.version 7.8\n", NvrtcCompiler.lowered("\n.version 7.8\n", 85));
    }

    @Test
    void firstErrorLineOfALog() {
        assertEquals("program.cu(3): error: identifier \"y\" is undefined", NvrtcCompiler.firstError(
                "program.cu(1): warning: unused\nprogram.cu(3): error: identifier \"y\" is undefined\n\n1 error\n", "x"));
        assertEquals("something odd", NvrtcCompiler.firstError("\nsomething odd\n", "x"));
        assertEquals("NVRTC_ERROR_COMPILATION", NvrtcCompiler.firstError(null, "NVRTC_ERROR_COMPILATION"));
    }
}
