// strict_exp (the device's fdlibm exp) on the host: reads one double a line as its 16 hex digits of IEEE bits and
// writes strict_exp of it the same way, for StrictExpTest to hold against StrictMath.exp. Built as the stand-in is,
// with -ffp-contract=off.
#include "cuda_host_shim.h"
#include "strict_exp.cuh"

#include <cinttypes>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <cstring>

int main() {
    char line[64];
    while (std::fgets(line, sizeof line, stdin) != nullptr) {
        std::uint64_t bits = std::strtoull(line, nullptr, 16);
        double x;
        std::memcpy(&x, &bits, sizeof x);
        double y = strict_exp(x);
        std::memcpy(&bits, &y, sizeof bits);
        std::printf("%016" PRIx64 "\n", bits);
    }
    return 0;
}
