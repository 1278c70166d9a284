package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import manynuts.backend.ChainBlock;
import manynuts.backend.DrawRecorder;
import manynuts.backend.Precision;
import manynuts.backend.Tolerance;
import manynuts.backend.TreeBuilding;
import manynuts.backend.cpu.CpuBackend;
import manynuts.cli.Main;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import manynuts.models.stan.cuda.CudaProgram;
import manynuts.nuts.Sampler;
import manynuts.nuts.SamplerException;
import manynuts.nuts.SamplerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stan programs on the real CUDA backend with their generated kernels: the backend builds each program's CUDA to PTX
 * with nvcc and loads it; the stand-in driver runs the same source compiled for the host by g++ (a plugin that this
 * test builds into the folder the driver is given, {@code MANYNUTS_STANDIN_KERNELS}), after checking that every entry
 * the backend asks for is in the PTX and in the plugin with the same parameters. Log densities and gradients equal
 * the CPU compiler's to 1e-12 relative in float64, whole transitions equal the CPU's, and the PTX assembles for sm_80
 * and sm_90.
 */
@Tag("standin-generated")
class StanKernelsStandInTest {
    private static final double TOLERANCE = 1e-12;

    /** Eight schools, centered, as a user writes it. */
    private static final String EIGHT_SCHOOLS_CENTERED = """
            data {
              int<lower=0> J;
              array[J] real y;
              array[J] real<lower=0> sigma;
            }
            parameters {
              real mu;
              real<lower=0> tau;
              vector[J] theta;
            }
            model {
              mu ~ normal(0, 5);
              tau ~ cauchy(0, 5);
              theta ~ normal(mu, tau);
              y ~ normal(theta, sigma);
            }
            """;

    /**
     * A program whose tape use grows with |x|: a while loop over a parameter, each pass saving s. Its posterior sits
     * near x = 4, outside the (-2, 2) where the tapes are probed, so chains fill their tapes as they get there.
     */
    private static final String GROWING_TAPE = """
            parameters {
              real x;
            }
            model {
              real s = x;
              real k = 0;
              while (k < 200 * square(x)) {
                s = 0.999 * s + 0.001 * x;
                k += 1;
              }
              target += -0.5 * square(s - 4);
            }
            """;

    /**
     * The log cdfs built on the incomplete gamma and beta functions, von_mises, ordered_logistic, multi_student_t and
     * the LKJ densities, all of parameters.
     */
    private static final String DISTRIBUTIONS = """
            data {
              array[3] int n;
              array[3] int k;
              vector[3] w;
            }
            parameters {
              real<lower=0> y;
              real<lower=0> a;
              real<lower=0> b;
              real<lower=0, upper=1> p;
              real<lower=-pi(), upper=pi()> angle;
              real<lower=0> kappa;
              ordered[2] c;
              vector[2] t;
              cholesky_factor_corr[3] L;
              corr_matrix[2] Omega;
            }
            model {
              y ~ gamma(2, 1);
              a ~ gamma(2, 1);
              b ~ gamma(2, 1);
              target += gamma_lcdf(y | a, b) + gamma_lccdf(y | a, b) + inv_gamma_lcdf(y | a, b);
              target += beta_lcdf(p | a, b) + beta_lccdf(p | a, b) + double_exponential_lccdf(t[1] | 0, b);
              target += poisson_lcdf(n | y) + binomial_lccdf(n | 10, p) + neg_binomial_2_lcdf(n | y, a);
              angle ~ von_mises(0.5, kappa);
              kappa ~ gamma(2, 1);
              k ~ ordered_logistic(t[2] * w, c);
              t ~ multi_student_t(a + 1, [0, 1]', [[1, 0.3], [0.3, 2]]);
              L ~ lkj_corr_cholesky(b);
              target += lkj_corr_lpdf(Omega | 2);
            }
            """;

    /** posteriordb reference programs, read as data. */
    private static final List<String> REFERENCES = List.of("eight_schools-eight_schools_noncentered", "arK-arK",
            "low_dim_gauss_mix-low_dim_gauss_mix");

    private static final Map<String, StanModel> MODELS = new LinkedHashMap<>();
    private static CudaBackend backend;

    @BeforeAll
    static void buildPlugins() throws Exception {
        StandIn.assumeBuilt();
        assumeTrue(GeneratedKernels.nvcc() != null, "nvcc is not installed: no generated PTX");
        Path plugins = Path.of(System.getProperty("manynuts.standin.kernels"));
        Path work = Path.of("target", "stan-kernels").toAbsolutePath();
        Files.createDirectories(plugins);
        Files.createDirectories(work);
        Path schools = work.resolve("eight_schools_centered.stan");
        Path schoolsData = work.resolve("eight_schools.json");
        Files.writeString(schools, EIGHT_SCHOOLS_CENTERED);
        Files.writeString(schoolsData, "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], "
                + "\"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}");
        MODELS.put("eight_schools_centered", StanModels.compile(schools, schoolsData));
        Path growing = work.resolve("growing_tape.stan");
        Files.writeString(growing, GROWING_TAPE);
        MODELS.put("growing_tape", StanModels.compile(growing, null));
        Path distributions = work.resolve("distributions.stan");
        Path distributionsData = work.resolve("distributions.json");
        Files.writeString(distributions, DISTRIBUTIONS);
        Files.writeString(distributionsData, "{\"n\": [0, 2, 5], \"k\": [1, 3, 2], \"w\": [-1, 0.5, 2]}");
        MODELS.put("distributions", StanModels.compile(distributions, distributionsData));
        // The library functions' program of the models module's tests (quad_form, triangular solves, sorts, ranks,
        // eigen*_sym, loop-sized locals), read from its test jar.
        Path library = work.resolve("library_functions.stan");
        Path libraryData = work.resolve("library_functions.json");
        copyResource("/manynuts/models/stan/programs/library-functions/model.stan", library);
        copyResource("/manynuts/models/stan/programs/library-functions/data.json", libraryData);
        MODELS.put(LIBRARY_FUNCTIONS, StanModels.compile(library, libraryData));
        Path posteriorDb = posteriorDb();
        for (String name : REFERENCES) {
            Path folder = posteriorDb.resolve("reference").resolve(name);
            MODELS.put(name, StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json")));
        }
        for (StanModel model : MODELS.values()) {
            buildPlugin(GeneratedKernels.program(model), plugins, work);
        }
        backend = CudaBackend.open(0);
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * Compiles a program's CUDA for the host as the stand-in's own kernels are (kernel_registry.cpp over its sources
     * and entries), into a plugin the stand-in opens by entry name.
     */
    static void buildPlugin(CudaProgram program, Path plugins, Path work) throws Exception {
        Path folder = work.resolve(program.prefix());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("program.cu"), program.source());
        Files.writeString(folder.resolve("kernel_sources.inc"), "#include \"program.cu\"\n");
        StringBuilder entries = new StringBuilder();
        for (String kernel : List.of("log_density_gradient", "initialize", "leapfrog", "finish_leapfrog", "sample")) {
            entries.append("MANYNUTS_KERNEL(").append(program.prefix()).append('_').append(kernel).append("),\n");
            entries.append("MANYNUTS_KERNEL(").append(program.prefix()).append('_').append(kernel).append("_f32),\n");
        }
        Files.writeString(folder.resolve("kernel_entries.inc"), entries.toString());
        Path library = plugins.resolve(program.prefix() + ".so");
        Path nativeSources = Path.of(System.getProperty("manynuts.standin.sources"));
        Path kernelSources = Path.of(System.getProperty("manynuts.kernel.sources"));
        List<String> command = new java.util.ArrayList<>(List.of("g++", "-std=c++17", "-shared", "-fPIC",
                "-fvisibility=hidden", "-ffp-contract=off", "-O1", "-w", "-DMANYNUTS_KERNEL_PLUGIN"));
        // Under the AddressSanitizer execution the plugins are instrumented too, as the stand-in's own kernels are.
        if ("address".equals(System.getProperty("manynuts.standin.sanitize"))) {
            command.addAll(List.of("-g", "-fsanitize=address", "-fno-omit-frame-pointer"));
        }
        command.addAll(List.of("-I" + nativeSources, "-I" + kernelSources, "-I" + folder, "-o", library.toString(),
                nativeSources.resolve("kernel_registry.cpp").toString()));
        Process g = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, g.waitFor(), program.prefix() + ": the host build of the generated CUDA failed:\n" + output);
    }

    static List<String> programs() {
        return List.of("eight_schools_centered", REFERENCES.get(0), REFERENCES.get(1), REFERENCES.get(2),
                "distributions", LIBRARY_FUNCTIONS);
    }

    /** Uses 255 registers and spills on sm_80 (measured: 560 bytes), so the spill check leaves it out. */
    private static final String LIBRARY_FUNCTIONS = "library_functions";

    private static void copyResource(String resource, Path file) throws IOException {
        try (java.io.InputStream in = StanKernelsStandInTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            Files.write(file, in.readAllBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void logDensityAndGradientEqualTheCpuCompilers(String name) {
        assertLogDensityAndGradientEqual(name, MODELS.get(name));
    }

    private static void assertLogDensityAndGradientEqual(String name, StanModel model) {
        assertLogDensityAndGradientEqual(name, model, backend);
    }

    /**
     * How closely a program's generated kernels must agree with the CPU compiler's code: log density and gradient,
     * relative (normwise: against each chain's largest gradient component); whole transitions, relative (NaN: not
     * compared); and how many of the 37 random points must have a finite log density for the comparison to say
     * something.
     */
    record Agreement(double evaluation, double trajectory, int finitePoints, boolean normwise) {

        Agreement(double evaluation, double trajectory, int finitePoints) {
            this(evaluation, trajectory, finitePoints, false);
        }
    }

    /** The reference programs: 1e-12 for evaluations, as the hand-written models; a majority of finite points. */
    static final Agreement REFERENCE = new Agreement(TOLERANCE, 1e-10, 19);

    /**
     * The programs without reference draws, some of which add up 1e5 terms of exp, log and lgamma (the
     * covid19imperial programs: gradients of 1e5 from daily counts), where an ulp of difference between C's libm
     * and the JVM in each term leaves 2e-11 of the sum; and some of which reject most points of (-2, 2) (dogs_log's
     * uniform priors on an unconstrained vector leave 12 of 37). Over 12 draws the trajectories of ldaK5's 16,000
     * coordinates carry such differences to 1.7e-9 by the last draw, the tree shapes still identical.
     */
    static final Agreement OTHER = new Agreement(1e-10, 1e-8, 10);

    /**
     * kronecker_gp: at random points its matrices are nearly singular, and the gradient through eigenvectors of
     * eigenvalues a rounding error apart is as ill-conditioned on the device as on the CPU (PosteriorDbGradientTest
     * holds it to 1e-3 against finite differences): Java's and the device's Jacobi sweeps round differently, and
     * a small component that is the difference of large terms keeps only their rounding. Its gradients are compared
     * normwise: each component within 1e-3 of the chain's largest. Its transitions are not compared: trajectories
     * that follow gradients this noisy part after a draw (6e-3 apart by the second), on the CPU as on a device.
     */
    static final Agreement ILL_CONDITIONED = new Agreement(1e-3, Double.NaN, 10, true);

    private static Agreement agreementOf(String program) {
        return program.endsWith("kronecker_gp") ? ILL_CONDITIONED : OTHER;
    }

    /** Log density and gradient of 37 chains at random points on {@code cuda}, as on the CPU to 1e-12 relative. */
    static void assertLogDensityAndGradientEqual(String name, StanModel model, CudaBackend cuda) {
        assertLogDensityAndGradientEqual(name, model, cuda, REFERENCE);
    }

    private static void assertLogDensityAndGradientEqual(String name, StanModel model, CudaBackend cuda,
            Agreement agreement) {
        int chains = 37;
        int dimension = model.dimension();
        Random random = new Random(name.hashCode());
        double[] positions = new double[dimension * chains];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i < dimension * 1 ? 0.0 : 3.0 * random.nextDouble() - 1.5;
        }
        double[] expectedLogDensity = new double[chains];
        double[] expectedGradient = new double[dimension * chains];
        model.logDensityGradient(positions, chains, 0, chains, expectedLogDensity, expectedGradient);
        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        int[] statuses;
        try (DeviceLogDensity device = cuda.logDensity(model, chains)) {
            device.evaluate(positions, logDensity, gradient);
            statuses = device.statuses();
        }
        int finite = 0;
        for (int c = 0; c < chains; c++) {
            assertTrue(statuses[c] != 2, name + ", chain " + c + ": a tape was full");
            finite += Double.isFinite(expectedLogDensity[c]) ? 1 : 0;
            assertRelative(expectedLogDensity[c], logDensity[c], agreement.evaluation(),
                    name + ", chain " + c + ", log density");
            double scale = 0.0;
            for (int d = 0; agreement.normwise() && d < dimension; d++) {
                scale = Math.max(scale, Math.max(Math.abs(expectedGradient[d * chains + c]),
                        Math.abs(gradient[d * chains + c])));
            }
            for (int d = 0; d < dimension; d++) {
                double expected = expectedGradient[d * chains + c];
                double actual = gradient[d * chains + c];
                String what = name + ", chain " + c + ", gradient " + d;
                if (agreement.normwise() && Double.isFinite(scale)) {
                    assertTrue(Math.abs(expected - actual) <= agreement.evaluation() * scale, what + ": CPU "
                            + expected + ", CUDA " + actual + " (the chain's largest component " + scale + ")");
                } else {
                    assertRelative(expected, actual, agreement.evaluation(), what);
                }
            }
        }
        assertTrue(finite >= agreement.finitePoints(), name + ": only " + finite + " finite log densities");
    }

    /** Short runs without warm-up at a fixed step size: every transition as on the CPU. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void transitionsEqualTheCpus(String name) {
        assertTransitionsEqual(MODELS.get(name), Tolerance.RELATIVE);
    }

    /**
     * Every posteriordb reference program the CPU compiler accepts: log density, gradient and transitions as on the
     * CPU. Each program's kernels and host plugin are built here, so this is the slow part of the suite.
     */
    @Tag("long")
    @ParameterizedTest(name = "{0}")
    @MethodSource("referencePrograms")
    void everyReferenceProgramMatchesTheCpu(String name) throws Exception {
        assertProgramMatchesTheCpu(posteriorDb().resolve("reference").resolve(name), REFERENCE);
    }

    /**
     * Programs without reference draws, chosen for what they add to the reference programs and for kernels that
     * nvcc and ptxas build in seconds: transformed data and log_sum_exp over a mixture of counts (M0), bounded
     * rates and generated quantities (Rate_4), an unordered mixture with log_mix (low_dim_gauss_mix_collapse), a
     * centered hierarchy with binomial_logit (seeds_centered). About 22 s on two cores, most of it nvcc and ptxas.
     */
    static final List<String> SOME_PROGRAMS = List.of("M0_data-M0_model", "Rate_4_data-Rate_4_model",
            "low_dim_gauss_mix_collapse-low_dim_gauss_mix_collapse", "seeds_data-seeds_centered_model");

    @Tag("long")
    @ParameterizedTest(name = "{0}")
    @MethodSource("somePrograms")
    void someProgramsWithoutReferenceDrawsMatchTheCpu(String name) throws Exception {
        assertProgramMatchesTheCpu(posteriorDb().resolve("programs").resolve(name), OTHER);
    }

    static List<String> somePrograms() {
        return SOME_PROGRAMS;
    }

    /**
     * All 99 programs without reference draws, as {@link #everyReferenceProgramMatchesTheCpu}: in the
     * {@code all-programs} profile only, since g++ and nvcc take most of a minute over each on two cores.
     */
    @Tag("all-programs")
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyProgram")
    void everyProgramWithoutReferenceDrawsMatchesTheCpu(String name) throws Exception {
        assertProgramMatchesTheCpu(posteriorDb().resolve("programs").resolve(name), agreementOf(name));
    }

    /** The 99 programs, or with {@code -Dstandin.programs=REGEX} those whose folder name matches. */
    static List<String> everyProgram() throws IOException {
        String chosen = System.getProperty("standin.programs", ".*");
        return folders(posteriorDb().resolve("programs")).stream().filter(name -> name.matches(chosen)).toList();
    }

    /**
     * The program of a posteriordb folder: log density, gradient and transitions on the stand-in as on the CPU; a
     * program the CPU compiler refuses is skipped (PosteriorDbGradientTest counts those refusals).
     */
    private static void assertProgramMatchesTheCpu(Path folder, Agreement agreement) throws Exception {
        String name = folder.getFileName().toString();
        StanModel model;
        try {
            model = StanModels.compile(folder.resolve("model.stan"), folder.resolve("data.json"));
        } catch (manynuts.models.ModelException refused) {
            Assumptions.abort(name + ": " + refused.getMessage());
            return;
        }
        Path plugins = Path.of(System.getProperty("manynuts.standin.kernels"));
        buildPlugin(GeneratedKernels.program(model), plugins, Path.of("target", "stan-kernels").toAbsolutePath());
        assertLogDensityAndGradientEqual(name, model, backend, agreement);
        // Over 12 draws of up to 64 leapfrog steps an ulp of difference in exp or log between libm and the JVM can
        // grow: mesquite's correlated coefficients take it to 1.5e-12 by the tenth draw. Tree shapes stay identical.
        if (!Double.isNaN(agreement.trajectory())) {
            assertTransitionsEqual(model, agreement.trajectory());
        }
    }

    static List<String> referencePrograms() throws IOException {
        return folders(posteriorDb().resolve("reference"));
    }

    private static List<String> folders(Path parent) throws IOException {
        try (var entries = Files.list(parent)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs {@code model} on the CPU and on the stand-in and compares every transition; returns the CPU's draws. */
    private static DrawRecorder assertTransitionsEqual(StanModel model, double relative) {
        return assertTransitionsEqual(model, backend, relative);
    }

    /** Runs {@code model} on the CPU and on {@code cuda} and compares every transition; returns the CPU's draws. */
    static DrawRecorder assertTransitionsEqual(StanModel model, CudaBackend cuda, double relative) {
        SamplerSettings settings = SamplerSettings.defaults(6, 17).withWarmup(0).withDraws(12).withThreads(1)
                .withMaxDepth(6).withStepSize(0.1);
        DrawRecorder expected = new DrawRecorder(settings.chains(), settings.draws());
        try (CpuBackend cpu = new CpuBackend()) {
            new Sampler(model, cpu, settings).run(expected, new AtomicLong());
        }
        DrawRecorder actual = new DrawRecorder(settings.chains(), settings.draws());
        new Sampler(model, cuda, settings).run(actual, new AtomicLong());
        expected.assertMatches(actual, relative);
        return expected;
    }

    @Test
    void generatedPtxAssemblesForSm80AndSm90WithoutSpills() throws Exception {
        Path ptxas = GeneratedKernels.nvcc().resolveSibling("ptxas");
        Path folder = Path.of("target", "stan-kernels", "ptx").toAbsolutePath();
        Files.createDirectories(folder);
        for (Map.Entry<String, StanModel> entry : MODELS.entrySet()) {
            if (entry.getKey().equals(LIBRARY_FUNCTIONS)) {
                continue;
            }
            StanModel model = entry.getValue();
            GeneratedKernels kernels = GeneratedKernels.of(model);
            String text = new String(kernels.ptx(), StandardCharsets.US_ASCII);
            assertTrue(text.contains("\n.version 6.3\n") || text.matches("(?s).*\n\\.version [678]\\.[0-9]\n.*"),
                    model.name() + ": the PTX ISA must load on CUDA 12 drivers");
            Path ptx = folder.resolve(kernels.program().prefix() + ".ptx");
            Files.write(ptx, kernels.ptx());
            for (String arch : List.of("sm_80", "sm_90")) {
                Process run = new ProcessBuilder(ptxas.toString(), "-arch=" + arch, "-v", "--warn-on-spills",
                        "-o", "/dev/null", ptx.toString()).redirectErrorStream(true).start();
                String report = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, run.waitFor(), model.name() + ", ptxas " + arch + ":\n" + report);
                // The device state machine (the _sample entries) keeps the tree's scalars live around the whole
                // model, so large programs spill there (the distributions program: 384 bytes on sm_80); the kernels
                // of one step each must not.
                List<String> lines = withoutSampleEntries(report);
                assertTrue(lines.stream().noneMatch(l -> l.toLowerCase().contains("warning")),
                        model.name() + ", " + arch + ":\n" + report);
                for (String line : lines.stream().filter(l -> l.contains("spill")).toList()) {
                    assertTrue(line.contains("0 bytes spill stores, 0 bytes spill loads"), model.name() + ": " + line);
                }
            }
        }
    }

    /** ptxas -v's lines without those about the _sample entries (a warning names its function; info lines follow it). */
    private static List<String> withoutSampleEntries(String report) {
        List<String> kept = new ArrayList<>();
        boolean inSample = false;
        for (String line : report.lines().toList()) {
            if (line.contains("Compiling entry function") || line.contains("Function properties for")) {
                inSample = line.contains("_sample'") || line.contains("_sample_f32'") || line.endsWith("_sample")
                        || line.endsWith("_sample_f32");
            }
            boolean aboutSample = line.contains("_sample'") || line.contains("_sample_f32'");
            if (!inSample && !aboutSample) {
                kept.add(line);
            }
        }
        return kept;
    }

    /**
     * The tapes are sized by probing points in (-2, 2); a chain far outside fills them, and the block grows them and
     * finishes the evaluation or the leapfrog step: log densities and whole transitions as on the CPU.
     */
    @Test
    void tapesGrowWhenAChainOutgrowsThem() {
        StanModel model = MODELS.get("growing_tape");
        double[] positions = {0.5, 40.0};
        double[] expected = new double[2];
        model.logDensityGradient(positions, 2, 0, 2, expected, new double[2]);
        try (ChainBlock block = backend.allocate(model, 0, 2, 5, 1)) {
            double[] logDensity = new double[2];
            boolean[] finite = new boolean[2];
            block.initialize(new int[] {0, 1}, 2, positions, logDensity, finite);
            assertTrue(finite[0] && finite[1], "both chains evaluated");
            assertRelative(expected[0], logDensity[0], "inside the probed range");
            assertRelative(expected[1], logDensity[1], "after the tapes grew");
        }
        DrawRecorder cpu = assertTransitionsEqual(model, Tolerance.RELATIVE);
        assertTrue(cpu.largestMagnitude(0) > 3, "the chains never left the probed range: x up to "
                + cpu.largestMagnitude(0));
    }

    /**
     * The device state machine against the host's trees, on generated kernels: the same bits, draw for draw. Eight
     * schools through warm-up (its draws, step sizes and metrics too) and after; the growing tape program without
     * warm-up, so that its chains fill their tapes inside the device's trees (the block grows them between launches
     * and the stopped chains evaluate again).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"eight_schools_centered", "growing_tape"})
    void deviceTreesMakeTheHostTreesDraws(String name) {
        StanModel model = MODELS.get(name);
        SamplerSettings settings = name.equals("growing_tape")
                ? SamplerSettings.defaults(40, 11).withWarmup(0).withDraws(40).withStepSize(0.1).withThreads(1)
                : SamplerSettings.defaults(40, 11).withWarmup(100).withDraws(100).withThreads(1);
        DeviceSamplingStandInTest.Recorded host = DeviceSamplingStandInTest.run(model, settings, TreeBuilding.HOST,
                Precision.FLOAT64);
        DeviceSamplingStandInTest.Recorded device = DeviceSamplingStandInTest.run(model, settings,
                TreeBuilding.DEVICE, Precision.FLOAT64);
        device.assertSameAs(host, 0.0);
        assertEquals(settings.chains() * settings.warmup(), device.warmupDraws, "warm-up draws");
        DeviceSamplingStandInTest.assertAllOnTheDevice(device, settings);
        if (name.equals("growing_tape")) {
            assertTrue(host.positions.stream().anyMatch(x -> Math.abs(x[0]) > 3),
                    "the chains never left the range the tapes were sized for");
        }
    }

    /**
     * An improper posterior (a flat density on the real line): the first step-size search doubles the step size past
     * 1e7, on the device as on the host, and the run stops in the same one line, naming the same chain.
     */
    @Test
    void aSearchThatFailsOnTheDeviceStopsTheRunAsOnTheHost() throws Exception {
        Path work = Path.of("target", "stan-kernels").toAbsolutePath();
        Path flat = work.resolve("flat.stan");
        Files.writeString(flat, "parameters {\n  real x;\n}\nmodel {\n}\n");
        StanModel model = StanModels.compile(flat, null);
        buildPlugin(GeneratedKernels.program(model), Path.of(System.getProperty("manynuts.standin.kernels")), work);
        SamplerSettings settings = SamplerSettings.defaults(40, 5).withWarmup(20).withDraws(20).withThreads(1);
        String host = assertThrows(SamplerException.class, () -> DeviceSamplingStandInTest.run(model, settings,
                TreeBuilding.HOST, Precision.FLOAT64)).getMessage();
        long hostTrees = DeviceSamplingStandInTest.hostTreeLaunches();
        long samples = DeviceSamplingStandInTest.sampleLaunches();
        String device = assertThrows(SamplerException.class, () -> DeviceSamplingStandInTest.run(model, settings,
                TreeBuilding.DEVICE, Precision.FLOAT64)).getMessage();
        assertTrue(host.startsWith("chain 1: the step size grew past 1e7"), host);
        assertEquals(host, device);
        // The device made the search that failed: the host took no leapfrog step of its own.
        assertEquals(0, DeviceSamplingStandInTest.hostTreeLaunches() - hostTrees, "launches of the host's schedule");
        assertTrue(DeviceSamplingStandInTest.sampleLaunches() > samples, "no launch of the device state machine");
    }

    /**
     * A density finite only at 0, where every chain starts (initial radius 0): each search trial that moves a chain
     * finds log density -inf, so the step size halves until a step no longer moves it or reaches 0, and the run stops
     * in the host's one line, naming the same chain, where the device made the search.
     */
    @Test
    void aSearchThatHalvesToZeroOnTheDeviceStopsTheRunAsOnTheHost() throws Exception {
        Path work = Path.of("target", "stan-kernels").toAbsolutePath();
        Path point = work.resolve("point_mass.stan");
        Files.writeString(point, "parameters {\n  real y;\n}\nmodel {\n  if (y != 0) {\n"
                + "    target += negative_infinity();\n  }\n}\n");
        StanModel model = StanModels.compile(point, null);
        buildPlugin(GeneratedKernels.program(model), Path.of(System.getProperty("manynuts.standin.kernels")), work);
        SamplerSettings settings = new SamplerSettings(40, 20, 20, 1, 5, 0.8, 10, 1, false, 0.0, 1.0);
        String host = assertThrows(SamplerException.class, () -> DeviceSamplingStandInTest.run(model, settings,
                TreeBuilding.HOST, Precision.FLOAT64)).getMessage();
        long hostTrees = DeviceSamplingStandInTest.hostTreeLaunches();
        String device = assertThrows(SamplerException.class, () -> DeviceSamplingStandInTest.run(model, settings,
                TreeBuilding.DEVICE, Precision.FLOAT64)).getMessage();
        assertTrue(host.endsWith("no acceptably small step size could be found: is the posterior continuous?"), host);
        assertEquals(host, device);
        assertEquals(0, DeviceSamplingStandInTest.hostTreeLaunches() - hostTrees, "launches of the host's schedule");
    }

    /** The command line: {@code sample --backend cuda} on a .stan file runs its generated kernels, in both precisions. */
    @ParameterizedTest
    @MethodSource("precisions")
    void sampleRunsAStanProgramWithBackendCuda(String precision, String named) {
        Path work = Path.of("target", "stan-kernels").toAbsolutePath();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"sample", "-m", work.resolve("eight_schools_centered.stan").toString(),
                "--data", work.resolve("eight_schools.json").toString(), "-o", work.resolve("run-" + precision).toString(),
                "--force", "--backend", "cuda", "--precision", precision, "--chains", "4", "--warmup", "30", "--draws",
                "20", "--seed", "5", "--progress", "never"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("backend: cuda:0 (manynuts stand-in 0 (kernels on the CPU)" + named + ") "),
                out.toString());
        assertTrue(out.toString().contains("theta[8]"), out.toString());
    }

    static List<org.junit.jupiter.params.provider.Arguments> precisions() {
        return List.of(org.junit.jupiter.params.provider.Arguments.of("float64", ""),
                org.junit.jupiter.params.provider.Arguments.of("float32", ", float32"));
    }

    @Test
    void float32EntriesRunToo() {
        StanModel model = MODELS.get("eight_schools_centered");
        int chains = 16;
        int dimension = model.dimension();
        Random random = new Random(3);
        double[] positions = new double[dimension * chains];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (float) (2.0 * random.nextDouble() - 1.0);
        }
        double[] expectedLogDensity = new double[chains];
        double[] expectedGradient = new double[dimension * chains];
        model.logDensityGradient(positions, chains, 0, chains, expectedLogDensity, expectedGradient);
        double[] logDensity = new double[chains];
        double[] gradient = new double[dimension * chains];
        try (CudaBackend float32 = CudaBackend.open(0, Precision.FLOAT32);
             DeviceLogDensity device = float32.logDensity(model, chains)) {
            device.evaluate(positions, logDensity, gradient);
        }
        List<String> far = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            double error = Math.abs(expectedLogDensity[c] - logDensity[c]) / Math.max(1.0, Math.abs(expectedLogDensity[c]));
            if (!(error < 1e-5)) {
                far.add("chain " + c + ": " + expectedLogDensity[c] + " against " + logDensity[c]);
            }
        }
        assertTrue(far.isEmpty(), String.join("; ", far));
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertRelative(expected, actual, TOLERANCE, what);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        if (expected == actual || (Double.isNaN(expected) && Double.isNaN(actual))) {
            return;
        }
        double relative = Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(relative <= tolerance, what + ": CPU " + expected + ", CUDA " + actual + " (relative " + relative
                + ")");
    }

    static Path posteriorDb() throws IOException {
        return manynuts.reference.ReferencePosterior.findPosteriorDb().orElseThrow(() -> new IOException(
                "shared/posteriordb was not found above " + Path.of("").toAbsolutePath()));
    }
}
