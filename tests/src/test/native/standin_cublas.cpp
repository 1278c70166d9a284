// A stand-in for cuBLAS (libcublas.so.12) that runs on the CPU, next to the stand-in driver: what the CUDA backend's
// CublasMatrixProducts calls through JCublas (create, destroy, set stream, dgemm, sgemm, and the queries around
// them) with cuBLAS's argument checks, plus the stand-in driver's check that every matrix lies inside one live
// device allocation of the current context (where a GPU would fault). Test equipment only: it is never shipped.
//
// The products sum each element's k terms in a different order from the own gemm kernel and the CPU model on
// purpose: four interleaved partial sums with fused multiply-adds, joined pairwise, as a GPU's tiled kernel
// might. So the tests that run through it see last-bit differences from the CPU, as on a GPU with cuBLAS, and must
// compare within a tolerance.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>

#define CUBLASAPI extern "C" __attribute__((visibility("default")))

typedef int cublasStatus_t;
typedef int CUresult;
typedef unsigned long long CUdeviceptr;

// From the stand-in driver (libcuda.so.1), which this library links against as cuBLAS links the CUDA runtime.
extern "C" CUresult cuCtxGetCurrent(void** context);
extern "C" CUresult cuMemGetAddressRange_v2(CUdeviceptr* base, size_t* size, CUdeviceptr pointer);

namespace {

enum : cublasStatus_t {
    SUCCESS = 0,
    NOT_INITIALIZED = 1,
    ALLOC_FAILED = 3,
    INVALID_VALUE = 7,
    EXECUTION_FAILED = 13,
    NOT_SUPPORTED = 15,
};

enum Operation { OP_N = 0, OP_T = 1, OP_C = 2 };
enum PointerMode { POINTER_MODE_HOST = 0, POINTER_MODE_DEVICE = 1 };

struct Handle {
    void* context;
    void* stream;
    int pointerMode;
};

std::mutex mutex;
std::set<Handle*> handles;

cublasStatus_t fail(cublasStatus_t status, const std::string& message) {
    std::fprintf(stderr, "[manynuts stand-in cuBLAS] %s\n", message.c_str());
    return status;
}

// A live handle used in the context it was created in.
cublasStatus_t check_handle(void* handle, const char* call) {
    std::lock_guard<std::mutex> guard(mutex);
    Handle* live = static_cast<Handle*>(handle);
    if (handle == nullptr || handles.count(live) == 0) {
        return fail(NOT_INITIALIZED, std::string(call) + ": not a live cuBLAS handle");
    }
    void* context = nullptr;
    if (cuCtxGetCurrent(&context) != 0 || context != live->context) {
        return fail(EXECUTION_FAILED, std::string(call) + ": the handle's context is not current on this thread");
    }
    return SUCCESS;
}

// Whether [pointer, pointer + bytes) lies inside one live device allocation of the current context.
bool on_device(const void* pointer, size_t bytes) {
    CUdeviceptr base = 0;
    size_t size = 0;
    CUdeviceptr start = reinterpret_cast<uintptr_t>(pointer);
    return cuMemGetAddressRange_v2(&base, &size, start) == 0 && start + bytes <= base + size;
}

// Bytes spanned by a column-major rows x columns matrix with leading dimension ld.
size_t extent(int rows, int columns, int ld, size_t element) {
    return (static_cast<size_t>(columns - 1) * ld + rows) * element;
}

bool valid_operation(int operation) {
    return operation == OP_N || operation == OP_T || operation == OP_C;
}

// C = alpha op(A) op(B) + beta C, column-major, with cuBLAS's checks (cublas<t>gemm's list of INVALID_VALUE cases).
template <typename T>
cublasStatus_t gemm(const char* call, void* handle, int transa, int transb, int m, int n, int k, const T* alpha,
                    const T* a, int lda, const T* b, int ldb, const T* beta, T* c, int ldc) {
    cublasStatus_t status = check_handle(handle, call);
    if (status != SUCCESS) {
        return status;
    }
    bool aTransposed = transa != OP_N;
    bool bTransposed = transb != OP_N;
    int aRows = aTransposed ? k : m;
    int bRows = bTransposed ? n : k;
    if (!valid_operation(transa) || !valid_operation(transb) || m < 0 || n < 0 || k < 0
            || lda < std::max(1, aRows) || ldb < std::max(1, bRows) || ldc < std::max(1, m)
            || alpha == nullptr || beta == nullptr) {
        return fail(INVALID_VALUE, std::string(call) + ": invalid argument (m " + std::to_string(m) + ", n "
                + std::to_string(n) + ", k " + std::to_string(k) + ", lda " + std::to_string(lda) + ", ldb "
                + std::to_string(ldb) + ", ldc " + std::to_string(ldc) + ")");
    }
    if (m == 0 || n == 0) {
        return SUCCESS;
    }
    if (static_cast<Handle*>(handle)->pointerMode == POINTER_MODE_DEVICE
            && (!on_device(alpha, sizeof(T)) || !on_device(beta, sizeof(T)))) {
        return fail(EXECUTION_FAILED, std::string(call) + ": alpha or beta is not device memory in device mode");
    }
    T alphaValue = *alpha;
    T betaValue = *beta;
    bool readsProducts = k > 0 && alphaValue != T(0);
    if ((readsProducts && (!on_device(a, extent(aRows, aTransposed ? m : k, lda, sizeof(T)))
                           || !on_device(b, extent(bRows, bTransposed ? k : n, ldb, sizeof(T)))))
            || !on_device(c, extent(m, n, ldc, sizeof(T)))) {
        return fail(EXECUTION_FAILED, std::string(call) + ": a matrix reaches outside every live device "
                "allocation of the current context (a GPU would fault: illegal address)");
    }
    for (int column = 0; column < n; column++) {
        for (int row = 0; row < m; row++) {
            T partial[4] = {T(0), T(0), T(0), T(0)};
            if (readsProducts) {
                for (int l = 0; l < k; l++) {
                    T aValue = aTransposed ? a[l + static_cast<long long>(row) * lda]
                                           : a[row + static_cast<long long>(l) * lda];
                    T bValue = bTransposed ? b[column + static_cast<long long>(l) * ldb]
                                           : b[l + static_cast<long long>(column) * ldb];
                    partial[l % 4] = std::fma(aValue, bValue, partial[l % 4]);
                }
            }
            T sum = (partial[0] + partial[1]) + (partial[2] + partial[3]);
            T* out = c + row + static_cast<long long>(column) * ldc;
            // beta = 0 does not read C (it may hold NaN), as cuBLAS documents.
            *out = betaValue == T(0) ? alphaValue * sum : std::fma(alphaValue, sum, betaValue * *out);
        }
    }
    return SUCCESS;
}

}  // namespace

CUBLASAPI cublasStatus_t cublasCreate_v2(void** handle) {
    if (handle == nullptr) {
        return fail(INVALID_VALUE, "cublasCreate: null handle pointer");
    }
    void* context = nullptr;
    if (cuCtxGetCurrent(&context) != 0 || context == nullptr) {
        // The real library would initialise the runtime on device 0; the backend always has its context current.
        return fail(NOT_INITIALIZED, "cublasCreate: no current CUDA context on this thread");
    }
    std::lock_guard<std::mutex> guard(mutex);
    Handle* created = new Handle{context, nullptr, POINTER_MODE_HOST};
    handles.insert(created);
    *handle = created;
    return SUCCESS;
}

CUBLASAPI cublasStatus_t cublasDestroy_v2(void* handle) {
    std::lock_guard<std::mutex> guard(mutex);
    Handle* live = static_cast<Handle*>(handle);
    if (handle == nullptr || handles.erase(live) == 0) {
        return fail(NOT_INITIALIZED, "cublasDestroy: not a live cuBLAS handle");
    }
    delete live;
    return SUCCESS;
}

// Launches run when called (the stand-in driver executes kernels synchronously too), so the stream only has to be
// remembered; cuBLAS itself does not validate it either.
CUBLASAPI cublasStatus_t cublasSetStream_v2(void* handle, void* stream) {
    cublasStatus_t status = check_handle(handle, "cublasSetStream");
    if (status == SUCCESS) {
        static_cast<Handle*>(handle)->stream = stream;
    }
    return status;
}

CUBLASAPI cublasStatus_t cublasGetStream_v2(void* handle, void** stream) {
    cublasStatus_t status = check_handle(handle, "cublasGetStream");
    if (status == SUCCESS && stream == nullptr) {
        return fail(INVALID_VALUE, "cublasGetStream: null stream pointer");
    }
    if (status == SUCCESS) {
        *stream = static_cast<Handle*>(handle)->stream;
    }
    return status;
}

CUBLASAPI cublasStatus_t cublasSetPointerMode_v2(void* handle, int mode) {
    cublasStatus_t status = check_handle(handle, "cublasSetPointerMode");
    if (status == SUCCESS && mode != POINTER_MODE_HOST && mode != POINTER_MODE_DEVICE) {
        return fail(INVALID_VALUE, "cublasSetPointerMode: unknown mode " + std::to_string(mode));
    }
    if (status == SUCCESS) {
        static_cast<Handle*>(handle)->pointerMode = mode;
    }
    return status;
}

CUBLASAPI cublasStatus_t cublasGetPointerMode_v2(void* handle, int* mode) {
    cublasStatus_t status = check_handle(handle, "cublasGetPointerMode");
    if (status == SUCCESS && mode == nullptr) {
        return fail(INVALID_VALUE, "cublasGetPointerMode: null mode pointer");
    }
    if (status == SUCCESS) {
        *mode = static_cast<Handle*>(handle)->pointerMode;
    }
    return status;
}

CUBLASAPI cublasStatus_t cublasDgemm_v2(void* handle, int transa, int transb, int m, int n, int k,
                                        const double* alpha, const double* a, int lda, const double* b, int ldb,
                                        const double* beta, double* c, int ldc) {
    return gemm("cublasDgemm", handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

CUBLASAPI cublasStatus_t cublasSgemm_v2(void* handle, int transa, int transb, int m, int n, int k,
                                        const float* alpha, const float* a, int lda, const float* b, int ldb,
                                        const float* beta, float* c, int ldc) {
    return gemm("cublasSgemm", handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

CUBLASAPI cublasStatus_t cublasGetVersion_v2(void* handle, int* version) {
    if (version == nullptr) {
        return INVALID_VALUE;
    }
    *version = 120603;
    return SUCCESS;
}

// These three return values, not a status: a stub's status would be misread as a pointer or a version.
CUBLASAPI size_t cublasGetCudartVersion() {
    return 12060;
}

CUBLASAPI const char* cublasGetStatusName(cublasStatus_t status) {
    switch (status) {
        case SUCCESS: return "CUBLAS_STATUS_SUCCESS";
        case NOT_INITIALIZED: return "CUBLAS_STATUS_NOT_INITIALIZED";
        case ALLOC_FAILED: return "CUBLAS_STATUS_ALLOC_FAILED";
        case INVALID_VALUE: return "CUBLAS_STATUS_INVALID_VALUE";
        case EXECUTION_FAILED: return "CUBLAS_STATUS_EXECUTION_FAILED";
        case NOT_SUPPORTED: return "CUBLAS_STATUS_NOT_SUPPORTED";
        default: return "CUBLAS_STATUS_UNKNOWN";
    }
}

CUBLASAPI const char* cublasGetStatusString(cublasStatus_t status) {
    return cublasGetStatusName(status);
}

// Every other call JCublas's JNI library imports: present so the library links, refused when called.
#define MANYNUTS_CUBLAS_UNSUPPORTED(name) \
    CUBLASAPI cublasStatus_t name(...) { return fail(NOT_SUPPORTED, #name " is not emulated by the stand-in cuBLAS"); }
#include "cublas_unsupported_calls.inc"
