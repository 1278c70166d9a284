// The stand-in driver's shared state and checks: error codes, contexts, allocations, streams and modules, used by
// the driver calls of standin_driver.cpp (initialisation, devices, contexts), standin_memory.cpp (memory, copies,
// streams) and standin_modules.cpp (modules and launches). Test equipment only.
#ifndef MANYNUTS_STANDIN_STATE_H
#define MANYNUTS_STANDIN_STATE_H

#include "kernel_registry.h"

#include <atomic>
#include <cstdint>
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

namespace standin {

enum : CUresult {
    SUCCESS = 0,
    INVALID_VALUE = 1,
    OUT_OF_MEMORY = 2,
    NOT_INITIALIZED = 3,
    STUB_LIBRARY = 34,
    NO_DEVICE = 100,
    INVALID_DEVICE = 101,
    INVALID_IMAGE = 200,
    UNSUPPORTED_PTX_VERSION = 222,
    INVALID_CONTEXT = 201,
    INVALID_HANDLE = 400,
    NOT_FOUND = 500,
    LAUNCH_FAILED = 719,
    NOT_SUPPORTED = 801,
};

constexpr size_t DEVICE_MEMORY = size_t(1) << 30;
constexpr int DRIVER_VERSION = 12060;
// The newest PTX ISA a CUDA 12.6 driver reads (8.5), as major * 10 + minor: newer PTX is refused, as a driver does.
constexpr int DRIVER_PTX_ISA = 85;
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

// Work runs when it is queued, so an event is complete as soon as it is recorded; it only has to exist.
struct Event {
    Context* context;
};

struct Allocation {
    size_t bytes;
    Context* context;
};

// What a run asked of the driver, printed to standard error at exit where MANYNUTS_STANDIN_COUNTS is set: kernel
// launches, copies between host and device (synchronous or queued), and host waits (stream, event and context
// synchronisations, and the synchronous copies, which wait too).
struct CallCounts {
    std::atomic<long long> launches{0};
    std::atomic<long long> copies{0};
    std::atomic<long long> waits{0};
    ~CallCounts();
};
extern CallCounts counts;
extern std::mutex mutex;
extern bool initialized;
extern int device_count;
extern Context primaries[MAX_DEVICES];
extern std::map<uintptr_t, Allocation> device_allocations;
extern std::set<void*> host_allocations;
extern std::set<Module*> modules;
extern std::set<Stream*> streams;
extern std::set<Event*> events;
// The context bound to the calling thread (cuCtxSetCurrent).
extern thread_local Context* current;

// The checks of standin_state.cpp; call those that read the state with the mutex held.
bool valid_device(CUdevice device);
CUresult fail(CUresult code, const std::string& message);
CUresult ready();
bool inside_allocation(uintptr_t pointer, size_t bytes);
CUresult check_device_range(CUdeviceptr pointer, size_t bytes, const char* call);
bool valid_stream(void* stream);
bool valid_event(void* event);
bool valid_module(void* module);
bool parse_ptx(const char* text, std::map<std::string, std::string>& entries);

}  // namespace standin

#endif
