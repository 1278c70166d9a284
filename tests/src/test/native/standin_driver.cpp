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
//
// This file: initialisation, devices, primary contexts and error names; memory is in standin_memory.cpp and
// modules and launches in standin_modules.cpp.
#include "standin_state.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace standin;

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
        size_t liveEvents = 0;
        for (Event* event : events) {
            liveEvents += event->context == primary ? 1 : 0;
        }
        if (allocations + liveModules + liveStreams + liveEvents > 0) {
            std::fprintf(stderr, "[manynuts stand-in driver] primary context of device %d released with %zu device "
                         "allocations, %zu modules, %zu streams and %zu events still live\n", device, allocations,
                         liveModules, liveStreams, liveEvents);
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
    counts.waits++;
    return ready();
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
