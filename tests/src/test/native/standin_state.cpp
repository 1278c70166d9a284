// The stand-in driver's shared state and the checks every driver call makes (see standin_state.h).
#include "standin_state.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace standin {

std::mutex mutex;
bool initialized = false;
int device_count = 1;
Context primaries[MAX_DEVICES];
std::map<uintptr_t, Allocation> device_allocations;
std::set<void*> host_allocations;
std::set<Module*> modules;
std::set<Stream*> streams;
std::set<Event*> events;
thread_local Context* current = nullptr;
CallCounts counts;

CallCounts::~CallCounts() {
    if (std::getenv("MANYNUTS_STANDIN_COUNTS") != nullptr) {
        std::fprintf(stderr, "[manynuts stand-in driver] %lld launches, %lld copies, %lld waits\n", launches.load(),
                     copies.load(), waits.load());
    }
}

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

// A live event of the current context.
bool valid_event(void* event) {
    return events.count(static_cast<Event*>(event)) != 0 && static_cast<Event*>(event)->context == current;
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

}  // namespace standin
