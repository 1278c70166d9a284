// A stand-in for the CUDA driver library (libcuda.so.1) that runs on the CPU: the driver calls the CUDA backend
// makes, with the driver's checks that matter (initialisation, a current context on the calling thread, live
// device allocations, kernels present in the loaded PTX with the same parameters), and kernel launches that run
// the host-compiled kernels of kernel_registry.cpp. Test equipment only: it is never shipped.
//
// MANYNUTS_STANDIN_MODE, read at cuInit, makes it impersonate other machines: "stub" (the toolkit's stub library,
// CUDA_ERROR_STUB_LIBRARY) or "no-device" (a driver without a device, CUDA_ERROR_NO_DEVICE).
// MANYNUTS_STANDIN_DEVICES (1 to 8, default 1), read at cuInit, sets how many devices it reports. Each device has
// its own primary context, and memory, streams and modules belong to the context that made them: using them while
// another device's context is current fails, as it would on GPUs without peer access.
#include "kernel_registry.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#define CUAPI extern "C" __attribute__((visibility("default")))

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

namespace {

enum : CUresult {
    SUCCESS = 0,
    INVALID_VALUE = 1,
    OUT_OF_MEMORY = 2,
    NOT_INITIALIZED = 3,
    STUB_LIBRARY = 34,
    NO_DEVICE = 100,
    INVALID_DEVICE = 101,
    INVALID_IMAGE = 200,
    INVALID_CONTEXT = 201,
    INVALID_HANDLE = 400,
    NOT_FOUND = 500,
    LAUNCH_FAILED = 719,
    NOT_SUPPORTED = 801,
};

constexpr size_t DEVICE_MEMORY = size_t(1) << 30;
constexpr int DRIVER_VERSION = 12060;
constexpr unsigned MAX_THREADS_PER_BLOCK = 1024;
constexpr int MAX_DEVICES = 8;

struct Context {
    int retains = 0;
    size_t bytes = 0;
};

struct Module;

struct Function {
    Module* module;
    const HostKernel* kernel;
};

struct Module {
    Context* context;
    // Entry name -> parameter kinds ('p' .u64, 'i' .u32/.s32, 'd' .f64) read from the PTX.
    std::map<std::string, std::string> entries;
    std::vector<std::unique_ptr<Function>> functions;
};

struct Stream {
    Context* context;
};

struct Allocation {
    size_t bytes;
    Context* context;
};

std::mutex mutex;
bool initialized = false;
int device_count = 1;
Context primaries[MAX_DEVICES];
std::map<uintptr_t, Allocation> device_allocations;
std::set<void*> host_allocations;
std::set<Module*> modules;
std::set<Stream*> streams;
thread_local Context* current = nullptr;

bool valid_device(CUdevice device) {
    return device >= 0 && device < device_count;
}

CUresult fail(CUresult code, const std::string& message) {
    std::fprintf(stderr, "[manynuts stand-in driver] %s\n", message.c_str());
    return code;
}

// Every call but the queries before cuInit needs an initialised driver and a context bound to this thread.
CUresult ready() {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (current == nullptr || current->retains == 0) {
        return fail(INVALID_CONTEXT, "no current context on this thread");
    }
    return SUCCESS;
}

// Whether [pointer, pointer + bytes) lies inside one live device allocation of the current context; call with the
// mutex held.
bool inside_allocation(uintptr_t pointer, size_t bytes) {
    auto next = device_allocations.upper_bound(pointer);
    if (next == device_allocations.begin()) {
        return false;
    }
    auto allocation = std::prev(next);
    return pointer >= allocation->first && pointer + bytes <= allocation->first + allocation->second.bytes
            && bytes > 0 && allocation->second.context == current;
}

CUresult check_device_range(CUdeviceptr pointer, size_t bytes, const char* call) {
    if (!inside_allocation(static_cast<uintptr_t>(pointer), bytes)) {
        return fail(INVALID_VALUE, std::string(call) + ": " + std::to_string(bytes)
                + " bytes at a device address outside every live allocation of the current context");
    }
    return SUCCESS;
}

// The default stream, or a live stream of the current context.
bool valid_stream(void* stream) {
    return stream == nullptr || (streams.count(static_cast<Stream*>(stream)) != 0
                                 && static_cast<Stream*>(stream)->context == current);
}

// A live module of the current context.
bool valid_module(void* module) {
    return modules.count(static_cast<Module*>(module)) != 0 && static_cast<Module*>(module)->context == current;
}

// Reads the .entry declarations of PTX text: names and parameter kinds.
bool parse_ptx(const char* text, std::map<std::string, std::string>& entries) {
    std::string ptx(text);
    if (ptx.find(".version") == std::string::npos || ptx.find(".target") == std::string::npos) {
        return false;
    }
    size_t at = 0;
    while ((at = ptx.find(".entry ", at)) != std::string::npos) {
        size_t open = ptx.find('(', at);
        size_t close = ptx.find(')', open);
        if (open == std::string::npos || close == std::string::npos) {
            return false;
        }
        std::string name = ptx.substr(at + 7, open - at - 7);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\n' || name.back() == '\t')) {
            name.pop_back();
        }
        std::string kinds;
        size_t param = open;
        while ((param = ptx.find(".param ", param)) != std::string::npos && param < close) {
            std::string type = ptx.substr(param + 7, 4);
            kinds += type == ".u64" || type == ".b64" ? 'p' : type == ".f64" ? 'd' : 'i';
            param += 7;
        }
        entries[name] = kinds;
        at = close;
    }
    return !entries.empty();
}

}  // namespace

CUAPI CUresult cuInit(unsigned int flags) {
    std::lock_guard<std::mutex> guard(mutex);
    if (flags != 0) {
        return INVALID_VALUE;
    }
    const char* mode = std::getenv("MANYNUTS_STANDIN_MODE");
    if (mode != nullptr && std::strcmp(mode, "stub") == 0) {
        return STUB_LIBRARY;
    }
    if (mode != nullptr && std::strcmp(mode, "no-device") == 0) {
        return NO_DEVICE;
    }
    const char* devices = std::getenv("MANYNUTS_STANDIN_DEVICES");
    if (devices != nullptr) {
        int count = std::atoi(devices);
        if (count < 1 || count > MAX_DEVICES) {
            return fail(INVALID_VALUE, std::string("MANYNUTS_STANDIN_DEVICES=") + devices + ": expected 1 to 8");
        }
        device_count = count;
    }
    initialized = true;
    return SUCCESS;
}

CUAPI CUresult cuDriverGetVersion(int* version) {
    if (version == nullptr) {
        return INVALID_VALUE;
    }
    *version = DRIVER_VERSION;
    return SUCCESS;
}

CUAPI CUresult cuDeviceGetCount(int* count) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (count == nullptr) {
        return INVALID_VALUE;
    }
    *count = device_count;
    return SUCCESS;
}

CUAPI CUresult cuDeviceGet(CUdevice* device, int ordinal) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (device == nullptr) {
        return INVALID_VALUE;
    }
    if (!valid_device(ordinal)) {
        return INVALID_DEVICE;
    }
    *device = ordinal;
    return SUCCESS;
}

CUAPI CUresult cuDeviceGetName(char* name, int length, CUdevice device) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (!valid_device(device)) {
        return INVALID_DEVICE;
    }
    if (name == nullptr || length <= 0) {
        return INVALID_VALUE;
    }
    std::snprintf(name, static_cast<size_t>(length), "manynuts stand-in %d (kernels on the CPU)", device);
    return SUCCESS;
}

CUAPI CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice device) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (!valid_device(device)) {
        return INVALID_DEVICE;
    }
    if (bytes == nullptr) {
        return INVALID_VALUE;
    }
    *bytes = DEVICE_MEMORY;
    return SUCCESS;
}

CUAPI CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice device) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (!valid_device(device)) {
        return INVALID_DEVICE;
    }
    if (value == nullptr) {
        return INVALID_VALUE;
    }
    switch (attribute) {
        case 1:  // MAX_THREADS_PER_BLOCK
            *value = static_cast<int>(MAX_THREADS_PER_BLOCK);
            return SUCCESS;
        case 16:  // MULTIPROCESSOR_COUNT
            *value = 1;
            return SUCCESS;
        case 75:  // COMPUTE_CAPABILITY_MAJOR: that of the PTX target, compute_75
            *value = 7;
            return SUCCESS;
        case 76:  // COMPUTE_CAPABILITY_MINOR
            *value = 5;
            return SUCCESS;
        default:
            return fail(NOT_SUPPORTED, "cuDeviceGetAttribute: attribute " + std::to_string(attribute) + " is not emulated");
    }
}

CUAPI CUresult cuDevicePrimaryCtxRetain(void** context, CUdevice device) {
    std::lock_guard<std::mutex> guard(mutex);
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (!valid_device(device)) {
        return INVALID_DEVICE;
    }
    if (context == nullptr) {
        return INVALID_VALUE;
    }
    primaries[device].retains++;
    *context = &primaries[device];
    return SUCCESS;
}

CUAPI CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
    std::lock_guard<std::mutex> guard(mutex);
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (!valid_device(device)) {
        return INVALID_DEVICE;
    }
    Context* primary = &primaries[device];
    if (primary->retains == 0) {
        return fail(INVALID_CONTEXT, "cuDevicePrimaryCtxRelease: the primary context is not retained");
    }
    primary->retains--;
    if (primary->retains == 0) {
        size_t allocations = 0;
        for (const auto& allocation : device_allocations) {
            allocations += allocation.second.context == primary ? 1 : 0;
        }
        size_t liveModules = 0;
        for (Module* module : modules) {
            liveModules += module->context == primary ? 1 : 0;
        }
        size_t liveStreams = 0;
        for (Stream* stream : streams) {
            liveStreams += stream->context == primary ? 1 : 0;
        }
        if (allocations + liveModules + liveStreams > 0) {
            std::fprintf(stderr, "[manynuts stand-in driver] primary context of device %d released with %zu device "
                         "allocations, %zu modules and %zu streams still live\n", device, allocations, liveModules,
                         liveStreams);
        }
    }
    return SUCCESS;
}

CUAPI CUresult cuCtxSetCurrent(void* context) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    Context* primary = static_cast<Context*>(context);
    if (context != nullptr && (primary < primaries || primary >= primaries + device_count)) {
        return fail(INVALID_CONTEXT, "cuCtxSetCurrent: unknown context");
    }
    current = static_cast<Context*>(context);
    return SUCCESS;
}

CUAPI CUresult cuCtxGetCurrent(void** context) {
    if (!initialized) {
        return NOT_INITIALIZED;
    }
    if (context == nullptr) {
        return INVALID_VALUE;
    }
    *context = current;
    return SUCCESS;
}

CUAPI CUresult cuCtxSynchronize() {
    return ready();
}

CUAPI CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (free == nullptr || total == nullptr) {
        return INVALID_VALUE;
    }
    *free = DEVICE_MEMORY - current->bytes;
    *total = DEVICE_MEMORY;
    return SUCCESS;
}

CUAPI CUresult cuMemAlloc_v2(CUdeviceptr* pointer, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (pointer == nullptr || bytes == 0) {
        return INVALID_VALUE;
    }
    if (current->bytes + bytes > DEVICE_MEMORY) {
        return OUT_OF_MEMORY;
    }
    void* memory = std::malloc(bytes);
    if (memory == nullptr) {
        return OUT_OF_MEMORY;
    }
    device_allocations[reinterpret_cast<uintptr_t>(memory)] = Allocation{bytes, current};
    current->bytes += bytes;
    *pointer = reinterpret_cast<uintptr_t>(memory);
    return SUCCESS;
}

CUAPI CUresult cuMemFree_v2(CUdeviceptr pointer) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    auto allocation = device_allocations.find(static_cast<uintptr_t>(pointer));
    if (allocation == device_allocations.end() || allocation->second.context != current) {
        return fail(INVALID_VALUE, "cuMemFree: not the start of a live allocation of the current context");
    }
    current->bytes -= allocation->second.bytes;
    device_allocations.erase(allocation);
    std::free(reinterpret_cast<void*>(static_cast<uintptr_t>(pointer)));
    return SUCCESS;
}

// The live allocation of the current context that holds pointer (the stand-in cuBLAS checks its matrices with it).
CUAPI CUresult cuMemGetAddressRange_v2(CUdeviceptr* base, size_t* size, CUdeviceptr pointer) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (!inside_allocation(static_cast<uintptr_t>(pointer), 1)) {
        return NOT_FOUND;
    }
    auto allocation = std::prev(device_allocations.upper_bound(static_cast<uintptr_t>(pointer)));
    if (base != nullptr) {
        *base = allocation->first;
    }
    if (size != nullptr) {
        *size = allocation->second.bytes;
    }
    return SUCCESS;
}

CUAPI CUresult cuMemAllocHost_v2(void** pointer, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (pointer == nullptr || bytes == 0) {
        return INVALID_VALUE;
    }
    void* memory = std::malloc(bytes);
    if (memory == nullptr) {
        return OUT_OF_MEMORY;
    }
    host_allocations.insert(memory);
    *pointer = memory;
    return SUCCESS;
}

CUAPI CUresult cuMemFreeHost(void* pointer) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (host_allocations.erase(pointer) == 0) {
        return fail(INVALID_VALUE, "cuMemFreeHost: not a live pinned allocation");
    }
    std::free(pointer);
    return SUCCESS;
}

CUAPI CUresult cuMemsetD8_v2(CUdeviceptr destination, unsigned char value, size_t count) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS) {
        status = check_device_range(destination, count, "cuMemsetD8");
    }
    if (status == SUCCESS) {
        std::memset(reinterpret_cast<void*>(static_cast<uintptr_t>(destination)), value, count);
    }
    return status;
}

CUAPI CUresult cuMemcpyHtoD_v2(CUdeviceptr destination, const void* source, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS && source == nullptr) {
        status = INVALID_VALUE;
    }
    if (status == SUCCESS) {
        status = check_device_range(destination, bytes, "cuMemcpyHtoD");
    }
    if (status == SUCCESS) {
        std::memcpy(reinterpret_cast<void*>(static_cast<uintptr_t>(destination)), source, bytes);
    }
    return status;
}

CUAPI CUresult cuMemcpyDtoH_v2(void* destination, CUdeviceptr source, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS && destination == nullptr) {
        status = INVALID_VALUE;
    }
    if (status == SUCCESS) {
        status = check_device_range(source, bytes, "cuMemcpyDtoH");
    }
    if (status == SUCCESS) {
        std::memcpy(destination, reinterpret_cast<const void*>(static_cast<uintptr_t>(source)), bytes);
    }
    return status;
}

// Streams run everything at once on the calling thread, so asynchronous copies are synchronous ones.
CUAPI CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr destination, const void* source, size_t bytes, void* stream) {
    {
        std::lock_guard<std::mutex> guard(mutex);
        if (!valid_stream(stream)) {
            return fail(INVALID_HANDLE, "cuMemcpyHtoDAsync: unknown stream");
        }
    }
    return cuMemcpyHtoD_v2(destination, source, bytes);
}

CUAPI CUresult cuMemcpyDtoHAsync_v2(void* destination, CUdeviceptr source, size_t bytes, void* stream) {
    {
        std::lock_guard<std::mutex> guard(mutex);
        if (!valid_stream(stream)) {
            return fail(INVALID_HANDLE, "cuMemcpyDtoHAsync: unknown stream");
        }
    }
    return cuMemcpyDtoH_v2(destination, source, bytes);
}

CUAPI CUresult cuStreamCreate(void** stream, unsigned int flags) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (stream == nullptr || flags > 1) {
        return INVALID_VALUE;
    }
    Stream* created = new Stream{current};
    streams.insert(created);
    *stream = created;
    return SUCCESS;
}

CUAPI CUresult cuStreamDestroy_v2(void* stream) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (stream == nullptr || !valid_stream(stream)) {
        return fail(INVALID_HANDLE, "cuStreamDestroy: not a stream of the current context");
    }
    streams.erase(static_cast<Stream*>(stream));
    delete static_cast<Stream*>(stream);
    return SUCCESS;
}

CUAPI CUresult cuStreamSynchronize(void* stream) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS && !valid_stream(stream)) {
        status = fail(INVALID_HANDLE, "cuStreamSynchronize: unknown stream");
    }
    return status;
}

CUAPI CUresult cuModuleLoadData(void** module, const void* image) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (module == nullptr || image == nullptr) {
        return INVALID_VALUE;
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
    kernel->launch(parameters, gridX, blockX);
    return SUCCESS;
}

CUAPI CUresult cuGetErrorName(CUresult error, const char** name) {
    if (name == nullptr) {
        return INVALID_VALUE;
    }
    switch (error) {
        case SUCCESS: *name = "CUDA_SUCCESS"; break;
        case INVALID_VALUE: *name = "CUDA_ERROR_INVALID_VALUE"; break;
        case OUT_OF_MEMORY: *name = "CUDA_ERROR_OUT_OF_MEMORY"; break;
        case NOT_INITIALIZED: *name = "CUDA_ERROR_NOT_INITIALIZED"; break;
        case STUB_LIBRARY: *name = "CUDA_ERROR_STUB_LIBRARY"; break;
        case NO_DEVICE: *name = "CUDA_ERROR_NO_DEVICE"; break;
        case INVALID_DEVICE: *name = "CUDA_ERROR_INVALID_DEVICE"; break;
        case INVALID_IMAGE: *name = "CUDA_ERROR_INVALID_IMAGE"; break;
        case INVALID_CONTEXT: *name = "CUDA_ERROR_INVALID_CONTEXT"; break;
        case INVALID_HANDLE: *name = "CUDA_ERROR_INVALID_HANDLE"; break;
        case NOT_FOUND: *name = "CUDA_ERROR_NOT_FOUND"; break;
        case LAUNCH_FAILED: *name = "CUDA_ERROR_LAUNCH_FAILED"; break;
        case NOT_SUPPORTED: *name = "CUDA_ERROR_NOT_SUPPORTED"; break;
        default: *name = "CUDA_ERROR_UNKNOWN"; return INVALID_VALUE;
    }
    return SUCCESS;
}

CUAPI CUresult cuGetErrorString(CUresult error, const char** text) {
    return cuGetErrorName(error, text);
}

// Every other call JCuda's JNI library imports: present so the library links, refused when called.
#define MANYNUTS_UNSUPPORTED(name) \
    CUAPI CUresult name(...) { return fail(NOT_SUPPORTED, #name " is not emulated by the stand-in driver"); }
#include "unsupported_calls.inc"
