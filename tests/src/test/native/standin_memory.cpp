// The stand-in driver's memory calls: device and pinned allocations, copies, memset and streams (streams run
// everything at once on the calling thread). Test equipment only.
#include "standin_state.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace standin;

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

static CUresult copy_to_device(CUdeviceptr destination, const void* source, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    counts.copies++;
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

static CUresult copy_to_host(void* destination, CUdeviceptr source, size_t bytes) {
    std::lock_guard<std::mutex> guard(mutex);
    counts.copies++;
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

CUAPI CUresult cuMemcpyHtoD_v2(CUdeviceptr destination, const void* source, size_t bytes) {
    counts.waits++;
    return copy_to_device(destination, source, bytes);
}

CUAPI CUresult cuMemcpyDtoH_v2(void* destination, CUdeviceptr source, size_t bytes) {
    counts.waits++;
    return copy_to_host(destination, source, bytes);
}

// Streams run everything at once on the calling thread, so asynchronous copies are synchronous ones.
CUAPI CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr destination, const void* source, size_t bytes, void* stream) {
    {
        std::lock_guard<std::mutex> guard(mutex);
        if (!valid_stream(stream)) {
            return fail(INVALID_HANDLE, "cuMemcpyHtoDAsync: unknown stream");
        }
    }
    return copy_to_device(destination, source, bytes);
}

CUAPI CUresult cuMemcpyDtoHAsync_v2(void* destination, CUdeviceptr source, size_t bytes, void* stream) {
    {
        std::lock_guard<std::mutex> guard(mutex);
        if (!valid_stream(stream)) {
            return fail(INVALID_HANDLE, "cuMemcpyDtoHAsync: unknown stream");
        }
    }
    return copy_to_host(destination, source, bytes);
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

// Events: every queued operation has run by the time the call that queued it returns, so recording, waiting for and
// synchronising with an event only check their handles.
CUAPI CUresult cuEventCreate(void** event, unsigned int flags) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (event == nullptr || flags > 0xF) {
        return INVALID_VALUE;
    }
    Event* created = new Event{current};
    events.insert(created);
    *event = created;
    return SUCCESS;
}

CUAPI CUresult cuEventDestroy_v2(void* event) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status != SUCCESS) {
        return status;
    }
    if (!valid_event(event)) {
        return fail(INVALID_HANDLE, "cuEventDestroy: not an event of the current context");
    }
    events.erase(static_cast<Event*>(event));
    delete static_cast<Event*>(event);
    return SUCCESS;
}

CUAPI CUresult cuEventRecord(void* event, void* stream) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS && !valid_event(event)) {
        status = fail(INVALID_HANDLE, "cuEventRecord: not an event of the current context");
    }
    if (status == SUCCESS && !valid_stream(stream)) {
        status = fail(INVALID_HANDLE, "cuEventRecord: unknown stream");
    }
    return status;
}

CUAPI CUresult cuEventSynchronize(void* event) {
    std::lock_guard<std::mutex> guard(mutex);
    counts.waits++;
    CUresult status = ready();
    if (status == SUCCESS && !valid_event(event)) {
        status = fail(INVALID_HANDLE, "cuEventSynchronize: not an event of the current context");
    }
    return status;
}

CUAPI CUresult cuEventQuery(void* event) {
    return cuEventSynchronize(event);
}

CUAPI CUresult cuStreamWaitEvent(void* stream, void* event, unsigned int flags) {
    std::lock_guard<std::mutex> guard(mutex);
    CUresult status = ready();
    if (status == SUCCESS && (!valid_stream(stream) || !valid_event(event) || flags != 0)) {
        status = fail(INVALID_HANDLE, "cuStreamWaitEvent: unknown stream or event, or flags");
    }
    return status;
}

CUAPI CUresult cuStreamSynchronize(void* stream) {
    std::lock_guard<std::mutex> guard(mutex);
    counts.waits++;
    CUresult status = ready();
    if (status == SUCCESS && !valid_stream(stream)) {
        status = fail(INVALID_HANDLE, "cuStreamSynchronize: unknown stream");
    }
    return status;
}

