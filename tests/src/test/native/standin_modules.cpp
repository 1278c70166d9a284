// The stand-in driver's module calls: PTX modules, their functions (checked against the host-compiled kernels) and
// launches, which run the kernels of kernel_registry.cpp one CUDA thread at a time. Test equipment only.
#include "standin_state.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <dlfcn.h>

using namespace standin;

namespace {

// Kernels compiled for the host outside this library, as plugins (kernel_registry.cpp built with
// MANYNUTS_KERNEL_PLUGIN): every *.so in the folder named by MANYNUTS_STANDIN_KERNELS, asked in name order. A test
// writes a Stan program's plugin there before the backend loads the program's PTX. Opened libraries stay loaded.
const HostKernel* find_plugin_kernel(const std::string& name) {
    const char* folder = std::getenv("MANYNUTS_STANDIN_KERNELS");
    if (folder == nullptr) {
        return nullptr;
    }
    struct dirent** entries = nullptr;
    int count = scandir(folder, &entries, nullptr, alphasort);
    const HostKernel* found = nullptr;
    for (int i = 0; i < count; i++) {
        std::string file = entries[i]->d_name;
        if (found == nullptr && file.size() > 3 && file.compare(file.size() - 3, 3, ".so") == 0) {
            void* library = dlopen((std::string(folder) + "/" + file).c_str(), RTLD_NOW | RTLD_LOCAL);
            if (library != nullptr) {
                using Lookup = const HostKernel* (*)(const char*);
                auto lookup = reinterpret_cast<Lookup>(dlsym(library, "manynuts_plugin_kernel"));
                found = lookup == nullptr ? nullptr : lookup(name.c_str());
            }
        }
        free(entries[i]);
    }
    free(entries);
    return found;
}

// The PTX ISA of a module's .version line (major * 10 + minor), or -1 where there is none.
int ptx_isa(const char* text) {
    const char* line = std::strstr(text, ".version ");
    int major = 0;
    int minor = 0;
    if (line == nullptr || std::sscanf(line, ".version %d.%d", &major, &minor) != 2) {
        return -1;
    }
    return major * 10 + minor;
}

}  // namespace

CUAPI CUresult cuModuleLoadData(void** module, const void* image) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (module == nullptr || image == nullptr) {
        return INVALID_VALUE;
    }
    int isa = ptx_isa(static_cast<const char*>(image));
    if (isa > DRIVER_PTX_ISA) {
        return fail(UNSUPPORTED_PTX_VERSION, "cuModuleLoadData: Unsupported .version " + std::to_string(isa / 10) + "."
            + std::to_string(isa % 10) + "; current version is '" + std::to_string(DRIVER_PTX_ISA / 10) + "."
            + std::to_string(DRIVER_PTX_ISA % 10) + "'");
    }
    auto loaded = std::make_unique<Module>();
    loaded->context = current;
    if (!parse_ptx(static_cast<const char*>(image), loaded->entries)) {
        return fail(INVALID_IMAGE, "cuModuleLoadData: the image is not PTX with .entry declarations");
    }
    modules.insert(loaded.get());
    *module = loaded.release();
    return SUCCESS;
}

CUAPI CUresult cuModuleUnload(void* module) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (!valid_module(module)) {
        return fail(INVALID_HANDLE, "cuModuleUnload: not a module of the current context");
    }
    modules.erase(static_cast<Module*>(module));
    delete static_cast<Module*>(module);
    return SUCCESS;
}

// The function must be an .entry of the module's PTX, exist among the host-compiled kernels, and take the same
// parameters in both.
CUAPI CUresult cuModuleGetFunction(void** function, void* module, const char* name) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (function == nullptr || name == nullptr) {
        return INVALID_VALUE;
    }
    if (!valid_module(module)) {
        return fail(INVALID_HANDLE, "cuModuleGetFunction: not a module of the current context");
    }
    Module* owner = static_cast<Module*>(module);
    auto entry = owner->entries.find(name);
    if (entry == owner->entries.end()) {
        return fail(NOT_FOUND, std::string("cuModuleGetFunction: no .entry ") + name + " in the module's PTX");
    }
    const HostKernel* kernel = find_host_kernel(name);
    if (kernel == nullptr) {
        kernel = find_plugin_kernel(name);
    }
    if (kernel == nullptr) {
        return fail(NOT_FOUND, std::string("cuModuleGetFunction: no host-compiled kernel ") + name);
    }
    if (kernel->signature() != entry->second) {
        return fail(INVALID_IMAGE, std::string("cuModuleGetFunction: ") + name + " takes (" + entry->second
                + ") in the PTX but (" + kernel->signature() + ") on the host");
    }
    owner->functions.push_back(std::make_unique<Function>(Function{owner, kernel}));
    *function = owner->functions.back().get();
    return SUCCESS;
}

CUAPI CUresult cuLaunchKernel(void* function, unsigned gridX, unsigned gridY, unsigned gridZ, unsigned blockX,
                              unsigned blockY, unsigned blockZ, unsigned sharedBytes, void* stream,
                              void** parameters, void** extra) {
    const HostKernel* kernel = nullptr;
    {
        std::lock_guard<std::mutex> guard(mutex);
        CUresult status = ready();
        if (status != SUCCESS) {
            return status;
        }
        if (!valid_stream(stream)) {
            return fail(INVALID_HANDLE, "cuLaunchKernel: unknown stream");
        }
        Function* launched = static_cast<Function*>(function);
        bool known = false;
        for (Module* module : modules) {
            for (auto& candidate : module->functions) {
                known = known || (candidate.get() == launched && module->context == current);
            }
        }
        if (!known) {
            return fail(INVALID_HANDLE, "cuLaunchKernel: not a function of a module of the current context");
        }
        kernel = launched->kernel;
        // The kernels are one-dimensional and use no shared memory; anything else is a launch bug.
        if (gridX == 0 || blockX == 0 || gridY != 1 || gridZ != 1 || blockY != 1 || blockZ != 1
                || blockX > MAX_THREADS_PER_BLOCK || sharedBytes != 0 || extra != nullptr || parameters == nullptr) {
            return fail(INVALID_VALUE, std::string("cuLaunchKernel(") + kernel->name + "): unsupported launch shape");
        }
        std::string problem;
        PointerCheck check = [](const void* pointer, std::string& message) {
            if (!inside_allocation(reinterpret_cast<uintptr_t>(pointer), 1)) {
                message = "not a device address";
                return false;
            }
            return true;
        };
        if (!kernel->checkPointers(parameters, check, problem)) {
            return fail(LAUNCH_FAILED, std::string("cuLaunchKernel(") + kernel->name + "): " + problem);
        }
    }
    counts.launches++;
    kernel->launch(parameters, gridX, blockX);
    return SUCCESS;
}
