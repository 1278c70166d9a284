package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import manynuts.backend.Backend;
import manynuts.backend.BackendContractTest;
import manynuts.backend.choice.Backends;
import manynuts.backend.ChainBlock;
import manynuts.backend.ShardedBackend;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A host with two GPUs (the stand-in reporting two devices, each with its own context and memory): {@code --backend
 * cuda} shards the chains across both, and the whole backend contract holds, draw for draw against the CPU.
 */
@Tag("two-devices")
class TwoDeviceStandInContractTest extends BackendContractTest {

    @Override
    protected Backend openBackend() {
        StandIn.assumeBuilt();
        return Backends.choose("cuda", new PrintWriter(new StringWriter()));
    }

    private List<Backend> shards() {
        return assertInstanceOf(ShardedBackend.class, backend(), backend().name()).shards();
    }

    @Test
    void everyVisibleDeviceIsAShard() {
        assertEquals(2, shards().size());
        assertEquals("cuda:0 (manynuts stand-in 0 (kernels on the CPU)) + cuda:1 (manynuts stand-in 1 (kernels on "
                + "the CPU))", backend().name());
        assertEquals(2, backend().parallelism(), "one sampler thread per device");
        assertEquals(2500, backend().preferredBlockSize(5000), "an equal share of the chains per device");
        assertEquals(CudaBackend.MAX_BLOCK_SIZE, backend().preferredBlockSize(10_000_000));
    }

    @Test
    void blocksAreDealtToTheDevicesInTurn() {
        Model model = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        CudaBackend first = (CudaBackend) shards().get(0);
        CudaBackend second = (CudaBackend) shards().get(1);
        long blockBytes = 1000L * model.dimension() * 8 * 11 * 3;
        long[] before = {StandIn.freeMemory(first), StandIn.freeMemory(second)};
        try (ChainBlock a = backend().allocate(model, 0, 1000, 10, 1)) {
            assertTrue(StandIn.freeMemory(first) < before[0] - blockBytes, "the first block is on device 0");
            assertEquals(before[1], StandIn.freeMemory(second), "device 1 holds nothing yet");
            try (ChainBlock b = backend().allocate(model, 1000, 1000, 10, 1)) {
                assertTrue(StandIn.freeMemory(second) < before[1] - blockBytes, "the second block is on device 1");
            }
        }
        assertEquals(before[0], StandIn.freeMemory(first));
        assertEquals(before[1], StandIn.freeMemory(second));
    }

    /** The check that makes the sharded runs mean something: one device's memory is not usable from the other. */
    @Test
    void theStandInRefusesMemoryOfAnotherDevice() {
        CudaBackend first = (CudaBackend) shards().get(0);
        CudaBackend second = (CudaBackend) shards().get(1);
        second.makeCurrent();
        CUdeviceptr memory = new CUdeviceptr();
        CudaFailure.check(JCudaDriver.cuMemAlloc(memory, 64), "cuMemAlloc");
        try {
            first.makeCurrent();
            int copy = JCudaDriver.cuMemcpyHtoD(memory, Pointer.to(new double[8]), 64);
            assertEquals(CUresult.CUDA_ERROR_INVALID_VALUE, copy, "a copy to device 1's memory in device 0's context");
        } finally {
            second.makeCurrent();
            CudaFailure.check(JCudaDriver.cuMemFree(memory), "cuMemFree");
        }
    }

    @Test
    void chosenDevicesOnly() {
        StringWriter log = new StringWriter();
        try (Backend one = Backends.choose("cuda:1", new PrintWriter(log))) {
            assertInstanceOf(CudaBackend.class, one);
            assertEquals("backend: cuda:1 (manynuts stand-in 1 (kernels on the CPU)) (requested)", log.toString().strip());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda:0,2", new PrintWriter(new StringWriter())));
        assertEquals("--backend cuda:0,2: no CUDA device 2: the driver reports 2", missing.getMessage());
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> Backends.choose("cuda:1,1", new PrintWriter(new StringWriter())));
        assertTrue(repeated.getMessage().startsWith("--backend cuda:1,1: expected distinct device numbers"),
                repeated.getMessage());
    }

    @Test
    void autoSaysHowManyDevicesAnswered() {
        StringWriter log = new StringWriter();
        try (Backend chosen = Backends.choose("auto", new PrintWriter(log))) {
            assertTrue(log.toString().strip().endsWith("(auto: 2 CUDA devices answered)"), log.toString());
        }
    }
}
