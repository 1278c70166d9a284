package manynuts.backend.cuda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A machine with a driver but no device (the stand-in in "no-device" mode): cuInit returns 100. */
@Tag("no-device")
class NoDeviceFallbackTest {

    @BeforeEach
    void standIn() {
        StandIn.assumeBuilt();
    }

    @Test
    void autoUsesTheCpuBecauseThereIsNoDevice() {
        FallbackAssertions.assertFallsBackBecause("the CUDA driver found no device", "cuInit: CUDA_ERROR_NO_DEVICE");
    }
}
