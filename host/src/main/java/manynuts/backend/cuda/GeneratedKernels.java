package manynuts.backend.cuda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import manynuts.models.stan.cuda.CudaGenerator;
import manynuts.models.stan.cuda.CudaProgram;
import manynuts.models.stan.java.ClassCache;

/**
 * A Stan program's generated CUDA built to PTX at run time, as {@code kernels/build-ptx.sh} builds the shipped
 * kernels: nvcc for compute_75 with {@code -fmad=false}, the {@code .version} lowered to the lowest PTX ISA that
 * ptxas still assembles for sm_75 (so CUDA 12 drivers load it). Where nvcc is absent, NVRTC builds it with the same
 * options ({@link NvrtcCompiler}). The PTX is cached in the compiled programs' folder ({@code ~/.cache/manynuts/stan},
 * see {@link ClassCache}) under the hash of the source, the headers it includes and the compiler.
 *
 * @param program the generated source and its scratch sizes
 * @param ptx     the PTX text the driver loads
 */
record GeneratedKernels(CudaProgram program, byte[] ptx) {
    private static final Pattern INCLUDE = Pattern.compile("(?m)^#include \"([^\"]+)\"");
    private static final List<String> ISA_VERSIONS = List.of("6.3", "6.4", "6.5", "7.0", "7.1", "7.2", "7.3", "7.4",
            "7.5", "7.6", "7.7", "7.8", "8.0", "8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "9.0");
    private static final Map<String, GeneratedKernels> BUILT = new ConcurrentHashMap<>();

    /** Why generated kernels cannot be built here, or empty when nvcc or NVRTC is there. */
    static Optional<String> compilerMissing() {
        if (nvcc() != null) {
            return Optional.empty();
        }
        return NvrtcCompiler.missing().map(reason -> "no compiler for its generated kernels (nvcc is not on the PATH, "
                + reason + ")");
    }

    /**
     * The PTX of {@code model}'s generated kernels, from the cache or built now.
     *
     * @throws IllegalArgumentException in one line naming the program, with the compiler's first error
     */
    static GeneratedKernels of(StanModel model) {
        CudaProgram program = program(model);
        Map<String, String> files = withHeaders(program.source());
        // The two compilers' PTX differ (NVRTC's is lowered to the driver's ISA), so each has its own entry.
        String key = nvcc() != null ? hash(files) : "nvrtc-" + hash(files);
        return BUILT.computeIfAbsent(key, k -> new GeneratedKernels(program, cachedOrBuilt(model.name(), k, files)));
    }

    /**
     * The generated CUDA of {@code model}, its entries prefixed {@code stan_<name>_<hash of the text>} so that two
     * programs of one name (every posteriordb {@code model.stan}) never share an entry name.
     */
    static CudaProgram program(StanModel model) {
        String name = model.name().replaceAll("[^A-Za-z0-9_]", "_");
        String text = hash(Map.of("program.stan", model.text())).substring(0, 8);
        return CudaGenerator.generate(StanModels.lower(model.source(), model.text()), "stan_" + name + "_" + text);
    }

    private static byte[] cachedOrBuilt(String name, String key, Map<String, String> files) {
        Path cached = ClassCache.folder().resolve("ptx").resolve(key + ".ptx");
        try {
            if (Files.isRegularFile(cached)) {
                return Files.readAllBytes(cached);
            }
        } catch (IOException e) {
            // An unreadable cache only costs a build.
        }
        byte[] ptx = build(name, files);
        try {
            Files.createDirectories(cached.getParent());
            Path temporary = Files.createTempFile(cached.getParent(), key, ".tmp");
            Files.write(temporary, ptx);
            Files.move(temporary, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Not writable: building again next time is correct.
        }
        return ptx;
    }

    /** The program's source as {@code program.cu} and every kernel header it includes, by file name. */
    private static Map<String, String> withHeaders(String source) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("program.cu", source);
        addIncludes(source, files);
        return files;
    }

    private static void addIncludes(String text, Map<String, String> files) {
        Matcher include = INCLUDE.matcher(text);
        while (include.find()) {
            String header = include.group(1);
            if (files.containsKey(header)) {
                continue;
            }
            try (InputStream in = GeneratedKernels.class.getResourceAsStream(CudaModule.RESOURCE_FOLDER + header)) {
                if (in == null) {
                    throw new IllegalStateException("the kernels jar has no header " + header);
                }
                String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                files.put(header, content);
                addIncludes(content, files);
            } catch (IOException e) {
                throw new UncheckedIOException("reading kernel header " + header, e);
            }
        }
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                digest.update((file.getKey() + "\n" + file.getValue().length() + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] build(String name, Map<String, String> files) {
        Path nvcc = nvcc();
        if (nvcc == null) {
            return NvrtcCompiler.ptx(name, files).getBytes(StandardCharsets.US_ASCII);
        }
        Path ptxas = nvcc.resolveSibling("ptxas");
        Path work = null;
        try {
            work = Files.createTempDirectory("manynuts-cuda");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(work.resolve(file.getKey()), file.getValue());
            }
            Path ptx = work.resolve("program.ptx");
            Outcome compiled = run(work, nvcc.toString(), "-ptx", "-arch=compute_75", "-std=c++17", "-fmad=false",
                    "-I" + work, "-o", ptx.toString(), work.resolve("program.cu").toString());
            if (compiled.status() != 0) {
                throw new IllegalArgumentException("program " + name + ": nvcc failed to compile its generated "
                        + "kernels: " + compiled.firstError());
            }
            String text = Files.readString(ptx);
            for (String version : ISA_VERSIONS) {
                String lowered = CudaModule.withIsa(text, version);
                Path candidate = work.resolve("program." + version + ".ptx");
                Files.writeString(candidate, lowered);
                if (run(work, ptxas.toString(), "-arch=sm_75", "-o", "/dev/null", candidate.toString()).status() == 0) {
                    return lowered.getBytes(StandardCharsets.US_ASCII);
                }
            }
            Outcome assembled = run(work, ptxas.toString(), "-arch=sm_75", "-o", "/dev/null", ptx.toString());
            throw new IllegalArgumentException("program " + name + ": ptxas failed on its generated kernels: "
                    + assembled.firstError());
        } catch (IOException e) {
            throw new IllegalArgumentException("program " + name + ": building its generated kernels: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("program " + name + ": interrupted while building its kernels", e);
        } finally {
            delete(work);
        }
    }

    /** A tool's exit status and merged output. */
    private record Outcome(int status, String output) {
        String firstError() {
            return NvrtcCompiler.firstError(output, "exit status " + status);
        }
    }

    private static Outcome run(Path work, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Outcome(-1, command[0] + " did not finish in 10 minutes");
        }
        return new Outcome(process.exitValue(), output);
    }

    /**
     * The system property {@code manynuts.nvcc} where set (empty: no compiler), else nvcc on the PATH, else in
     * /usr/local/cuda/bin, else null.
     */
    static Path nvcc() {
        String chosen = System.getProperty("manynuts.nvcc");
        if (chosen != null) {
            return !chosen.isBlank() && Files.isExecutable(Path.of(chosen)) ? Path.of(chosen) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
                return Path.of(dir, "nvcc");
            }
        }
        Path standard = Path.of("/usr/local/cuda/bin/nvcc");
        return Files.isExecutable(standard) ? standard : null;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A stray temporary folder is harmless.
        }
    }
}
