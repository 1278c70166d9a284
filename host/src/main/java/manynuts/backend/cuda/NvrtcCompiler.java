package manynuts.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;

/**
 * Builds a Stan program's generated CUDA to PTX with NVRTC, CUDA's run-time compiler, through JCuda: the way where
 * nvcc is absent but {@code libnvrtc.so.12} is on the library path (a CUDA 12 toolkit's, or Python's
 * nvidia-cuda-nvrtc-cu12 package). The options are nvcc's for the same build (compute_75, C++17, no contraction of
 * multiply-adds); the headers go in as NVRTC's in-memory headers. NVRTC writes the PTX ISA of its own release; where
 * that is newer than the driver's, the {@code .version} line is lowered to the driver's (the kernels use nothing
 * past ISA 6.3, which nvcc's build checks with ptxas), since a driver refuses PTX newer than itself.
 */
final class NvrtcCompiler {

    private static final String LIBRARY = "libnvrtc.so.12 not on the library path";
    private static final Optional<String> MISSING = probe();

    private NvrtcCompiler() {
    }

    /** Why NVRTC cannot be used here, or empty when it can. */
    static Optional<String> missing() {
        return MISSING;
    }

    private static Optional<String> probe() {
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            int status = JNvrtc.nvrtcVersion(major, minor);
            return status == nvrtcResult.NVRTC_SUCCESS ? Optional.empty()
                    : Optional.of("NVRTC did not start: " + nvrtcResult.stringFor(status));
        } catch (LinkageError | SecurityException e) {
            // JCuda's JNI library for NVRTC links against libnvrtc.so.12: without it the class cannot load.
            return Optional.of(LIBRARY);
        }
    }

    /**
     * The PTX of {@code files}' {@code program.cu}, its headers given by name.
     *
     * @throws IllegalArgumentException in one line naming the program, with NVRTC's first error
     */
    static String ptx(String name, Map<String, String> files) {
        if (MISSING.isPresent()) {
            throw new IllegalArgumentException("program " + name + ": " + MISSING.get());
        }
        List<String> headers = new ArrayList<>();
        List<String> includeNames = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (!file.getKey().equals("program.cu")) {
                includeNames.add(file.getKey());
                headers.add(file.getValue());
            }
        }
        nvrtcProgram program = new nvrtcProgram();
        check(name, "create a program", JNvrtc.nvrtcCreateProgram(program, files.get("program.cu"), "program.cu",
                headers.size(), headers.toArray(String[]::new), includeNames.toArray(String[]::new)));
        try {
            String[] options = {"--gpu-architecture=compute_75", "--std=c++17", "--fmad=false"};
            int compiled = JNvrtc.nvrtcCompileProgram(program, options.length, options);
            if (compiled != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(program, log);
                throw new IllegalArgumentException("program " + name + ": NVRTC failed to compile its generated "
                        + "kernels: " + firstError(log[0], nvrtcResult.stringFor(compiled)));
            }
            String[] ptx = new String[1];
            check(name, "return the PTX", JNvrtc.nvrtcGetPTX(program, ptx));
            return lowered(ptx[0], driverIsa());
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static void check(String name, String what, int status) {
        if (status != nvrtcResult.NVRTC_SUCCESS) {
            throw new IllegalArgumentException("program " + name + ": NVRTC could not " + what + ": "
                    + nvrtcResult.stringFor(status));
        }
    }

    /** The log's first line that says error, else its first line, else {@code otherwise}. */
    static String firstError(String log, String otherwise) {
        String text = log == null ? "" : log;
        return text.lines().filter(line -> line.contains("error")).findFirst()
                .or(() -> text.lines().filter(line -> !line.isBlank()).findFirst())
                .orElse(otherwise).strip();
    }

    /**
     * {@code ptx} with its {@code .version} lowered to {@code isa} (major * 10 + minor) where it is newer; unchanged
     * where {@code isa} is 0 (the driver's version is not known).
     */
    static String lowered(String ptx, int isa) {
        Matcher version = CudaModule.PTX_VERSION.matcher(ptx);
        if (isa == 0 || !version.find()) {
            return ptx;
        }
        int own = Integer.parseInt(version.group(1)) * 10 + Integer.parseInt(version.group(2));
        return own <= isa ? ptx : CudaModule.withIsa(ptx, isa / 10 + "." + isa % 10);
    }

    /** The newest PTX ISA the driver reads, major * 10 + minor, or 0 when it cannot say. */
    private static int driverIsa() {
        try {
            int[] version = new int[1];
            if (JCudaDriver.cuInit(0) != 0 || JCudaDriver.cuDriverGetVersion(version) != 0) {
                return 0;
            }
            return isaOfCuda(version[0]);
        } catch (LinkageError e) {
            return 0;
        }
    }

    /**
     * The PTX ISA of a CUDA release (as cuDriverGetVersion gives it: 1000 * major + 10 * minor), from NVIDIA's PTX
     * ISA release notes: CUDA 12.0 to 12.5 write ISA 8.0 to 8.5, 12.6 stays at 8.5, 12.8 and 12.9 write 8.7 and 8.8,
     * 13.0 writes 9.0; 0 for releases before 12, which JCuda 12 does not drive.
     */
    static int isaOfCuda(int cudaVersion) {
        int major = cudaVersion / 1000;
        int minor = cudaVersion % 1000 / 10;
        if (major < 12) {
            return 0;
        }
        if (major > 12) {
            return 90 + 10 * (major - 13) + minor;
        }
        if (minor <= 5) {
            return 80 + minor;
        }
        return minor == 6 ? 85 : Math.min(88, 79 + minor);
    }
}
