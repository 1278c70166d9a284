package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import manynuts.backend.Precision;
import manynuts.models.EightSchoolsNonCentered;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.Model;
import org.junit.jupiter.api.Test;
import manynuts.models.WithKernels;

/**
 * A million chains of eight schools on an 80 GB card, counted by {@link DeviceFootprint} without a device: they fit
 * many times over, and the U-turn checkpoints, not the chains' own state, are most of what each chain takes.
 */
class DeviceFootprintTest {
    private static final long MILLION_CHAINS = 1L << 20;
    /** An 80 GB card's memory, as its maker counts it. */
    private static final long CARD_BYTES = 80_000_000_000L;
    private static final int MAX_DEPTH = 10;

    @Test
    void aMillionChainsOfEightSchoolsFitOnAnEightyGigabyteCard() {
        Model schools = new EightSchoolsNonCentered(HierarchicalNormalData.eightSchools());
        // The model's device form without loading its PTX: the footprint needs only its shape and data.
        DeviceModel model = new DeviceModel(schools.dimension(), WithKernels.of(schools).orElseThrow(), null, null);
        int dimension = schools.dimension();
        int blockSize = CudaBackend.MAX_BLOCK_SIZE;
        for (Precision precision : Precision.values()) {
            DeviceFootprint footprint = DeviceFootprint.of(model, MAX_DEPTH, precision);
            // CudaChainBlock's allocations per chain: 14 state vectors and 3 checkpoint vectors per level 0..10, in
            // the state's precision; staged as doubles, the D arguments and max(2, D) results, and 4 + 1 ints.
            long vectors = 14 + 3 * (MAX_DEPTH + 1);
            long staged = (long) dimension * Double.BYTES + Math.max(2, dimension) * Double.BYTES + 5 * Integer.BYTES;
            assertEquals(vectors * dimension * precision.bytes() + staged, footprint.perChain(), precision.name());

            long million = footprint.bytes(MILLION_CHAINS, blockSize);
            assertTrue(million < DeviceFootprint.USABLE * CARD_BYTES / 10,
                    precision + ": " + DeviceFootprint.size(million) + " for 2^20 chains, under a tenth of the card");
            long checkpoints = 3L * (MAX_DEPTH + 1) * dimension * precision.bytes();
            assertTrue(2 * checkpoints > footprint.perChain(), "the checkpoints are most of a chain's bytes");

            long fit = footprint.chainsThatFit(CARD_BYTES, blockSize);
            assertTrue(footprint.bytes(fit, blockSize) <= DeviceFootprint.USABLE * CARD_BYTES);
            assertTrue(footprint.bytes(fit + 1, blockSize) > DeviceFootprint.USABLE * CARD_BYTES);
            assertTrue(fit > 16 * MILLION_CHAINS, precision + ": " + fit + " chains fit");
        }
    }
}
