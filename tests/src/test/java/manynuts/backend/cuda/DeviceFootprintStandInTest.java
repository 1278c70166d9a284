package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import manynuts.backend.Backend;
import manynuts.backend.ChainBlock;
import manynuts.backend.Precision;
import manynuts.backend.ShardedBackend;
import manynuts.models.EightSchoolsCentered;
import manynuts.models.HierarchicalLogisticRegression;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The device memory a run is checked against before it starts is what its blocks take: a block's allocations, seen
 * by the stand-in driver's cuMemGetInfo, equal {@link DeviceFootprint}'s count, and a run that cannot fit the
 * stand-in's 1 GiB device is refused in one line that names how many chains fit.
 */
@Tag("standin")
class DeviceFootprintStandInTest {

    @BeforeAll
    static void built() {
        StandIn.assumeBuilt();
    }

    static Stream<Arguments> models() {
        Model schools = new EightSchoolsCentered(HierarchicalNormalData.eightSchools());
        Model logistic = HierarchicalLogisticRegression.simulated(60, 3, 5, 7);
        return Stream.of(Arguments.of(schools, Precision.FLOAT64), Arguments.of(schools, Precision.FLOAT32),
                Arguments.of(logistic, Precision.FLOAT64), Arguments.of(logistic, Precision.FLOAT32));
    }

    @ParameterizedTest
    @MethodSource("models")
    void aBlockTakesWhatTheFootprintCounts(Model model, Precision precision) {
        int chains = 300;
        int maxDepth = 7;
        try (CudaBackend cuda = CudaBackend.open(0, precision)) {
            // Loads the model's module (and for a split model its products) before the memory is read.
            cuda.checkCapacity(model, chains, maxDepth);
            cuda.matrixProducts(model);
            long before = StandIn.freeMemory(cuda);
            try (ChainBlock block = cuda.allocate(model, 0, chains, maxDepth, 1)) {
                long used = before - StandIn.freeMemory(cuda);
                DeviceFootprint footprint = DeviceFootprint.of(DeviceModel.of(model), maxDepth, precision);
                assertEquals(footprint.bytes(chains, chains), used, model.name() + " in " + precision);
                // The device state machine's tables, made when the sampler first asks for them (none for a split
                // model, whose trees are built on the host).
                block.deviceSampling();
                long sampling = before - StandIn.freeMemory(cuda) - used;
                assertEquals(DeviceFootprint.samplingBytes(DeviceModel.of(model), chains), sampling,
                        model.name() + " in " + precision + ": the device state machine");
            }
        }
    }

    @Test
    void aRunTooLargeForTheDeviceIsRefusedNamingWhatFits() {
        Model schools = new EightSchoolsCentered(HierarchicalNormalData.eightSchools());
        try (CudaBackend cuda = CudaBackend.open(0)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> cuda.checkCapacity(schools, 1_000_000, 10));
            String line = refused.getMessage();
            assertTrue(line.matches("1000000 chains of eight_schools_centered need about [0-9.]+ GiB of memory on "
                    + "cuda:0 \\(.*\\) \\([0-9.]+ KiB a chain\\) but it has [0-9.]+ (GiB|MiB) free: at most [0-9]+ "
                    + "chains fit; lower --chains, or use --precision float32"), line);
            int fit = Integer.parseInt(line.replaceAll(".*at most ([0-9]+) chains fit.*", "$1"));
            cuda.checkCapacity(schools, fit, 10);
            assertThrows(IllegalArgumentException.class, () -> cuda.checkCapacity(schools, fit + 1000, 10));
            // A block of that many chains is really allocated, with the tenth of the memory kept spare.
            try (ChainBlock block = cuda.allocate(schools, 0, fit, 10, 1)) {
                assertEquals(fit, block.chains());
            }
        }
    }

    @Test
    void eachDeviceOfASplitRunHoldsItsShare() {
        Model schools = new EightSchoolsCentered(HierarchicalNormalData.eightSchools());
        try (Backend one = CudaBackend.open(0)) {
            String line = assertThrows(IllegalArgumentException.class, () -> one.checkCapacity(schools, 1_000_000, 10))
                    .getMessage();
            int fit = Integer.parseInt(line.replaceAll(".*at most ([0-9]+) chains fit.*", "$1"));
            // Two shards on the one stand-in device each hold half: the run fits when each half does.
            try (Backend sharded = new ShardedBackend(java.util.List.of(CudaBackend.open(0), CudaBackend.open(0)))) {
                sharded.checkCapacity(schools, 2 * fit - 2, 10);
                assertThrows(IllegalArgumentException.class, () -> sharded.checkCapacity(schools, 2 * fit + 2000, 10));
            }
        }
    }
}
