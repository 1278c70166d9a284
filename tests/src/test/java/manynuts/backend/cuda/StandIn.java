package manynuts.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jcuda.driver.JCudaDriver;

/** Where the build put the stand-in driver (and cuBLAS) this JVM loads, and whether the build could make them. */
final class StandIn {

    private StandIn() {
    }

    /** Skips the calling test when the build had no g++ (no stand-in) or no nvcc (no PTX). */
    static void assumeBuilt() {
        String library = System.getProperty("manynuts.standin");
        assumeTrue(library != null && Files.exists(Path.of(library)),
                "the stand-in driver was not built (no g++): " + library);
        assumeTrue(CudaModule.shipped("trajectory"), "no PTX was built (no nvcc)");
    }

    /** Skips the calling test when the build made no stand-in libcublas.so.12. */
    static void assumeCublasBuilt() {
        String library = System.getProperty("manynuts.standin.cublas");
        assumeTrue(library != null && Files.exists(Path.of(library)),
                "the stand-in cuBLAS was not built (no g++): " + library);
    }

    /** The device memory free on {@code cuda}'s device, as its context sees it (cuMemGetInfo). */
    static long freeMemory(CudaBackend cuda) {
        cuda.makeCurrent();
        long[] free = new long[1];
        long[] total = new long[1];
        CudaFailure.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return free[0];
    }
}
