// The kernels of kernels/src/main/cuda compiled for the host from the very same sources, and a launcher per kernel
// deduced from its C signature, so the stand-in driver runs exactly the code that nvcc turns into PTX. A new .cu
// file (a user's model, say) joins without an edit here: build-standin.sh lists the sources and their entries.
// Built with MANYNUTS_KERNEL_PLUGIN (and a kernel_sources.inc and kernel_entries.inc of its own), the same file makes
// a plugin: a shared library of one program's kernels (a Stan program's generated CUDA) that the stand-in driver
// opens when a module names entries it was not built with (standin_modules.cpp).
#include "cuda_host_shim.h"
#include "kernel_registry.h"

#include <cstring>
#include <type_traits>
#include <utility>

// Every .cu file of the kernel sources, listed by build-standin.sh.
#include "kernel_sources.inc"

// The kernels written once over Real live in one namespace per precision (declared here too for a plugin's sources,
// which may not include them).
namespace manynuts_float64 {}
namespace manynuts_float32 {}
using namespace manynuts_float64;
using namespace manynuts_float32;

namespace {

template <typename T>
constexpr char kind() {
    using Plain = std::remove_cv_t<T>;
    if constexpr (std::is_pointer_v<Plain>) {
        return 'p';
    } else if constexpr (std::is_same_v<Plain, double>) {
        return 'd';
    } else {
        static_assert(std::is_integral_v<Plain> && sizeof(Plain) == 4, "kernel parameters: pointers, 32-bit ints, doubles");
        return 'i';
    }
}

template <auto Kernel>
struct Launcher;

// kernelParams[i] points at the value of argument i, as the driver API specifies.
template <typename... Args, void (*Kernel)(Args...)>
struct Launcher<Kernel> {
    template <std::size_t... I>
    static void run(void** parameters, unsigned grid, unsigned block, std::index_sequence<I...>) {
        gridDim = dim3{grid, 1, 1};
        blockDim = dim3{block, 1, 1};
        for (unsigned b = 0; b < grid; b++) {
            blockIdx = dim3{b, 0, 0};
            for (unsigned t = 0; t < block; t++) {
                threadIdx = dim3{t, 0, 0};
                Kernel(*static_cast<std::remove_cv_t<Args>*>(parameters[I])...);
            }
        }
    }

    static void launch(void** parameters, unsigned grid, unsigned block) {
        run(parameters, grid, block, std::index_sequence_for<Args...>{});
    }

    template <std::size_t... I>
    static bool checkAll(void** parameters, const PointerCheck& check, std::string& problem,
                         std::index_sequence<I...>) {
        bool ok = true;
        auto one = [&](std::size_t index, char k) {
            if (ok && k == 'p') {
                const void* pointer = *static_cast<const void* const*>(parameters[index]);
                if (!check(pointer, problem)) {
                    problem = "argument " + std::to_string(index) + ": " + problem;
                    ok = false;
                }
            }
        };
        (one(I, kind<Args>()), ...);
        return ok;
    }

    static bool checkPointers(void** parameters, const PointerCheck& check, std::string& problem) {
        return checkAll(parameters, check, problem, std::index_sequence_for<Args...>{});
    }

    static std::string signature() {
        return std::string{kind<Args>()...};
    }
};

#define MANYNUTS_KERNEL(name) \
    HostKernel { #name, &Launcher<&name>::launch, &Launcher<&name>::checkPointers, &Launcher<&name>::signature }

// Every extern "C" entry of those sources, listed by build-standin.sh.
const HostKernel KERNELS[] = {
#include "kernel_entries.inc"
};

}  // namespace

const HostKernel* find_host_kernel(const std::string& name) {
    for (const HostKernel& kernel : KERNELS) {
        if (name == kernel.name) {
            return &kernel;
        }
    }
    return nullptr;
}

#ifdef MANYNUTS_KERNEL_PLUGIN
// The plugin's one exported symbol: its kernel of that entry name, or null.
extern "C" __attribute__((visibility("default"))) const HostKernel* manynuts_plugin_kernel(const char* name) {
    return find_host_kernel(name);
}
#endif
