// The host-compiled kernels by entry name, each with a launcher that unpacks cuLaunchKernel's argument array.
#ifndef MANYNUTS_KERNEL_REGISTRY_H
#define MANYNUTS_KERNEL_REGISTRY_H

#include <functional>
#include <string>
#include <vector>

// Returns false (and leaves a message) when an argument is not what the kernel may dereference.
using PointerCheck = std::function<bool(const void* pointer, std::string& problem)>;

struct HostKernel {
    const char* name;
    // Runs the kernel for grid x block threads with the arguments of cuLaunchKernel's kernelParams.
    void (*launch)(void** parameters, unsigned grid, unsigned block);
    // Checks every pointer argument with the callback before anything runs.
    bool (*checkPointers)(void** parameters, const PointerCheck& check, std::string& problem);
    // Parameter kinds in order: 'p' pointer, 'i' 32-bit integer, 'd' double; compared with the PTX .entry.
    std::string (*signature)();
};

const HostKernel* find_host_kernel(const std::string& name);

#endif
