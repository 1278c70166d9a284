package manynuts.backend.cuda;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A machine whose libcuda.so.1 is the toolkit's stub (the stand-in in "stub" mode): cuInit returns 34. */
@Tag("stub-driver")
class StubDriverFallbackTest {

    @BeforeEach
    void standIn() {
        StandIn.assumeBuilt();
    }

    @Test
    void autoUsesTheCpuBecauseTheDriverIsAStub() {
        FallbackAssertions.assertFallsBackBecause("no NVIDIA driver: libcuda.so.1 is the CUDA toolkit's stub",
                "cuInit: CUDA_ERROR_STUB_LIBRARY");
    }
}
