// Instantiates the kernels of the file named by MANYNUTS_KERNELS_FILE in both precisions: over double state with the
// entries' own names (namespace manynuts_float64) and over float state with the names suffixed _f32
// (manynuts_float32). That file is written once over the type Real and names each entry MANYNUTS_ENTRY(name).
// No include guard on purpose: every .cu file of model-independent kernels includes it once.
#ifndef MANYNUTS_KERNELS_FILE
#error "define MANYNUTS_KERNELS_FILE, the header of kernels written over Real, before including both_precisions.cuh"
#endif

namespace manynuts_float64 {
using Real = double;
#define MANYNUTS_ENTRY(name) name
#include MANYNUTS_KERNELS_FILE
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float64

namespace manynuts_float32 {
using Real = float;
#define MANYNUTS_ENTRY(name) name##_f32
#include MANYNUTS_KERNELS_FILE
#undef MANYNUTS_ENTRY
}  // namespace manynuts_float32

#undef MANYNUTS_KERNELS_FILE
