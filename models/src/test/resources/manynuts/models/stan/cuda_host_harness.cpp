// Runs a generated CUDA model on the host, through cuda_host_shim.h, for CudaHostEquivalenceTest: reads the kernel
// data and points from the file named by its argument, launches MANYNUTS_ENTRY once per chain as the stand-in driver
// would (one CUDA thread per chain), and prints each chain's status, log density and gradient (%.17g) on one line.
// Build with -DMANYNUTS_PROGRAM='"<the .cu file>"' -DMANYNUTS_ENTRY=<prefix>_log_density_gradient
// -DMANYNUTS_MODEL=<the model struct>.
#include "cuda_host_shim.h"
#include MANYNUTS_PROGRAM

#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: harness INPUT\n");
        return 2;
    }
    std::FILE* in = std::fopen(argv[1], "r");
    long integerCount, realCount, chains, dimension, scratchBytes;
    if (in == nullptr || std::fscanf(in, "%ld %ld %ld %ld %ld", &integerCount, &realCount, &chains, &dimension,
                                     &scratchBytes) != 5) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    // One spare element each: an index out of range reads element 0 of an empty array before the point is rejected.
    std::vector<int> integers(integerCount + 1, 0);
    std::vector<double> reals(realCount + 1, 0.0);
    std::vector<double> position(dimension * chains);
    bool ok = true;
    for (long k = 0; k < integerCount; k++) ok = ok && std::fscanf(in, "%d", &integers[k]) == 1;
    for (long k = 0; k < realCount; k++) ok = ok && std::fscanf(in, "%lf", &reals[k]) == 1;
    for (long c = 0; c < chains; c++) {
        for (long d = 0; d < dimension; d++) ok = ok && std::fscanf(in, "%lf", &position[d * chains + c]) == 1;
    }
    std::fclose(in);
    if (!ok) {
        std::fprintf(stderr, "%s is short\n", argv[1]);
        return 2;
    }
    std::vector<double> scratch(scratchBytes / sizeof(double) + 2);
    std::vector<double> gradient(dimension * chains);
    std::vector<double> logDensity(chains);
    blockDim.x = (unsigned) chains;
    gridDim.x = 1;
    blockIdx.x = 0;
    for (long c = 0; c < chains; c++) {
        threadIdx.x = (unsigned) c;
        MANYNUTS_ENTRY((int) chains, position.data(), logDensity.data(), gradient.data(), integers.data(),
                       reals.data(), scratch.data());
    }
    // Each chain's status is slot 0 of its ints.
    MANYNUTS_MODEL<double> model(integers.data(), reals.data(), scratch.data(), chains);
    for (long c = 0; c < chains; c++) {
        std::printf("%d %.17g", model.intScratch__[c], logDensity[c]);
        for (long d = 0; d < dimension; d++) std::printf(" %.17g", gradient[d * chains + c]);
        std::printf("\n");
    }
    return 0;
}
