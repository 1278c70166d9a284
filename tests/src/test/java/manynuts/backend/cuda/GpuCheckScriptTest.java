package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import manynuts.models.stan.StanModel;
import manynuts.models.stan.StanModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-check.sh in quick mode against the stand-in driver, run from this build's class path: every step of a
 * GPU machine runs (devices, CPU against CUDA for eight schools, a posteriordb program through its generated kernels
 * and the hierarchical logistic model, the benches), NumPyro is skipped without JAX, and a machine without a driver
 * or nvcc gets one line per missing piece and a quick end instead of a hang.
 */
@Tag("standin-generated")
class GpuCheckScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "gpu-check.sh").toAbsolutePath().normalize();

    private static Path posterior;
    private static Path plugins;

    @BeforeAll
    static void buildThePosteriorsPlugin() throws Exception {
        StandIn.assumeBuilt();
        // Once, on the plain stand-in: under ASan the preloaded runtime would reach nvcc and every other child.
        assumeTrue(System.getProperty("manynuts.standin.sanitize") == null, "the script is checked without ASan");
        assumeTrue(GeneratedKernels.nvcc() != null, "nvcc is not installed: no generated PTX");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT);
        posterior = StanKernelsStandInTest.posteriorDb().resolve("reference").resolve("arK-arK");
        // The stand-in runs a generated program's kernels from a host build of them, made here as the Stan kernel
        // tests make theirs; on a GPU the driver loads the PTX that the backend builds with nvcc.
        plugins = Path.of(System.getProperty("manynuts.standin.kernels"));
        Path work = Path.of("target", "gpu-check-kernels").toAbsolutePath();
        Files.createDirectories(plugins);
        Files.createDirectories(work);
        StanModel model = StanModels.compile(posterior.resolve("model.stan"), posterior.resolve("data.json"));
        StanKernelsStandInTest.buildPlugin(GeneratedKernels.program(model), plugins, work);
    }

    @Test
    void everyStepRunsOnTheStandInAndNumPyroIsSkipped(@TempDir Path out) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.put("GPU_CHECK_QUICK", "1");
        environment.put("GPU_CHECK_BENCH_CHAINS", "16");
        environment.put("GPU_CHECK_POSTERIOR", posterior.toString());
        environment.put("MANYNUTS_STANDIN_KERNELS", plugins.toString());
        environment.put("PATH", javaBin() + ":" + System.getenv("PATH"));
        Finished finished = run(environment, out, 240);
        Map<String, String[]> steps = statuses(out);
        assertEquals(0, finished.exitCode(), finished.log());
        assertTrue(step(steps, "devices")[3].contains("manynuts stand-in"), finished.log());
        for (String model : List.of("eight_schools", "posteriordb", "logistic")) {
            for (String name : List.of("lockstep_" + model + "_float64", "means_" + model + "_float64",
                    "means_" + model + "_float32", "bench_" + model + "_16")) {
                assertEquals("ok", step(steps, name)[1], String.join(",", step(steps, name)));
            }
        }
        List<String> equivalence = Files.readAllLines(out.resolve("equivalence.csv"));
        assertEquals(10, equivalence.size(), String.join("\n", equivalence));
        assertTrue(equivalence.stream().skip(1).allMatch(row -> row.endsWith(",true")), String.join("\n", equivalence));
        // Each model's row twice, asked for trees on the host and on the device; the logistic model's density needs
        // matrix products between steps, so its trees are the host's both times, and its rows say so.
        List<String> bench = Files.readAllLines(out.resolve("bench.csv"));
        assertEquals(7, bench.size(), String.join("\n", bench));
        for (String model : List.of("eight_schools", "posteriordb", "logistic")) {
            for (String trees : model.equals("logistic") ? List.of("host") : List.of("host", "device")) {
                assertTrue(bench.stream().anyMatch(row -> row.startsWith(model) && row.split(",")[2].equals(trees)),
                        model + " " + trees + ":\n" + String.join("\n", bench));
            }
        }
        String numpyro = step(steps, "numpyro")[1];
        assertTrue(numpyro.equals("skipped") || numpyro.equals("ok"), String.join(",", step(steps, "numpyro")));
        assertTrue(Files.readString(out.resolve("devices.txt")).contains("1 device(s)"));
    }

    @Test
    void aMachineWithoutDriverOrNvccFailsInOneLinePerPiece(@TempDir Path out) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.remove("LD_LIBRARY_PATH");
        environment.put("PATH", javaBin() + ":/usr/bin:/bin");
        Finished finished = run(environment, out, 60);
        Map<String, String[]> steps = statuses(out);
        assertEquals(1, finished.exitCode(), finished.log());
        assertEquals("fail", step(steps, "devices")[1], finished.log());
        assertTrue(step(steps, "devices")[3].contains("libcuda.so.1"), finished.log());
        assertEquals("fail", step(steps, "nvcc")[1], finished.log());
        for (String model : List.of("eight_schools", "logistic")) {
            assertEquals("skipped", step(steps, "equivalence_" + model)[1], finished.log());
            assertEquals("skipped", step(steps, "bench_" + model)[1], finished.log());
        }
    }

    private record Finished(int exitCode, String log) {
    }

    private static Finished run(Map<String, String> environment, Path out, int seconds) throws Exception {
        environment.put("GPU_CHECK_CLASSPATH", System.getProperty("java.class.path"));
        environment.put("MANYNUTS_CACHE", out.resolve("cache").toString());
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("console.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gpu-check.sh ran past " + seconds + " s:\n" + log(out));
        }
        return new Finished(process.exitValue(), log(out));
    }

    private static String log(Path out) throws IOException {
        Path log = out.resolve("log.txt");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log.txt)";
    }

    /** status.csv by step: step, status, seconds, detail. */
    private static Map<String, String[]> statuses(Path out) throws IOException {
        Map<String, String[]> steps = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("status.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", 4);
            steps.put(fields[0], fields.length == 4 ? fields : new String[] {fields[0], fields[1], "", ""});
        }
        return steps;
    }

    /** A step's row, or one saying it is not there. */
    private static String[] step(Map<String, String[]> steps, String name) {
        return steps.getOrDefault(name, new String[] {name, "absent", "", "not in status.csv"});
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin").toString();
    }
}
