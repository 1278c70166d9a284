package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import manynuts.models.ModelException;
import manynuts.models.stan.cuda.CudaProgram;
import manynuts.models.stan.emit.DataLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated CUDA of every reference posteriordb program the compiler accepts, and of a program of the library
 * functions no reference program calls, compiled for the host with g++ through the stand-in driver's shim header
 * and run one thread per chain, against the generated Java at the same points: log density and gradient to 1e-12 relative in float64. Skipped where g++ is absent. Also assembles the
 * float64 and float32 PTX of eight schools for sm_80 and sm_90 where nvcc is present, without spills.
 */
class CudaHostEquivalenceTest {
    private static final double TOLERANCE = 1e-12;
    /**
     * Programs whose gradient magnifies an ulp between libm and the JVM, with the tolerance their gradients get:
     * kronecker_gp's eigenvectors of nearly singular matrices (at random points eigenvalues from 1e-17 up, and five
     * equal to 1e-5 within 1e-20) weigh pairs of eigenvalues by one over their gap, up to 1e13; its gradients
     * differed by 4.9e-4 at most (its log densities by 1e-12 at most, as every program's).
     */
    private static final Map<String, Double> ILL_CONDITIONED = Map.of("synthetic_grid_RBF_kernels-kronecker_gp", 1e-3);
    private static final int POINTS = 4;
    /**
     * The tapes' first capacity: a chain whose tape is full reports it, and the run is repeated with four times the
     * room, as a host would grow the tapes (they are data, so the kernel need not be rebuilt).
     */
    private static final int FIRST_TAPE = 256;
    private static final int LARGEST_TAPE = 1 << 24;

    private static Path repository;
    private static Path work;
    private static final Map<String, Case> CASES = new ConcurrentSkipListMap<>();
    private static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();

    /**
     * One program: its Java model's results at the points, its kernel data, its generated CUDA, the folder of its
     * source, input and host build, and the build's error output (null once built).
     */
    private record Case(double[][] points, double[] logDensity, double[][] gradient, int[] integers, double[] reals,
            CudaProgram cuda, Path folder, String buildError) {
        Case built(String error) {
            return new Case(points, logDensity, gradient, integers, reals, cuda, folder, error);
        }

        Path binary() {
            return folder.resolve("harness");
        }

        /** Writes the harness's input with tapes of the given capacity. */
        Path input(int tape) throws IOException {
            int[] data = integers.clone();
            data[DataLayout.REAL_TAPE] = tape;
            data[DataLayout.INT_TAPE] = tape;
            StringBuilder text = new StringBuilder();
            text.append(data.length).append(' ').append(reals.length).append(' ').append(POINTS).append(' ')
                    .append(points[0].length).append(' ').append(cuda.scratchBytes(data, POINTS, false)).append('\n');
            for (int k : data) {
                text.append(k).append('\n');
            }
            for (double r : reals) {
                text.append(r).append('\n');
            }
            for (double[] point : points) {
                for (double x : point) {
                    text.append(x).append(' ');
                }
                text.append('\n');
            }
            Path input = folder.resolve("input.txt");
            Files.writeString(input, text);
            return input;
        }
    }

    /**
     * The reference programs, the library functions' program and the distributions' own programs (test resources);
     * with {@code -Dcuda.host.programs=all} every posteriordb program too, with {@code =distributions} the
     * distributions' programs alone, with {@code =REGEX} those of all of them whose folder matches.
     */
    static List<Path> folders() {
        String programs = System.getProperty("cuda.host.programs");
        if ("distributions".equals(programs)) {
            return distributionPrograms();
        }
        List<Path> folders = new ArrayList<>(PosteriorDbPrograms.references());
        folders.add(libraryFunctions());
        folders.addAll(distributionPrograms());
        if (programs != null) {
            folders.addAll(PosteriorDbPrograms.others());
            if (!programs.equals("all")) {
                folders.removeIf(dir -> !dir.getFileName().toString().matches(".*(" + programs + ").*"));
            }
        }
        return folders;
    }

    /** Programs that use every distribution the posteriordb programs leave out, each folder a model and its data. */
    static List<Path> distributionPrograms() {
        try (java.util.stream.Stream<Path> list = Files.list(Path.of(
                CudaHostEquivalenceTest.class.getResource("distributions").toURI()))) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the distributions' programs", e);
        }
    }

    /** A program of this module's tests that calls the library functions no reference program calls. */
    private static Path libraryFunctions() {
        try {
            return Path.of(CudaHostEquivalenceTest.class.getResource("programs/library-functions/model.stan").toURI())
                    .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> programs() {
        return folders().stream().map(dir -> dir.getFileName().toString()).toList();
    }

    @BeforeAll
    static void buildAll() throws Exception {
        repository = repositoryRoot();
        work = Path.of("target", "cuda-host").toAbsolutePath();
        Files.createDirectories(work);
        if (!onPath("g++")) {
            return;
        }
        Path harness = work.resolve("cuda_host_harness.cpp");
        try (InputStream in = CudaHostEquivalenceTest.class.getResourceAsStream("cuda_host_harness.cpp")) {
            Files.write(harness, in.readAllBytes());
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<?>> builds = new ArrayList<>();
        for (Path dir : folders()) {
            Case prepared = prepare(dir);
            if (prepared != null) {
                String name = dir.getFileName().toString();
                builds.add(pool.submit(() -> {
                    CASES.put(name, build(prepared, harness));
                    return null;
                }));
            }
        }
        for (Future<?> build : builds) {
            build.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf("CUDA host builds: %d programs in %.1f s%n", builds.size(),
                (System.nanoTime() - start) / 1e9);
    }

    /** The Java model's results at seeded points, its kernel data and generated CUDA; null when refused. */
    private static Case prepare(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Path data = dir.resolve("data.json");
        StanModel model;
        CudaProgram cuda;
        try {
            model = StanModels.compile(dir.resolve("model.stan"), Files.isRegularFile(data) ? data : null);
            cuda = StanModels.cudaProgram(name + ".stan", model.text());
        } catch (ModelException e) {
            OUTCOMES.put(name, "refused by the compiler: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        int dimension = model.dimension();
        Random random = new Random(name.hashCode());
        double[][] points = new double[POINTS][dimension];
        double[] logDensity = new double[POINTS];
        double[][] gradient = new double[POINTS][dimension];
        for (int p = 0; p < POINTS; p++) {
            for (int d = 0; d < dimension; d++) {
                points[p][d] = p == 0 ? 0.0 : 4.0 * random.nextDouble() - 2.0;
            }
            logDensity[p] = model.logDensityGradientAt(points[p], 0, gradient[p], null);
        }
        Path folder = work.resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("program.cu"), cuda.source());
        return new Case(points, logDensity, gradient, model.program().kernelIntegers(), model.program().kernelReals(),
                cuda, folder, "not built");
    }

    private static Case build(Case prepared, Path harness) throws Exception {
        Path folder = prepared.folder();
        Process process = new ProcessBuilder("g++", "-std=c++17", "-O0", "-ffp-contract=off", "-w",
                "-I" + repository.resolve("tests/src/test/native"), "-I" + repository.resolve("kernels/src/main/cuda"),
                "-DMANYNUTS_PROGRAM=\"" + folder.resolve("program.cu") + "\"",
                "-DMANYNUTS_ENTRY=" + prepared.cuda().prefix() + "_log_density_gradient",
                "-DMANYNUTS_MODEL=" + prepared.cuda().structName(), "-o", prepared.binary().toString(),
                harness.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return prepared.built(process.waitFor() == 0 ? null : output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void hostBuildOfTheGeneratedCudaMatchesTheJavaModel(String name) throws Exception {
        assumeTrue(onPath("g++"), "g++ is not on the PATH: the generated CUDA cannot be compiled for the host");
        Case c = CASES.get(name);
        if (c == null) {
            assumeTrue(false, name + ": " + OUTCOMES.getOrDefault(name, "not prepared"));
        }
        assertEquals(null, c.buildError(), name + ": the host build of the generated CUDA failed");
        int tape = FIRST_TAPE;
        List<String[]> chains = run(c, tape);
        while (chains.stream().anyMatch(fields -> fields[0].equals("2"))) {
            tape *= 4;
            assertTrue(tape <= LARGEST_TAPE, name + ": a chain's tape is full at " + LARGEST_TAPE / 4 + " slots");
            chains = run(c, tape);
        }
        double worst = 0;
        int finite = 0;
        for (int p = 0; p < POINTS; p++) {
            String[] fields = chains.get(p);
            double logDensity = parse(fields[1]);
            finite += Double.isFinite(logDensity) ? 1 : 0;
            worst = Math.max(worst, check(name, p, "log density", c.logDensity()[p], logDensity, TOLERANCE));
            double tolerance = ILL_CONDITIONED.getOrDefault(name, TOLERANCE);
            for (int d = 0; d < c.gradient()[p].length; d++) {
                worst = Math.max(worst, check(name, p, "gradient[" + d + "]", c.gradient()[p][d],
                        parse(fields[2 + d]), tolerance));
            }
        }
        OUTCOMES.put(name, String.format("%d of %d points finite, worst relative difference %.2g, tapes of %d",
                finite, POINTS, worst, tape));
    }

    /** Each chain's status, log density and gradient from the host build's run with the given tapes. */
    private static List<String[]> run(Case c, int tape) throws IOException, InterruptedException {
        Process run = new ProcessBuilder(c.binary().toString(), c.input(tape).toString()).redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), c.folder() + ": the harness failed:\n" + output);
        List<String[]> chains = output.lines().map(line -> line.trim().split(" ")).toList();
        assertEquals(POINTS, chains.size(), output);
        return chains;
    }

    /** The relative difference, after asserting it is within the tolerance. */
    private static double check(String name, int point, String what, double java, double cuda, double tolerance) {
        if (java == cuda || (Double.isNaN(java) && Double.isNaN(cuda))) {
            return 0.0;
        }
        double relative = Math.abs(java - cuda) / Math.max(Math.abs(java), Math.abs(cuda));
        assertTrue(relative <= tolerance, name + ", point " + point + ", " + what + ": Java " + java + ", CUDA on "
                + "the host " + cuda + " (relative difference " + relative + ")");
        return relative;
    }

    private static double parse(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    @Test
    void eightSchoolsPtxAssemblesForSm80AndSm90WithoutSpills() throws Exception {
        Path nvcc = cudaTool("nvcc");
        assumeTrue(nvcc != null, "nvcc is not installed: the generated PTX is not assembled");
        Path dir = PosteriorDbPrograms.root().resolve("reference/eight_schools-eight_schools_noncentered");
        CudaProgram cuda = StanModels.cudaProgram(dir.getFileName() + ".stan",
                Files.readString(dir.resolve("model.stan")));
        Path folder = work.resolve("ptx");
        Files.createDirectories(folder);
        Path source = folder.resolve(cuda.prefix() + ".cu");
        Path ptx = folder.resolve(cuda.prefix() + ".ptx");
        Files.writeString(source, cuda.source());
        String compiled = execute(nvcc.toString(), "-ptx", "-arch=compute_75", "-std=c++17", "-fmad=false",
                "-I" + repository.resolve("kernels/src/main/cuda"), "-o", ptx.toString(), source.toString());
        assertTrue(compiled.startsWith("0\n"), "nvcc failed:\n" + compiled);
        for (String arch : List.of("sm_80", "sm_90")) {
            String report = execute(nvcc.resolveSibling("ptxas").toString(), "-arch=" + arch, "-v", "--warn-on-spills",
                    "-o", "/dev/null", ptx.toString());
            assertTrue(report.startsWith("0\n"), "ptxas failed for " + arch + ":\n" + report);
            List<String> lines = report.lines().toList();
            for (int k = 0; k < lines.size(); k++) {
                if (lines.get(k).contains("Compiling entry function")) {
                    String entry = lines.get(k).replaceAll(".*function '([^']*)'.*", "$1");
                    String spills = lines.get(k + 2).trim();
                    String registers = lines.get(k + 3).replaceAll(".*Used (\\d+) registers.*", "$1");
                    System.out.println("ptxas " + arch + " " + entry + ": " + registers + " registers, " + spills);
                    assertTrue(spills.contains("0 bytes spill stores, 0 bytes spill loads"), entry + ": " + spills);
                }
            }
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("generated CUDA on the host against the Java model:");
        OUTCOMES.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }

    /** The exit status on the first line, then the merged output. */
    private static String execute(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() + "\n" + output;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Path cudaTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        Path standard = Path.of("/usr/local/cuda/bin", tool);
        return Files.isExecutable(standard) ? standard : null;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("kernels/src/main/cuda/stan_math.cuh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("kernels/src/main/cuda was not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
