package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import manynuts.backend.Backend;
import manynuts.backend.choice.Backends;
import manynuts.cli.DevicesCommand;
import manynuts.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** With a driver that has a device (the stand-in), auto picks CUDA and the devices command lists it. */
@Tag("standin")
class CudaChoiceWithStandInTest {

    @BeforeEach
    void standIn() {
        StandIn.assumeBuilt();
    }

    /** The JVM runs JCuda on the stand-in this execution built (and, for the ASan execution, with ASan loaded). */
    @Test
    void theDriverInUseIsTheStandIn() throws IOException {
        CudaProbe.probe();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        String library = Path.of(System.getProperty("manynuts.standin")).toRealPath().toString();
        assertTrue(maps.contains(library), "libcuda.so.1 mapped from " + library);
        if (library.contains("/asan/")) {
            assertTrue(maps.contains("libasan.so"), "the AddressSanitizer runtime is loaded");
        }
    }

    @Test
    void autoPicksCudaAndSaysWhy() {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("auto", new PrintWriter(log))) {
            assertInstanceOf(CudaBackend.class, backend);
        }
        assertEquals("backend: cuda:0 (manynuts stand-in 0 (kernels on the CPU)) (auto: a CUDA device answered)",
                log.toString().strip());
    }

    @Test
    void cudaOnRequest() {
        StringWriter log = new StringWriter();
        try (Backend backend = Backends.choose("CUDA", new PrintWriter(log))) {
            assertInstanceOf(CudaBackend.class, backend);
        }
        assertTrue(log.toString().contains("(requested)"), log.toString());
    }

    /** The demo on a device: its story and report come out of the CUDA backend (float32 here). */
    @Test
    void demoRunsOnTheDevice(@TempDir Path directory) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] demo = {"demo", "--backend", "cuda", "--precision", "float32", "--chains", "4", "--warmup", "100",
            "--draws", "100", "-o", directory.resolve("demo").toString()};
        assertEquals(0, Main.execute(demo, new PrintWriter(out), new PrintWriter(err)), err.toString());
        assertTrue(out.toString().startsWith("backend: cuda:0 (manynuts stand-in 0 (kernels on the CPU), float32) "
                + "(requested)"), out.toString());
        assertTrue(Files.readString(directory.resolve("demo").resolve("centered").resolve("run.json"))
                .contains("float32"), "run.json names the device and precision");
        assertTrue(Files.isRegularFile(directory.resolve("demo").resolve("report.html")));
    }

    /**
     * The command line: sample on --backend cuda says so and records the device in run.json; its chains start in
     * superchains there as on the CPU; devices is wired.
     */
    @Test
    void sampleRunsOnTheRequestedDeviceAndRecordsIt(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] sample = {"sample", "-m", "noncentered", "--backend", "cuda", "-o", output.toString(), "--chains", "4",
            "--warmup", "30", "--draws", "20", "--seed", "3", "--superchain-size", "2"};
        assertEquals(0, Main.execute(sample, new PrintWriter(out), new PrintWriter(err)), err.toString());
        String device = "cuda:0 (manynuts stand-in 0 (kernels on the CPU))";
        assertTrue(out.toString().startsWith("backend: " + device + " (requested)"), out.toString());
        assertTrue(Files.readString(output.resolve("run.json")).contains(device), "run.json names the device");
        assertTrue(Files.readString(output.resolve("run.json")).contains("\"superchain_size\" : 2"));
        assertTrue(out.toString().contains("rhat_nested"), out.toString());

        StringWriter devices = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"devices"}, new PrintWriter(devices), new PrintWriter(err)));
        assertTrue(devices.toString().startsWith("CUDA driver 12.6, 1 device(s):"), devices.toString());
    }

    /** Without libcublas.so.12 a matrix model runs on the own gemm kernel, and the command says why. */
    @Test
    void aMatrixModelSaysItUsesTheOwnKernelAndWhy(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("run");
        StringWriter err = new StringWriter();
        String[] sample = {"sample", "-m", "logistic", "--backend", "cuda", "-o", output.toString(), "--chains", "2",
            "--warmup", "10", "--draws", "5", "--seed", "3"};
        assertEquals(0, Main.execute(sample, new PrintWriter(new StringWriter()), new PrintWriter(err)),
                err.toString());
        String choice = "own GEMM kernel (cuBLAS not used: libcublas.so.12 not found)";
        assertTrue(err.toString().contains("matrix products: " + choice + System.lineSeparator()), err.toString());
        assertTrue(Files.readString(output.resolve("run.json")).contains("\"matrix_products\" : \"" + choice + "\""),
                "run.json records the choice");
    }

    @Test
    void devicesListsTheDevice() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new DevicesCommand()).setOut(new PrintWriter(out)).execute();
        assertEquals(0, exit);
        assertEquals("CUDA driver 12.6, 1 device(s):\n"
                + "  cuda:0  manynuts stand-in 0 (kernels on the CPU)  1.0 GiB  compute capability 7.5",
                out.toString().strip().replace(System.lineSeparator(), "\n"));
    }
}
