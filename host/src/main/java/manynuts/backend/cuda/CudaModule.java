package manynuts.backend.cuda;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static manynuts.backend.cuda.CudaFailure.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * One PTX file of the kernels jar ({@code /manynuts/kernels/<name>.ptx}), or a Stan program's generated PTX, loaded
 * into the current context.
 */
final class CudaModule implements AutoCloseable {
    /** Where the build puts the PTX: the kernels module's resources. */
    static final String RESOURCE_FOLDER = "/manynuts/kernels/";
    /** The {@code .version} line of PTX: the PTX ISA it is written in, major and minor. */
    static final Pattern PTX_VERSION = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$");

    private final String name;
    private final CUmodule module;
    private boolean closed;

    private CudaModule(String name, CUmodule module) {
        this.name = name;
        this.module = module;
    }

    /** Whether the build shipped this module's PTX (it does not where nvcc was absent). */
    static boolean shipped(String name) {
        return CudaModule.class.getResource(RESOURCE_FOLDER + name + ".ptx") != null;
    }

    /** The names of every shipped module (the build's index, {@code modules.txt}); empty where nvcc was absent. */
    static List<String> shippedModules() {
        try (InputStream in = CudaModule.class.getResourceAsStream(RESOURCE_FOLDER + "modules.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the index of the kernel modules", e);
        }
    }

    /** The PTX text of a shipped module. */
    static byte[] ptx(String name) {
        try (InputStream in = CudaModule.class.getResourceAsStream(RESOURCE_FOLDER + name + ".ptx")) {
            if (in == null) {
                throw new IllegalStateException("no PTX for kernel module " + name
                        + ": this build was made without nvcc, so the CUDA backend has no kernels");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the PTX of kernel module " + name, e);
        }
    }

    /** Loads a shipped module into the current context; the driver JIT-compiles the PTX for the device. */
    static CudaModule load(String name) {
        return load(name, ptx(name));
    }

    /** Loads PTX built elsewhere (a Stan program's generated kernels) as module {@code name}. */
    static CudaModule load(String name, byte[] text) {
        // cuModuleLoadData reads PTX as a NUL-terminated string.
        byte[] image = Arrays.copyOf(text, text.length + 1);
        CUmodule module = new CUmodule();
        int loaded = cuModuleLoadData(module, image);
        if (loaded == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            // The likely cause on a user's machine, named with what to do about it.
            throw new CudaFailure("cuModuleLoadData(" + name + ".ptx)", loaded, "its PTX is ISA "
                    + isa(new String(text, StandardCharsets.US_ASCII)) + ", newer than this driver reads; update the "
                    + "NVIDIA driver");
        }
        check(loaded, "cuModuleLoadData(" + name + ".ptx)");
        return new CudaModule(name, module);
    }

    /** The {@code .version} of PTX text, or "unknown". */
    static String isa(String ptx) {
        Matcher version = PTX_VERSION.matcher(ptx);
        return version.find() ? version.group(1) + "." + version.group(2) : "unknown";
    }

    /** {@code ptx} with its {@code .version} line set to {@code isa} (such as "8.5"). */
    static String withIsa(String ptx, String isa) {
        return PTX_VERSION.matcher(ptx).replaceFirst(".version " + isa);
    }

    CUfunction function(String entry) {
        CUfunction function = new CUfunction();
        check(cuModuleGetFunction(function, module, entry), "cuModuleGetFunction(" + name + ", " + entry + ")");
        return function;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            check(cuModuleUnload(module), "cuModuleUnload(" + name + ")");
        }
    }
}
